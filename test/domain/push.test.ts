import { formatField, renderData, truncateThing, wechatTime, wechatTimeRange } from '../../core/push/fields';
import { mapEvent, withTracking } from '../../core/push/events';
import { backoffMs, classify, nextRetryAt } from '../../core/push/errors';
import { after43101, afterSend, applyResult, canSend, emptyEntry } from '../../core/push/ledger';
import { dedupeRecipients } from '../../core/push/audience';
import { byKey, parseCatalogue, TEMPLATE_KEYS } from '../../core/push/templates';
import { loadCatalogue } from '../../core/push/catalogue';
import { validateSubscribeSend } from '../../local-cloud/openapi/validate';
import type { OutboxEvent } from '../../core/events/outbox';

const AT = '2025-03-04T01:05:00.000Z'; // 09:05 in Shanghai

describe('catalogue', () => {
  test('preview catalogue has exactly the agreed keys, typed fields and categories', () => {
    const c = loadCatalogue(process.env);
    expect(c.templates.map((t) => t.key).sort()).toEqual([...TEMPLATE_KEYS].sort());
    expect(byKey(c, 'caseProgress')?.title).toBe('办件进度通知');
    expect(byKey(c, 'emergencyAlert')).toMatchObject({ kind: 'long', category: 'emergency' });
    expect(byKey(c, 'caseProgress')?.fields.find((f) => f.key === 'phrase3')?.type).toBe('phrase');
  });
  test('env ids override the file, and a bad field key is refused', () => {
    const base = { templates: [{ key: 'caseProgress', templateId: 'a', title: 't', kind: 'once', category: 'case', page: 'p', fields: [{ key: 'thing1', label: 'x' }] }] };
    expect(parseCatalogue(base, { caseProgress: 'REAL' }).templates[0].templateId).toBe('REAL');
    expect(() => parseCatalogue({ ...base, templates: [{ ...base.templates[0], fields: [{ key: 'weird1', label: 'x' }] }] })).toThrow(/类型无法识别/);
  });
});

