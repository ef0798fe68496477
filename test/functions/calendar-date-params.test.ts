/**
 * Every function's date params go through shared/params' calendarDate: a day that is not on the
 * calendar (2025-02-30) is refused at the edge with INVALID_INPUT and a Chinese message, while the
 * day before it is not refused for its date (whatever the handler then decides).
 */
import { calendarDate, isCalendarDate } from '../../cloudfunctions/shared/params';
import { loadCatalogue } from '../../core/push/catalogue';
import { byKey } from '../../core/push/templates';
import { ADMIN, callRaw, expectOk, startCloud } from './harness';

const MISSING = '2025-02-30';
const REAL = '2025-02-28';

describe('calendarDate', () => {
  const schema = calendarDate();

  it('accepts days on the calendar, leap days only in leap years', () => {
    for (const d of ['2025-02-28', '2024-02-29', '2025-12-31', '2000-02-29']) expect(isCalendarDate(d)).toBe(true);
    for (const d of ['2025-02-29', '2025-02-30', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '1900-02-29']) expect(isCalendarDate(d)).toBe(false);
    expect(schema.parse('2024-02-29')).toBe('2024-02-29');
  });

  it('says "日期不存在" once for a well-shaped day that does not exist', () => {
    const res = schema.safeParse(MISSING);
    expect(res.success).toBe(false);
    if (!res.success) expect(res.error.issues.map((i) => i.message)).toEqual(['日期不存在']);
  });

  it('gives the format message once for a value not shaped like a date, a field’s own where it has one', () => {
    for (const bad of ['2025/03/04', '2025-3-4', '20250304', '2025-03-04T00:00:00Z', ' 2025-03-04', '']) {
      const res = schema.safeParse(bad);
      expect(res.success).toBe(false);
      if (!res.success) expect(res.error.issues.map((i) => i.message)).toEqual(['应为日期，如 2025-03-04']);
    }
    const own = calendarDate('整改期限应为日期，如 2025-03-04').safeParse('下周一');
    expect(own.success ? [] : own.error.issues.map((i) => i.message)).toEqual(['整改期限应为日期，如 2025-03-04']);
  });
});

describe('date params of the cloud functions', () => {
  beforeEach(() => {
    startCloud();
    process.env.ADMIN_OPENIDS = ADMIN;
  });

  const policyNotice = () => byKey(loadCatalogue(process.env), 'policyNotice')!.templateId;
  const preview = (audience: unknown) => ({
    templateId: policyNotice(), page: 'pages/index/index', audience,
    data: { thing1: '大厅临时调整', thing2: '示例市民中心', time3: '2025-07-01T08:00:00Z', thing4: '请按新时间办理' },
  });

  // [function, action, params for a date, text the refusal must carry]
  const cases: [string, string, (date: string) => unknown, string][] = [
    ['push', 'previewCampaign', (date) => preview({ type: 'hallDayBookers', hallId: 'hall-1', date }), '日期不存在'],
    ['push', 'previewCampaign', (date) => preview({ type: 'union', of: [{ type: 'hallDayBookers', hallId: 'hall-1', date }] }), '日期不存在'],
    ['push', 'noticeStats', (date) => ({ from: date, to: '2025-03-01' }), '日期不存在'],
    ['metrics', 'dashboard', (date) => ({ from: date, to: '2025-03-01' }), '开始日期：日期不存在'],
    ['metrics', 'compare', (date) => ({ from: '2025-02-01', to: date, key: 'goodRate' }), '结束日期：日期不存在'],
    ['metrics', 'rollup', (date) => ({ date }), '日期不存在'],
    ['evaluation', 'ticketStep', (dueDate) => ({ id: 'tk-none', step: 'resolve', resolution: 'deadline', note: '增开窗口', dueDate }), '整改期限：日期不存在'],
    ['booking', 'slots', (date) => ({ matterId: 'psb-001', hallId: 'hall-center', date }), '日期不存在'],
    ['affairs', 'setCalendarDays', (date) => ({ days: [{ date, workday: false, name: '系统停机' }] }), '日期不存在'],
  ];

  it.each(cases)('%s.%s refuses 2025-02-30 with INVALID_INPUT', async (fn, action, params, text) => {
    const refused = await callRaw(fn, { action, params: params(MISSING) }, ADMIN);
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining(text) });
    // The same call a real day earlier is not refused for its date (the handler may still say no for its own reasons).
    const passed = await callRaw(fn, { action, params: params(REAL) }, ADMIN);
    expect(passed.ok ? '' : passed.message).not.toMatch(/日期不存在|应为日期/);
  });

  it('a real hall day still counts its bookers (the audience schema is only stricter about dates)', async () => {
    expect(expectOk(await callRaw('push', { action: 'previewCampaign', params: preview({ type: 'hallDayBookers', hallId: 'hall-1', date: REAL }) }, ADMIN))).toMatchObject({ recipients: 0 });
  });
});
