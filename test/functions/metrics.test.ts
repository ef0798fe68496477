/** 效能看板 on the local cloud: known figures, today live, idempotent rollup, who sees what, drill-down, CSV, public board. */
import { sdk } from '../../local-cloud';
import type { Indicator } from '../../core/metrics/api';
import { ADMIN, CITIZEN, POLICE_CLERK, call, callBad, expectOk, fireTimer, present, startCloud } from './harness';
import { addDays, createCalendar } from '../../core/calendar/workdays';
import { application, importSeedCatalogue, noonOf, PSB_MATTER, rating, today, writeKnownDay, yesterday } from './metrics-fixtures';

process.env.PUSH_KICK = 'off';
jest.setTimeout(60_000);

const HRSS_CLERK = 'staff-hrss-openid';

const figure = (list: Indicator[], key: string) => {
  const i = present(list.find((x) => x.key === key), key);
  return { num: i.num, den: i.den };
};

async function dashboard(openid: string, from = yesterday(), to = yesterday(), departmentId?: string) {
  return expectOk(await call('metrics', 'dashboard', { from, to, ...(departmentId ? { departmentId } : {}) }, openid)).indicators;
}

async function dayRows(date: string) {
  const _ = sdk.database().command;
  const out: { _id: string; num: number; den: number }[] = [];
  for (let skip = 0; ; skip += 100) {
    const { data } = await sdk.database().collection('metrics_daily').where({ period: _.eq('day'), date: _.eq(date) }).orderBy('_id', 'asc').skip(skip).limit(100).get();
    out.push(...(data as never[]));
    if (data.length < 100) return out.map(({ _id, num, den }) => ({ _id, num, den }));
  }
}

beforeEach(async () => {
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: POLICE_CLERK, name: '李警官', role: 'staff', departments: ['psb'], halls: [], active: true }, ADMIN));
  expectOk(await call('account', 'setStaff', { openid: HRSS_CLERK, name: '张社保', role: 'staff', departments: ['hrss'], halls: [], active: true }, ADMIN));
  await importSeedCatalogue();
  await writeKnownDay();
});