describe('field values', () => {
  test('time uses WeChat format in Asia/Shanghai without seconds; ranges on one day', () => {
    expect(wechatTime(AT)).toBe('2025年3月4日 09:05');
    expect(wechatTime('2025-03-04T16:30:00Z')).toBe('2025年3月5日 00:30');
    expect(wechatTimeRange('2025-03-04T01:00:00Z', '2025-03-04T01:30:00Z')).toBe('2025年3月4日 09:00~09:30');
    expect(formatField('time', AT)).toEqual({ ok: true, value: '2025年3月4日 09:05' });
    expect(formatField('time', '明天下午').ok).toBe(false);
  });
  test('thing truncates to 20 characters with …', () => {
    const long = '一二三四五六七八九十一二三四五六七八九十一二';
    const t = truncateThing(long);
    expect([...t]).toHaveLength(20);
    expect(t.endsWith('…')).toBe(true);
    expect(truncateThing('换\n发  护照')).toBe('换 发 护照');
    expect(formatField('thing', '   ').ok).toBe(false);
  });
  test.each([
    ['phrase', '已受理', true], ['phrase', '不予受理许可', false], ['phrase', 'ok', false],
    ['character_string', 'SQ-2025-000123', true], ['character_string', '含中文', false],
    ['number', '12', true], ['number', '1a', false], ['amount', '100', true], ['amount', '100块', false],
    ['name', '张*', true], ['name', '一二三四五六七八九十一', false], ['phone_number', '0571-12345678', true],
    ['date', '2025-03-04', true], ['date', '下周', false], ['letter', 'abc', true], ['symbol', '%', true], ['car_number', '浙A12345', true],
  ] as const)('%s %j valid=%s', (type, value, valid) => {
    expect(formatField(type, value).ok).toBe(valid);
  });
  test('every formatted value passes the sink validator (no 47003)', () => {
    const c = loadCatalogue(process.env);
    const t = byKey(c, 'caseProgress')!;
    const r = renderData(t, { character_string1: 'SQ20250304001', thing2: '居民身份证换领（到期换证、损坏换证）补领', phrase3: '已受理', time4: AT, thing5: '承诺2025-03-10前办结' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(() => validateSubscribeSend({ touser: 'o', templateId: t.templateId, data: r.data })).not.toThrow();
  });
  test('an invalid value fails the message with the field named', () => {
    const t = byKey(loadCatalogue(process.env), 'caseProgress')!;
    const r = renderData(t, { character_string1: '编号中文', thing2: 'x', phrase3: '已受理', time4: AT, thing5: 'y' });
    expect(r).toMatchObject({ ok: false, field: 'character_string1' });
    if (!r.ok) expect(r.reason).toMatch(/办件编号/);
  });
});

describe('event mapping', () => {
  const app = (applicationStatus: string, extra: Partial<OutboxEvent> = {}) => ({
    _id: `applicationStatus:a1:${applicationStatus}`, type: 'applicationStatus', openid: 'o1', at: AT, status: 'pending',
    page: 'packages/affairs/pages/application/index?id=a1', applicationId: 'a1', applicationNo: 'SQ20250304001',
    matterId: 'm1', matterName: '居民身份证换领', applicationStatus, departmentName: '市公安局', ...extra,
  }) as OutboxEvent;
  test('status changes map to the right template with a phrase from the table', () => {
    expect(mapEvent(app('accepted', { dueDate: '2025-03-10' } as never))).toMatchObject({ push: { templateKey: 'caseProgress', raw: { phrase3: '已受理', thing5: '承诺2025-03-10前办结' } } });
    expect(mapEvent(app('supplement', { comment: '请补充户口簿首页' } as never))).toMatchObject({ push: { templateKey: 'caseSupplement', raw: { thing3: '请补充户口簿首页' } } });
    expect(mapEvent(app('completed', { result: '准予', matterType: '行政许可' } as never))).toMatchObject({ push: { templateKey: 'caseCompleted', raw: { phrase3: '准予许可' } } });
    expect(mapEvent(app('rejected'))).toMatchObject({ push: { templateKey: 'caseCompleted', raw: { phrase3: '不予受理' } } });
    expect(mapEvent(app('submitted'))).toHaveProperty('skip');
  });
  test('booking and consult events', () => {
    const b = { _id: 'bookingBooked:b1:1', type: 'bookingBooked', openid: 'o', at: AT, status: 'pending', page: 'p', bookingId: 'b1', bookingNo: 'YY001', matterId: 'm', matterName: '护照', hallId: 'h', hallName: '市民中心', hallAddress: '示例路1号', slotStart: '2025-03-05T01:00:00Z', slotEnd: '2025-03-05T01:30:00Z' } as OutboxEvent;
    expect(mapEvent(b)).toMatchObject({ push: { templateKey: 'bookingSuccess', raw: { time2: '2025年3月5日 09:00~09:30', character_string4: 'YY001' } } });
    expect(mapEvent({ ...b, type: 'bookingNoShow' } as OutboxEvent)).toHaveProperty('skip');
    const c = { _id: 'consultReply:c:1', type: 'consultReply', openid: 'o', at: AT, status: 'pending', page: 'p', conversationId: 'c', questionId: 'q', question: '问', reply: '答' } as OutboxEvent;
    expect(mapEvent(c)).toMatchObject({ push: { templateKey: 'consultReply' } });
  });
  test('tracking parameter', () => {
    expect(withTracking('a/b?id=1', 'x:1')).toBe('a/b?id=1&from=push&pushId=x%3A1');
  });
});

describe('error codes', () => {
  test.each([
    [43101, 'noQuota'], [47003, 'permanent'], [40003, 'permanent'], [40037, 'permanent'], [41030, 'permanent'],
    [-1, 'retry'], [45009, 'retry'], [45011, 'retry'], [40001, 'token'], [42001, 'token'], [0, 'sent'], [99999, 'permanent'],
  ])('%i → %s', (code, kind) => expect(classify(code).kind).toBe(kind));
  test('transport failures retry', () => {
    expect(classify(undefined, 'timeout')).toEqual({ kind: 'retry', reason: 'timeout' });
  });
  test('backoff grows exponentially with jitter, is capped, and stops at the deadline', () => {
    const o = { baseMs: 1000, capMs: 60_000 };
    expect(backoffMs(1, { ...o, random: () => 1 })).toBe(1000);
    expect(backoffMs(3, { ...o, random: () => 1 })).toBe(4000);
    expect(backoffMs(3, { ...o, random: () => 0 })).toBe(2000);
    expect(backoffMs(20, { ...o, random: () => 1 })).toBe(60_000);
    expect(nextRetryAt(0, 1, 500, { ...o, random: () => 1 })).toBeNull();
    expect(nextRetryAt(0, 1, 5000, { ...o, random: () => 1 })).toBe(1000);
  });
});

describe('ledger', () => {
  test('each accept adds one, each send uses one, 43101 corrects', () => {
    let e = emptyEntry('o', 't', 'caseProgress', 'once', AT);
    expect(canSend(e)).toBe(false);
    e = applyResult(applyResult(e, 'accept', AT), 'accept', AT);
    expect(e.quota).toBe(2);
    e = afterSend(e, AT);
    expect(e).toMatchObject({ quota: 1, used: 1 });
    e = applyResult(e, 'reject', AT);
    expect(e).toMatchObject({ quota: 1, last: { result: 'reject' } });
    expect(after43101(e, AT).quota).toBe(0);
    expect(applyResult(e, 'ban', AT).quota).toBe(0);
  });
  test('long-term flag', () => {
    let e = applyResult(emptyEntry('o', 't', 'emergencyAlert', 'long', AT), 'accept', AT);
    expect(canSend(e)).toBe(true);
    e = afterSend(e, AT);
    expect(canSend(e)).toBe(true);
    expect(canSend(applyResult(e, 'reject', AT))).toBe(false);
  });
});

describe('audience dedupe', () => {
  test('one per person across channels, mini-program preferred, OA when mp has no quota', () => {
    const r = dedupeRecipients([
      { channel: 'mp', openid: 'm1', unionid: 'u1', deliverable: true },
      { channel: 'oa', openid: 'oa1', unionid: 'u1', deliverable: true },
      { channel: 'mp', openid: 'm2', unionid: 'u2', deliverable: false },
      { channel: 'oa', openid: 'oa2', unionid: 'u2', deliverable: true },
      { channel: 'oa', openid: 'oa3', deliverable: true },
      { channel: 'mp', openid: 'm4', deliverable: false },
      { channel: 'mp', openid: 'm1', unionid: 'u1', deliverable: true },
    ]);
    expect(r).toEqual([
      { person: 'oa:oa3', channel: 'oa', openid: 'oa3' },
      { person: 'u:u1', channel: 'mp', openid: 'm1', unionid: 'u1' },
      { person: 'u:u2', channel: 'oa', openid: 'oa2', unionid: 'u2' },
    ]);
  });
});
