/** 效能看板, pure: definitions, per-record contributions, deterministic rows, month sums, p95, ranges, CSV. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFINITIONS, definitionsMarkdown, INDICATOR_KEYS, PLATFORM_WIDE_KEYS } from '../../core/metrics/definitions';
import {
  bookingContributions, botAnswerContributions, catalogueContributions, completedCaseContributions, deliveryContributions,
  latencyBucket, ratingContributions, ticketContributions,
} from '../../core/metrics/contributions';
import { csvOf, indicatorFrom, indicatorsFrom, latencyP95, monthRows, place, rowsOf, sumRows } from '../../core/metrics/rows';
import { checkRange, coverage, granularityOf } from '../../core/metrics/range';
import { DomainError } from '../../core/envelope';

describe('definitions', () => {
  it('document every key with a Chinese numerator and denominator; the pinned keys are there', () => {
    for (const key of ['goodRate', 'onTimeRate', 'zeroVisitRate', 'autoAnswerRate', 'deliveryRate', 'noShowRate', 'rectifiedRate']) {
      expect(INDICATOR_KEYS).toContain(key);
    }
    expect(new Set(INDICATOR_KEYS).size).toBe(26);
    for (const d of DEFINITIONS) {
      expect(d.numerator).toMatch(/[\u4e00-\u9fa5]/);
      expect(d.denominator).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(DEFINITIONS.filter((d) => d.public).map((d) => d.key).sort()).toEqual(['goodRate', 'onTimeRate', 'zeroVisitRate']);
    expect(definitionsMarkdown().split('\n')).toHaveLength(2 + DEFINITIONS.length);
  });
});

describe('contributions', () => {
  it('a completed case counts on time against its (moved) promised date, its working days and 补正', () => {
    expect(completedCaseContributions({ completedOn: '2026-12-03', dueDate: '2026-12-03', usedDays: 4, supplemented: false }))
      .toEqual([{ key: 'onTimeRate', num: 1, den: 1 }, { key: 'avgHandlingDays', num: 4, den: 1 }, { key: 'correctionRate', num: 0, den: 1 }]);
    expect(completedCaseContributions({ completedOn: '2026-12-04', dueDate: '2026-12-03', usedDays: 6, supplemented: true })[0]).toEqual({ key: 'onTimeRate', num: 0, den: 1 });
    // 即办件: no clock, finished at once.
    expect(completedCaseContributions({ completedOn: '2026-12-04', supplemented: false })[0]).toEqual({ key: 'onTimeRate', num: 1, den: 1 });
  });

  it('bookings: no-shows and check-ins are out of due bookings, cancellations out of all', () => {
    expect(bookingContributions({ status: 'noShow' }).map((c) => `${c.key}:${c.num}/${c.den}`))
      .toEqual(['cancelRate:0/1', 'checkInRate:0/1', 'noShowRate:1/1', 'slotUtilisation:1/0']);
    expect(bookingContributions({ status: 'cancelled' }).map((c) => c.key)).toEqual(['cancelRate']);
    expect(bookingContributions({ status: 'booked' }).map((c) => c.key)).toEqual(['cancelRate', 'slotUtilisation']);
  });

  it('consult, push, ratings and tickets', () => {
    expect(botAnswerContributions({ handoff: false, thumbsDown: true })[0]).toEqual({ key: 'autoAnswerRate', num: 0, den: 1 });
    expect(deliveryContributions({ status: 'failed', errcode: 43101, opened: false }).map((c) => `${c.key}:${c.num}`)).toEqual(['deliveryRate:0', 'quotaExhaustedShare:1']);
    expect(deliveryContributions({ status: 'queued', opened: false })).toEqual([]);
    expect(deliveryContributions({ status: 'sent', latencySeconds: 7, opened: true }).map((c) => c.key)).toContain('deliveryLatency.3');
    expect(ratingContributions({ level: 4, excluded: true })).toEqual([]);
    expect(ratingContributions({ level: 3 })).toEqual([{ key: 'goodRate', num: 0, den: 1 }, { key: 'badRate', num: 0, den: 1 }]);
    expect(ticketContributions({ contacted: true, appealUpheld: true })).toEqual([]);
    expect(ticketContributions({ contacted: true, rectified: true, rectifiedOnTime: true }).map((c) => `${c.key}:${c.num}/${c.den}`))
      .toEqual(['badVisitRate:1/1', 'rectifiedRate:1/1', 'onTimeRectifiedRate:1/1']);
  });

  it('the catalogue: 承诺时限压缩比 is 1 − Σ承诺 ÷ Σ法定', () => {
    const m = (onlineDepth: number, onsiteVisits: number, statutoryDays: number, promisedDays: number) => ({ onlineDepth, onsiteVisits, caseKind: promisedDays ? '承诺件' : '即办件', statutoryDays, promisedDays });
    const c = catalogueContributions([m(4, 0, 20, 5), m(3, 1, 10, 0), m(1, 2, 0, 0)], { num: 1, den: 3 });
    expect(Object.fromEntries(c.map((x) => [x.key, [x.num, x.den]]))).toEqual({
      onlineRate: [2, 3], fullOnlineRate: [1, 3], zeroVisitRate: [1, 3], instantRate: [2, 3], timeCompressionRate: [25, 30],
    });
  });
});

describe('rows', () => {
  const placed = [
    ...place('psb', ratingContributions({ level: 5 })),
    ...place('hrss', ratingContributions({ level: 1 })),
    ...place(undefined, ratingContributions({ level: 4 })),
    ...place('psb', botAnswerContributions({ handoff: true, thumbsDown: false })),
  ];

  it('sum per department and into the city row `*`, with ids derived from what they count', () => {
    const rows = rowsOf('day', '2026-12-01', placed);
    const byId = Object.fromEntries(rows.map((r) => [r._id, [r.num, r.den]]));
    expect(byId['d|2026-12-01|*|*|goodRate']).toEqual([2, 3]);
    expect(byId['d|2026-12-01|psb|*|goodRate']).toEqual([1, 1]);
    expect(byId['d|2026-12-01|hrss|*|badRate']).toEqual([1, 1]);
    // Platform-wide keys never get a department row.
    expect(PLATFORM_WIDE_KEYS).toContain('handoffRate');
    expect(byId['d|2026-12-01|psb|*|handoffRate']).toBeUndefined();
    expect(byId['d|2026-12-01|*|*|handoffRate']).toEqual([1, 1]);
    expect(rowsOf('day', '2026-12-01', [...placed].reverse())).toEqual(rows);
  });

  it('indicators with a matter also get per-matter rows (city and department); the all-matters rows stay the same', () => {
    const withMatter = [
      ...place('psb', ratingContributions({ level: 5 }), 'M1'),
      ...place('psb', ratingContributions({ level: 1 }), 'M2'),
      ...place(undefined, ratingContributions({ level: 4 }), 'M1'),
      // A platform-wide key never gets a matter row, even when its record names one.
      ...place('psb', botAnswerContributions({ handoff: true, thumbsDown: false }), 'M1'),
    ];
    const rows = rowsOf('day', '2026-12-01', withMatter);
    const byId = Object.fromEntries(rows.map((r) => [r._id, [r.num, r.den]]));
    expect(byId['d|2026-12-01|*|*|goodRate']).toEqual([2, 3]);
    expect(byId['d|2026-12-01|psb|*|goodRate']).toEqual([1, 2]);
    expect(byId['d|2026-12-01|*|M1|goodRate']).toEqual([2, 2]);
    expect(byId['d|2026-12-01|psb|M1|goodRate']).toEqual([1, 1]);
    expect(byId['d|2026-12-01|psb|M2|badRate']).toEqual([1, 1]);
    expect(byId['d|2026-12-01|*|M2|goodRate']).toEqual([0, 1]);
    expect(rows.find((r) => r._id === 'd|2026-12-01|psb|M2|badRate')).toMatchObject({ department: 'psb', matter: 'M2', key: 'badRate' });
    expect(rows.some((r) => r.key === 'handoffRate' && r.matter !== '*')).toBe(false);
    expect(rowsOf('day', '2026-12-01', [...withMatter].reverse())).toEqual(rows);
    const months = monthRows('2026-12', rows);
    expect(months.find((r) => r._id === 'm|2026-12|psb|M1|goodRate')).toMatchObject({ matter: 'M1', num: 1, den: 1 });
  });

  it('month rows are the sums of the month’s day rows', () => {
    const days = [...rowsOf('day', '2026-11-30', placed), ...rowsOf('day', '2026-12-01', placed), ...rowsOf('day', '2026-12-02', placed)];
    const months = monthRows('2026-12', days);
    expect(months.find((r) => r._id === 'm|2026-12|*|*|goodRate')).toMatchObject({ num: 4, den: 6, date: '2026-12' });
    expect(months.find((r) => r._id === 'm|2026-12|psb|*|goodRate')).toMatchObject({ num: 2, den: 2 });
    expect(months.some((r) => r.date !== '2026-12')).toBe(false);
  });

  it('p95 from the latency histogram is the bound of the bucket holding the 95th percentile', () => {
    expect(latencyBucket(0.5)).toBe(0);
    expect(latencyBucket(3601)).toBe(11);
    const totals = sumRows([...Array(94).fill({ key: 'deliveryLatency.0', num: 1, den: 1 }), ...Array(6).fill({ key: 'deliveryLatency.4', num: 1, den: 1 })]);
    expect(latencyP95(totals)).toEqual({ num: 30, den: 100 });
    expect(indicatorFrom('deliveryP95Seconds', totals)).toMatchObject({ num: 30, den: 100, unit: 'percentile', unitLabel: '秒' });
    expect(indicatorsFrom(new Map())).toHaveLength(26);
  });

  it('CSV: UTF-8 BOM, header, quoted cells, percentages only where shown', () => {
    const csv = csvOf([{ departmentName: '示例市公安局', indicator: indicatorFrom('goodRate', sumRows([{ key: 'goodRate', num: 2, den: 3 }])) }], '部门,指标');
    expect(csv).toBe('\uFEFF部门,指标\r\n示例市公安局,好评率,goodRate,2,3,66.7%,\r\n');
    expect(csvOf([{ departmentName: 'a,"b"', indicator: indicatorFrom('onTimeRate', new Map()) }], 'h')).toContain('"a,""b""",按时办结率,onTimeRate,0,0,,');
  });
});

describe('ranges', () => {
  const code = (f: () => void) => { try { f(); return 'ok'; } catch (e) { return e instanceof DomainError ? `${e.code}:${e.message}` : 'other'; } };
  it('checks dates, order and length', () => {
    expect(code(() => checkRange('2026-01-01', '2026-12-31'))).toBe('ok');
    expect(code(() => checkRange('2026-02-29', '2026-03-01'))).toMatch(/^INVALID_INPUT:开始日期/);
    expect(code(() => checkRange('2026-03-02', '2026-03-01'))).toBe('INVALID_INPUT:开始日期不能晚于结束日期');
    expect(code(() => checkRange('2025-01-01', '2026-01-02'))).toBe('INVALID_INPUT:查询范围不能超过366天');
  });

  it('whole months are read as month rows, the edges as days', () => {
    expect(coverage('2026-10-30', '2026-12-02')).toEqual({ months: ['2026-11'], days: ['2026-10-30', '2026-10-31', '2026-12-01', '2026-12-02'] });
    expect(coverage('2026-11-01', '2026-11-30')).toEqual({ months: ['2026-11'], days: [] });
    expect(granularityOf('2026-11-01', '2026-12-31')).toBe('day');
    expect(granularityOf('2026-10-01', '2026-12-31')).toBe('month');
  });
});

it('README’s 效能看板指标定义 table is the definitions’ own table', () => {
  const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  expect(readme).toContain(definitionsMarkdown());
});