describe('metrics.dashboard on a known day', () => {
  it('admins see every pinned indicator with its numerator and denominator', async () => {
    const list = await dashboard(ADMIN);
    const home = expectOk(await call('matters', 'home', {}, CITIZEN));
    expect(figure(list, 'goodRate')).toEqual({ num: 0, den: 1 });
    expect(figure(list, 'badRate')).toEqual({ num: 1, den: 1 });
    expect(figure(list, 'onTimeRate')).toEqual({ num: 2, den: 3 });
    expect(figure(list, 'avgHandlingDays')).toEqual({ num: 10, den: 3 });
    expect(figure(list, 'correctionRate')).toEqual({ num: 1, den: 3 });
    expect(figure(list, 'zeroVisitRate')).toEqual({ num: home.totals.zeroVisit, den: home.totals.matters });
    expect(figure(list, 'fullOnlineRate')).toEqual({ num: home.totals.fullyOnline, den: home.totals.matters });
    expect(figure(list, 'autoAnswerRate')).toEqual({ num: 1, den: 3 });
    expect(figure(list, 'handoffRate')).toEqual({ num: 1, den: 3 });
    expect(figure(list, 'firstResponseMinutes')).toEqual({ num: 30, den: 1 });
    expect(figure(list, 'deliveryRate')).toEqual({ num: 2, den: 3 });
    expect(figure(list, 'quotaExhaustedShare')).toEqual({ num: 1, den: 3 });
    expect(figure(list, 'openRate')).toEqual({ num: 1, den: 2 });
    expect(figure(list, 'deliveryP95Seconds')).toEqual({ num: 5, den: 1 });
    expect(figure(list, 'noShowRate')).toEqual({ num: 1, den: 2 });
    expect(figure(list, 'checkInRate')).toEqual({ num: 1, den: 2 });
    expect(figure(list, 'cancelRate')).toEqual({ num: 1, den: 3 });
    expect(figure(list, 'slotUtilisation')).toEqual({ num: 2, den: 10 });
    expect(figure(list, 'rectifiedRate')).toEqual({ num: 1, den: 1 });
    expect(figure(list, 'onTimeRectifiedRate')).toEqual({ num: 0, den: 1 });
    expect(figure(list, 'badVisitRate')).toEqual({ num: 1, den: 1 });
    // Ended: A1, A2, A3 and the checked-in booking B1; A2 and A3 were rated by their citizens.
    expect(figure(list, 'activeRatingRate')).toEqual({ num: 2, den: 4 });
    expect(figure(list, 'overdueCount')).toEqual({ num: 1, den: 1 });
    expect(present(list.find((i) => i.key === 'goodRate')).name).toBe('好评率');
  });

  it('a rating made now shows at once in today’s figures (computed live)', async () => {
    expect(figure(await dashboard(ADMIN, today(), today()), 'goodRate')).toEqual({ num: 0, den: 0 });
    expectOk(await call('evaluation', 'rate', { targetType: 'application', targetId: 'A1', level: 5, requestId: 'req-metrics-1' }, 'citizen-openid'));
    expect(figure(await dashboard(ADMIN, today(), today()), 'goodRate')).toEqual({ num: 1, den: 1 });
    // Yesterday (rolled up) plus today (live) in one range.
    expect(figure(await dashboard(ADMIN, yesterday(), today()), 'goodRate')).toEqual({ num: 1, den: 2 });
  });

  it('bad ranges and unknown departments are refused with a Chinese message and a stable code', async () => {
    const bad = async (params: unknown, openid = ADMIN) => callBad('metrics', 'dashboard', params, openid);
    expect(await bad({ from: '2026-12-02', to: '2026-12-01' })).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '开始日期不能晚于结束日期' });
    expect(await bad({ from: '2026-02-30', to: '2026-03-01' })).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('开始日期') });
    expect(await bad({ from: '2026/12/01', to: '2026-12-01' })).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('开始日期') });
    expect(await bad({ from: '2025-01-01', to: '2026-12-01' })).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '查询范围不能超过366天' });
    expect(await bad({ from: yesterday(), to: yesterday(), departmentId: 'no-such-dept' })).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('没有找到部门') });
    expect(await bad({ from: yesterday(), to: yesterday(), departmentId: 'no-such-dept' }, POLICE_CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await bad({ from: yesterday(), to: yesterday() }, CITIZEN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('who sees what', () => {
  it('staff see their own department (city-wide figures for consult and push), another department is FORBIDDEN; admins pick any', async () => {
    const psb = await dashboard(POLICE_CLERK);
    expect(figure(psb, 'onTimeRate')).toEqual({ num: 1, den: 2 });
    expect(figure(psb, 'goodRate')).toEqual({ num: 0, den: 1 });
    expect(figure(psb, 'noShowRate')).toEqual({ num: 1, den: 2 });
    expect(figure(psb, 'autoAnswerRate')).toEqual({ num: 1, den: 3 });
    expect(figure(psb, 'overdueCount')).toEqual({ num: 1, den: 1 });
    const hrss = await dashboard(HRSS_CLERK);
    expect(figure(hrss, 'onTimeRate')).toEqual({ num: 1, den: 1 });
    expect(figure(hrss, 'goodRate')).toEqual({ num: 0, den: 0 });
    expect(figure(hrss, 'overdueCount')).toEqual({ num: 0, den: 0 });
    expect(await call('metrics', 'dashboard', { from: yesterday(), to: yesterday(), departmentId: 'hrss' }, POLICE_CLERK))
      .toMatchObject({ ok: false, code: 'FORBIDDEN', message: '您只能查看本部门的效能数据' });
    expect(figure(await dashboard(ADMIN, yesterday(), yesterday(), 'hrss'), 'onTimeRate')).toEqual({ num: 1, den: 1 });
    const options = expectOk(await call('metrics', 'dashboard', { from: yesterday(), to: yesterday() }, POLICE_CLERK)).departments;
    expect(options).toEqual([{ id: 'psb', name: '示例市公安局' }]);
    const compare = expectOk(await call('metrics', 'compare', { from: yesterday(), to: yesterday(), key: 'onTimeRate' }, POLICE_CLERK)).rows;
    expect(compare).toEqual([{ departmentId: 'psb', name: '示例市公安局', num: 1, den: 2 }]);
  });
});

describe('one matter (per-matter rows)', () => {
  /** Another published psb matter (居民身份证换领). */
  const ID_CARD = '11999900MB0P12301G3000711101002';
  const forMatter = async (openid: string, matterId: string, from = yesterday(), to = yesterday(), departmentId?: string) =>
    expectOk(await call('metrics', 'dashboard', { from, to, matterId, ...(departmentId ? { departmentId } : {}) }, openid)).indicators;

  beforeEach(async () => {
    // A5: a psb case of another matter, on time, completed the known day.
    await application('A5', { status: 'completed', department: 'psb', endedAt: noonOf(yesterday()), dueDate: today(), usedDays: 1 });
    await sdk.database().collection('applications').doc('A5').update({ data: { matterId: ID_CARD, matterName: '居民身份证换领' } });
  });

  it('reads that matter’s figures only (city-wide and per department); the all-matters figures still count every matter', async () => {
    expect(figure(await dashboard(ADMIN), 'onTimeRate')).toEqual({ num: 3, den: 4 });
    const residence = await forMatter(ADMIN, PSB_MATTER);
    // A1, A2 (psb) and A3 (hrss) are 居住证申领; A5 is not.
    expect(figure(residence, 'onTimeRate')).toEqual({ num: 2, den: 3 });
    expect(figure(residence, 'avgHandlingDays')).toEqual({ num: 10, den: 3 });
    expect(figure(residence, 'correctionRate')).toEqual({ num: 1, den: 3 });
    expect(figure(residence, 'badRate')).toEqual({ num: 1, den: 1 });
    expect(figure(residence, 'badVisitRate')).toEqual({ num: 1, den: 1 });
    expect(figure(residence, 'rectifiedRate')).toEqual({ num: 1, den: 1 });
    expect(figure(residence, 'noShowRate')).toEqual({ num: 1, den: 2 });
    expect(figure(residence, 'cancelRate')).toEqual({ num: 1, den: 3 });
    expect(figure(residence, 'activeRatingRate')).toEqual({ num: 2, den: 4 });
    // Platform-wide indicators have no matter; the 事项 snapshot is that one matter's.
    expect(figure(residence, 'autoAnswerRate')).toEqual({ num: 0, den: 0 });
    expect(figure(residence, 'onlineRate').den).toBe(1);
    expect(figure(residence, 'overdueCount')).toEqual({ num: 1, den: 1 });
    const idCard = await forMatter(ADMIN, ID_CARD);
    expect(figure(idCard, 'onTimeRate')).toEqual({ num: 1, den: 1 });
    expect(figure(idCard, 'avgHandlingDays')).toEqual({ num: 1, den: 1 });
    expect(figure(idCard, 'goodRate')).toEqual({ num: 0, den: 0 });
    expect(figure(idCard, 'overdueCount')).toEqual({ num: 0, den: 0 });
    // Staff read their own department's rows of the matter.
    expect(figure(await forMatter(POLICE_CLERK, PSB_MATTER), 'onTimeRate')).toEqual({ num: 1, den: 2 });
    expect(figure(await forMatter(ADMIN, PSB_MATTER, yesterday(), yesterday(), 'hrss'), 'onTimeRate')).toEqual({ num: 1, den: 1 });
  });

  it('trend and compare narrow to the matter; today is live and filtered by matter too', async () => {
    const t = expectOk(await call('metrics', 'trend', { from: yesterday(), to: yesterday(), key: 'onTimeRate', matterId: ID_CARD }, ADMIN));
    expect(t.points).toEqual([{ period: yesterday(), num: 1, den: 1 }]);
    const c = expectOk(await call('metrics', 'compare', { from: yesterday(), to: yesterday(), key: 'onTimeRate', matterId: PSB_MATTER }, ADMIN)).rows;
    expect(c.find((r) => r.departmentId === 'psb')).toMatchObject({ num: 1, den: 2 });
    expect(c.find((r) => r.departmentId === 'hrss')).toMatchObject({ num: 1, den: 1 });
    expectOk(await call('evaluation', 'rate', { targetType: 'application', targetId: 'A1', level: 5, requestId: 'req-metrics-matter' }, 'citizen-openid'));
    expect(figure(await forMatter(ADMIN, PSB_MATTER, today(), today()), 'goodRate')).toEqual({ num: 1, den: 1 });
    expect(figure(await forMatter(ADMIN, ID_CARD, today(), today()), 'goodRate')).toEqual({ num: 0, den: 0 });
  });

  it('a matter of another department is FORBIDDEN for staff; an unknown matter is refused', async () => {
    const params = { from: yesterday(), to: yesterday(), matterId: PSB_MATTER };
    expect(await call('metrics', 'dashboard', params, HRSS_CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '您只能查看本部门的效能数据' });
    expect(await call('metrics', 'trend', { ...params, key: 'goodRate' }, HRSS_CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call('metrics', 'compare', { ...params, key: 'goodRate' }, HRSS_CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await callBad('metrics', 'dashboard', { ...params, matterId: 'no-such-matter' }, ADMIN)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('没有找到事项') });
    // Funnel, drill-down and CSV take no matter.
    expect(await callBad('metrics', 'funnel', params, ADMIN)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('per-matter rows have deterministic ids: a rerun writes the same rows and removes stale ones', async () => {
    expectOk(await call('metrics', 'rollup', { date: yesterday() }, ADMIN));
    const first = await dayRows(yesterday());
    expect(first.find((r) => r._id === `d|${yesterday()}|psb|${PSB_MATTER}|onTimeRate`)).toMatchObject({ num: 1, den: 2 });
    expect(first.find((r) => r._id === `d|${yesterday()}|*|${ID_CARD}|onTimeRate`)).toMatchObject({ num: 1, den: 1 });
    expectOk(await call('metrics', 'rollup', { date: yesterday() }, ADMIN));
    expect(await dayRows(yesterday())).toEqual(first);
    await sdk.database().collection('applications').doc('A5').remove();
    expectOk(await call('metrics', 'rollup', { date: yesterday() }, ADMIN));
    const after = await dayRows(yesterday());
    expect(after.some((r) => r._id.includes(`|${ID_CARD}|`))).toBe(false);
    const _ = sdk.database().command;
    const { data } = await sdk.database().collection('metrics_daily').where({ _id: _.eq(`m|${yesterday().slice(0, 7)}|*|${ID_CARD}|onTimeRate`) }).limit(1).get();
    expect(data).toHaveLength(0);
  });

  it('days rolled up before per-matter rows existed are rolled up again by the timer', async () => {
    const day = addDays(yesterday(), -5);
    await application('A6', { status: 'completed', department: 'psb', endedAt: noonOf(day), dueDate: day, usedDays: 3 });
    expectOk(await call('metrics', 'rollup', { date: day }, ADMIN));
    const perMatter = `d|${day}|psb|${PSB_MATTER}|onTimeRate`;
    expect((await dayRows(day)).find((r) => r._id === perMatter)).toMatchObject({ num: 1, den: 1 });
    // As an older version left it: all-matters rows only, marker without a layout.
    await sdk.database().collection('metrics_daily').doc(perMatter).remove();
    const marker = (await sdk.database().collection('metrics_daily').doc(`r|${day}`).get()).data as Record<string, unknown>;
    const { _id: _ignored, layout: _old, ...older } = marker;
    await sdk.database().collection('metrics_daily').doc(`r|${day}`).set({ data: older });
    expect((await dayRows(day)).some((r) => r._id === perMatter)).toBe(false);
    expectOk(await fireTimer('metrics', 'rollup'));
    expect((await dayRows(day)).find((r) => r._id === perMatter)).toMatchObject({ num: 1, den: 1 });
  });
});

describe('rollup', () => {
  it('is idempotent: running a day twice gives the same rows, and rows that no longer exist are removed', async () => {
    expect(expectOk(await call('metrics', 'rollup', { date: yesterday() }, ADMIN)).rows).toBeGreaterThan(10);
    const first = await dayRows(yesterday());
    expectOk(await call('metrics', 'rollup', { date: yesterday() }, ADMIN));
    expect(await dayRows(yesterday())).toEqual(first);
    // A late change: the only hrss application is gone, so are hrss's rows of that day.
    expect(first.some((r) => r._id.includes('|hrss|'))).toBe(true);
    await sdk.database().collection('applications').doc('A3').remove();
    await sdk.database().collection('evaluation_ratings').doc('R:application:A3').remove();
    expectOk(await call('metrics', 'rollup', { date: yesterday() }, ADMIN));
    const after = await dayRows(yesterday());
    expect(after.some((r) => r._id.includes('|hrss|'))).toBe(false);
    expect(after.find((r) => r._id === `d|${yesterday()}|*|*|onTimeRate`)).toEqual({ _id: `d|${yesterday()}|*|*|onTimeRate`, num: 1, den: 2 });
    expect(await call('metrics', 'rollup', { date: yesterday() }, POLICE_CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call('metrics', 'rollup', { date: today() }, ADMIN)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('the timer rolls up yesterday and the days never rolled up; the dashboard then reads the rows', async () => {
    const res = expectOk(await fireTimer('metrics', 'rollup')) as { days: number };
    expect(res.days).toBeGreaterThanOrEqual(1);
    expect((await dayRows(yesterday())).length).toBeGreaterThan(10);
    // Month rows hold the same sums as the day rows.
    const _ = sdk.database().command;
    const month = yesterday().slice(0, 7);
    const { data } = await sdk.database().collection('metrics_daily').where({ _id: _.eq(`m|${month}|*|*|onTimeRate`) }).limit(1).get();
    expect(data[0]).toMatchObject({ num: 2, den: 3 });
  });
});

describe('drill-down, CSV, trend, definitions and the public board', () => {
  it('records behind an indicator are masked and say whether each is in the numerator', async () => {
    const res = expectOk(await call('metrics', 'records', { from: yesterday(), to: yesterday(), key: 'onTimeRate' }, ADMIN));
    expect(res.definition).toMatchObject({ key: 'onTimeRate', name: '按时办结率' });
    expect(res.total).toBe(3);
    expect(res.items.filter((i) => i.inNumerator)).toHaveLength(2);
    expect(res.items.find((i) => i.id === 'A2')).toMatchObject({ inNumerator: false, departmentName: '示例市公安局', link: expect.stringContaining('A2') });
    const push = expectOk(await call('metrics', 'records', { from: yesterday(), to: yesterday(), key: 'deliveryRate' }, ADMIN));
    expect(push.total).toBe(3);
    expect(JSON.stringify(push)).not.toContain('citizen-openid');
    expect(JSON.stringify(res)).not.toContain('citizen-openid');
    const psbOnly = expectOk(await call('metrics', 'records', { from: yesterday(), to: yesterday(), key: 'onTimeRate' }, POLICE_CLERK));
    expect(psbOnly.items.map((i) => i.id).sort()).toEqual(['A1', 'A2']);
  });

  it('exports CSV with a BOM and a header, one line per department and indicator', async () => {
    const { csv, fileName } = expectOk(await call('metrics', 'exportCsv', { from: yesterday(), to: yesterday() }, POLICE_CLERK));
    expect(fileName).toMatch(/\.csv$/);
    expect(csv.startsWith('\uFEFF部门,指标,指标代码,分子,分母,数值,单位\r\n')).toBe(true);
    expect(csv).toContain('示例市公安局,按时办结率,onTimeRate,1,2,50.0%,');
    expect(csv).not.toContain('示例市人力资源和社会保障局');
  });

  it('trend gives one point per day; the funnel counts the 差评 steps', async () => {
    const from = yesterday();
    const t = expectOk(await call('metrics', 'trend', { from, to: today(), key: 'goodRate' }, ADMIN));
    expect(t.granularity).toBe('day');
    expect(t.points).toEqual([{ period: from, num: 0, den: 1 }]);
    const f = expectOk(await call('metrics', 'funnel', { from, to: today() }, ADMIN));
    expect(f.steps.map((s) => s.count)).toEqual([1, 1, 1, 0, 1]);
  });

  it('definitions and the public board need no sign-in', async () => {
    const defs = expectOk(await call('metrics', 'definitions', {}));
    expect(defs.find((d) => d.key === 'goodRate')).toMatchObject({ numerator: expect.stringContaining('四星'), public: true });
    const board = expectOk(await call('metrics', 'publicBoard', { months: 2 }));
    const psb = present(board.rows.find((r) => r.departmentName === '示例市公安局' && r.month === yesterday().slice(0, 7)));
    expect(psb.onTimeRate).toEqual({ num: 1, den: 2 });
    expect(psb.goodRate).toEqual({ num: 0, den: 1 });
    const home = expectOk(await call('matters', 'home', {}, CITIZEN));
    expect(psb.zeroVisitRate.den).toBe(home.departments.find((d) => d.id === 'psb')?.count);
  });
});

it('an application completed today counts today, live', async () => {
  await application('A9', { status: 'completed', department: 'psb', endedAt: new Date().toISOString(), dueDate: today(), usedDays: 1 });
  expect(figure(await dashboard(POLICE_CLERK, today(), today()), 'onTimeRate')).toEqual({ num: 1, den: 1 });
});

it('reads every record of a day even when hundreds share one timestamp (the cursor skips ties by count)', async () => {
  const at = noonOf(yesterday(), 5000);
  for (let i = 0; i < 250; i += 1) await rating(`tie-${i}`, { level: i < 100 ? 5 : 1, department: 'tax', createdAt: at });
  expect(figure(await dashboard(ADMIN, yesterday(), yesterday(), 'tax'), 'goodRate')).toEqual({ num: 100, den: 250 });
});

it('a long drill-down range lists its last 31 days and says from when', async () => {
  const from = addDaysIso(today(), -200);
  const res = expectOk(await call('metrics', 'records', { from, to: today(), key: 'onTimeRate' }, ADMIN));
  expect(res.listedFrom).toBe(addDaysIso(today(), -30));
  expect(res.total).toBe(3);
});

function addDaysIso(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

it('the drill-down of 超期办件数 lists the open cases, overdue first', async () => {
  const res = expectOk(await call('metrics', 'records', { from: yesterday(), to: today(), key: 'overdueCount' }, POLICE_CLERK));
  expect(res.items).toEqual([expect.objectContaining({ id: 'A4', inNumerator: true, detail: '承诺办结日期 2020-01-02' })]);
});

it('counts 办件 per status now, in the caller’s scope, drafts left out', async () => {
  // Known day: psb A1, A2 completed and A4 accepted; hrss A3 completed. Plus a psb case waiting and an hrss one withdrawn.
  await application('A5', { status: 'submitted', department: 'psb', endedAt: new Date().toISOString() });
  await application('A6', { status: 'withdrawn', department: 'hrss', endedAt: new Date().toISOString() });
  await application('A7', { status: 'draft', department: 'psb', endedAt: new Date().toISOString() });
  const volume = async (openid: string, departmentId?: string) => {
    const res = expectOk(await call('metrics', 'dashboard', { from: yesterday(), to: today(), ...(departmentId ? { departmentId } : {}) }, openid));
    return Object.fromEntries(present(res.statusVolume).map((s) => [s.name, s.count]));
  };
  expect(await volume(ADMIN)).toEqual({ 待受理: 1, 办理中: 1, 待补正: 0, 已挂起: 0, 已办结: 3, 不予受理: 0, 已撤回: 1 });
  expect(await volume(ADMIN, 'hrss')).toEqual({ 待受理: 0, 办理中: 0, 待补正: 0, 已挂起: 0, 已办结: 1, 不予受理: 0, 已撤回: 1 });
  expect(await volume(POLICE_CLERK)).toEqual({ 待受理: 1, 办理中: 1, 待补正: 0, 已挂起: 0, 已办结: 2, 不予受理: 0, 已撤回: 0 });
  const res = expectOk(await call('metrics', 'dashboard', { from: today(), to: today() }, POLICE_CLERK));
  expect(present(res.statusVolume)[1]).toEqual({ status: 'accepted', name: '办理中', count: 1 });
});

it('a case completed with its clock still running counts the working days up to 办结 (办结 does not stop the clock)', async () => {
  const day = yesterday();
  const since = addDaysIso(day, -9);
  await application('A8', { status: 'completed', department: 'hrss', endedAt: noonOf(day), dueDate: addDaysIso(day, 30), usedDays: 2 });
  await sdk.database().collection('applications').doc('A8').update({ data: { clock: { promisedDays: 5, statutoryDays: 20, acceptedOn: since, usedDays: 2, runningSince: since, dueDate: addDaysIso(day, 30), statutoryDueDate: addDaysIso(day, 30), uncoveredYears: [] } } });
  const expected = 2 + createCalendar().workdaysBetween(since, day);
  expect(expected).toBeGreaterThan(2);
  // hrss on the known day: A3 (即办件, 0 days) and A8.
  expect(figure(await dashboard(HRSS_CLERK, day, day), 'avgHandlingDays')).toEqual({ num: expected, den: 2 });
  const res = expectOk(await call('metrics', 'records', { from: day, to: day, key: 'avgHandlingDays' }, HRSS_CLERK));
  expect(res.items.find((i) => i.id === 'A8')?.detail).toBe(`用时 ${expected} 个工作日`);
});
