/** Which messages ask about the caller's own case or booking, and which record answers them. */
import { personalAskOf, personalReply, replyAsText, setbackReply, type ApplicationRow, type BookingRow } from '../../core/consult/assistant';
import { periodIn } from '../../core/consult/record-scope';

describe('personalAskOf', () => {
  it.each([
    ['我的社保卡办到哪一步了', 'application'],
    ['我上周提交的公积金提取批了没', 'application'],
    ['我约的是几点', 'booking'],
    ['我预约的是哪天来着', 'booking'],
    ['BJ20261201000001 进度怎么样了', 'application'],
    ['我上个月提交的那个批了没', 'application'],
    ['我今天提交的办到哪了', 'application'],
    ['我这周交的材料办到哪一步了', 'application'],
    ['我的居住证怎么还没办好', 'application'],
    ['我的护照怎么还没好', 'application'],
    ['我的失业金啥时候能到账', 'application'],
  ])('%s → %s', (text, about) => expect(personalAskOf(text)?.about).toBe(about));

  it.each(['社保卡办理进度怎么查', '我想预约办身份证', '怎么预约', '护照怎么办'])('%s → not personal', (text) => {
    expect(personalAskOf(text)).toBeNull();
  });
});

describe('personalReply', () => {
  const app = (id: string, matterName: string, status: ApplicationRow['status']): ApplicationRow => ({
    _id: id, no: `BJ2026120100000${id.slice(-1)}`, openid: 'me', matterName, status, updatedAt: '2026-12-01T00:00:00Z', departmentName: '市人社局',
  });
  const apps = [app('a1', '公积金提取', 'accepted'), app('a2', '社会保障卡申领', 'submitted')];

  it('more records than cards: the real count, the latest three, and the way to all of them', () => {
    const many = ['a1', 'a2', 'a3', 'a4', 'a5'].map((id, i) => app(id, ['公积金提取', '社会保障卡申领', '居住证申领', '护照签发', '失业登记'][i], 'accepted'));
    const r = personalReply({ about: 'application' }, '我的办件', many, [], '2026-12-07T00:00:00Z')!;
    expect(r.cards).toHaveLength(3);
    expect(r.text).toBe('您办理中的办件共 5 件，下面是最近的 3 件，全部请到“我的办件”查看：');
    expect(r.action).toEqual({ label: '我的办件', link: '/packages/affairs/pages/mine/index' });
    // As many as fit: no such line.
    expect(personalReply({ about: 'application' }, '我的办件', many.slice(0, 2), [], '2026-12-07T00:00:00Z')!.text).toBe('您办理中的办件共 2 件，请看下面的卡片：');
  });

  it('a case not yet accepted says how long it takes once accepted (it has no due date yet)', () => {
    const waiting = { ...app('a9', '社会保障卡补领、换领', 'submitted'), promisedDays: 5 };
    const r = personalReply({ about: 'application' }, '我的社保卡补办要多久', [waiting], [], '2026-12-07T00:00:00Z')!;
    expect(r.cards[0].nextStep).toBe('等待市人社局受理；受理前可撤回申请；受理后5个工作日内办结');
    expect(r.cards[0].due).toBeUndefined();
  });

  it('picks the record the message names', () => {
    const r = personalReply({ about: 'application' }, '我的社保卡到哪一步了', apps, [], '2026-12-07T00:00:00Z')!;
    expect(r.cards.map((c) => c.id)).toEqual(['a2']);
  });

  it('a number among none of the caller\'s records finds nothing and names no record', () => {
    const r = personalReply({ about: 'application', number: 'BJ20261201000009' }, '', apps, [], '2026-12-07T00:00:00Z')!;
    expect(r.cards).toEqual([]);
    expect(r.text).not.toMatch(/公积金|社会保障卡/);
  });

  it('a number one typing slip from one of the caller\'s own offers that record; a number far from all of them offers none', () => {
    // a1's number is BJ20261201000001: one digit changed, one dropped, one added, two swapped.
    for (const typo of ['BJ20261201010001', 'BJ2026120100001', 'BJ202612010000001', 'BJ20261210000001']) {
      const r = personalReply({ about: 'application', number: typo }, '', apps, [], '2026-12-07T00:00:00Z')!;
      expect(r.cards.map((c) => c.id)).toEqual(['a1']);
      expect(r.text).toContain(`没有编号为 ${typo} 的记录`);
    }
    // Two of the caller's numbers are one slip away (…01 and …02 from …03): no guess.
    expect(personalReply({ about: 'application', number: 'BJ20261201000003' }, '', apps, [], '2026-12-07T00:00:00Z')!.cards).toEqual([]);
  });

  it('a number with the wrong count of digits says what the format is', () => {
    const r = personalReply({ about: 'application', number: 'BJ202612010009' }, '', apps, [], '2026-12-07T00:00:00Z')!;
    expect(r.cards).toEqual([]);
    expect(r.text).toContain('BJ 或 YY 加 14 位数字，您发来的编号有 12 位数字');
  });

  it('none of that kind → null (the inbox)', () => {
    expect(personalReply({ about: 'booking' }, '我约的是几点', apps, [], '2026-12-07T00:00:00Z')).toBeNull();
  });
});

describe('bare numbers are looked up like the progress question', () => {
  it.each([
    ['BJ20261201000001', 'application', 'BJ20261201000001'],
    ['查一下YY20261209000123', 'booking', 'YY20261209000123'],
    ['YY20261209000123 几点', 'booking', 'YY20261209000123'],
    ['yy20261209000123？', 'booking', 'YY20261209000123'],
    ['bj20261201000001办好了吗', 'application', 'BJ20261201000001'],
    // A digit dropped or added while typing is still meant as one of ours.
    ['BJ2026120100001', 'application', 'BJ2026120100001'],
    ['查下YY202612090001234', 'booking', 'YY202612090001234'],
  ])('%s → %s %s', (text, about, number) => expect(personalAskOf(text)).toEqual({ about, number }));
});

describe('someone else\'s case', () => {
  it.each([
    ['我老婆的护照办到哪了', 'application'],
    ['我爸的社保卡办好了吗', 'application'],
    ['我妈妈的公积金提取批了没', 'application'],
    ['她的护照办到哪一步了', 'application'],
    ['我老公约的是几点', 'booking'],
    ['我那个朋友的护照办到哪了', 'application'],
  ])('%s → %s of someone else', (text, about) => expect(personalAskOf(text)).toEqual({ about, someoneElse: true }));

  it.each([
    ['我帮我妈办的护照到哪了', 'application'],
    ['我给孩子预约的是几点', 'booking'],
  ])('%s → the caller\'s own %s (they acted for them)', (text, about) => expect(personalAskOf(text)).toEqual({ about }));

  it.each(['我妈的社保卡丢了怎么补办', '我老婆的护照过期了怎么办'])('%s → a how-to, not personal', (text) => expect(personalAskOf(text)).toBeNull());

  it('says only the caller\'s own records can be looked up; a fitting own record is shown only as "if you applied for them"', () => {
    const apps = [app('a1', '普通护照签发', 'accepted'), app('a2', '公积金提取', 'accepted')];
    const none = personalReply({ about: 'application', someoneElse: true }, '我老婆的社保卡办到哪了', apps, [], NOW)!;
    expect(none.cards).toEqual([]);
    expect(none.text).toContain('只能查询用您本人微信办理的办件');
    expect(none.action).toEqual({ label: '我的办件', link: '/packages/affairs/pages/mine/index' });
    const fits = personalReply({ about: 'application', someoneElse: true }, '我老婆的护照办到哪了', apps, [], NOW)!;
    expect(fits.cards.map((c) => c.id)).toEqual(['a1']);
    expect(fits.text).toMatch(/只能查询.*如果是您用本微信替对方申办的/);
  });
});

const NOW = '2026-12-07T02:00:00.000Z'; // Monday 10:00 in Shanghai
function app(id: string, matterName: string, status: ApplicationRow['status'], submittedAt = '2026-12-01T02:00:00.000Z'): ApplicationRow {
  return { _id: id, no: `BJ2026120100000${id.slice(-1)}`, openid: 'me', matterName, status, updatedAt: submittedAt, submittedAt, departmentName: '示例市公安局' };
}
const booking = (id: string, matterName: string): BookingRow => ({
  _id: id, no: `YY2026120900012${id.slice(-1)}`, openid: 'me', matterName, hallName: '市民中心', hallAddress: '人民路1号', groupName: '户籍窗口',
  date: '2026-12-09', start: '09:00', end: '09:30', startAt: '2026-12-09T01:00:00.000Z', status: 'booked',
});

describe('no confident answer about another matter', () => {
  it('"我约的护照是几点" with only another booking: says there is no passport booking, then lists the others as others', () => {
    const r = personalReply({ about: 'booking' }, '我约的护照是几点', [], [booking('b1', '户口迁入')], NOW)!;
    expect(r.text).toBe('您名下没有护照相关的预约。以下是您的其他预约，请核对：');
    expect(r.cards.map((c) => c.id)).toEqual(['b1']);
  });

  it('"我的护照办到哪了" with other cases only: no passport case, the in-progress others listed as others', () => {
    const r = personalReply({ about: 'application' }, '我的护照办到哪了', [app('a1', '居民身份证换领', 'accepted'), app('a2', '往来港澳通行证再次签注', 'completed')], [], NOW)!;
    expect(r.text).toMatch(/^您名下没有护照相关的办件。以下是您的其他办件/);
    expect(r.cards.map((c) => c.id)).toEqual(['a1']);
  });

  it('"社保" covers the 社保卡 case', () => {
    const r = personalReply({ about: 'application' }, '我的社保办到哪了', [app('a1', '社会保障卡申领', 'accepted'), app('a2', '普通护照签发', 'accepted')], [], NOW)!;
    expect(r.cards.map((c) => c.id)).toEqual(['a1']);
  });

  it('身份证 is not 居住证 although both end in 证', () => {
    const r = personalReply({ about: 'application' }, '我的身份证办好了没', [app('a1', '居住证申领', 'accepted')], [], NOW)!;
    expect(r.text).toContain('没有身份证相关的办件');
  });
});

describe('time words choose by submission day (Asia/Shanghai)', () => {
  const apps = [
    app('a1', '公积金提取', 'accepted', '2026-12-02T03:00:00.000Z'), // last week (Wed)
    app('a2', '社会保障卡申领', 'accepted', '2026-11-24T03:00:00.000Z'), // two weeks ago
    app('a3', '居民身份证换领', 'accepted', '2026-12-06T16:30:00.000Z'), // Monday 00:30 in Shanghai: today
  ];

  it.each([
    ['我上周提交的那个批了没', ['a1']],
    ['我今天提交的办到哪了', ['a3']],
    ['我上个月提交的那个批了没', ['a2']],
    ['我前几天提交的那个怎么样了', ['a1']],
  ])('%s → %j', (text, ids) => {
    expect(personalReply({ about: 'application' }, text, apps, [], NOW)!.cards.map((c) => c.id)).toEqual(ids);
  });

  it('none submitted then: says so and lists the in-progress ones', () => {
    const r = personalReply({ about: 'application' }, '我昨天提交的那个批了没', apps, [], NOW)!;
    expect(r.text).toBe('您昨天没有提交过办件。以下是您办理中的办件，请核对：');
    expect(r.cards.map((c) => c.id)).toEqual(['a1', 'a2', 'a3']);
  });

  it('periods: weeks start on Monday, days are Shanghai days', () => {
    expect(periodIn('上周', NOW)).toEqual({ label: '上周', from: '2026-11-30', to: '2026-12-06' });
    expect(periodIn('这周', '2026-12-06T15:59:00.000Z')).toEqual({ label: '这周', from: '2026-11-30', to: '2026-12-06' });
    expect(periodIn('本周', '2026-12-06T16:00:00.000Z')).toEqual({ label: '本周', from: '2026-12-07', to: '2026-12-07' });
    expect(periodIn('上个月', NOW)).toEqual({ label: '上个月', from: '2026-11-01', to: '2026-11-30' });
    expect(periodIn('社保卡办到哪了', NOW)).toBeNull();
  });
});

describe('an unpaid bill is the next step', () => {
  it('an accepted case with an unpaid bill: pay, amount and deadline (Shanghai), 去缴费 to the case page', () => {
    const r = personalReply({ about: 'application' }, '我的护照办到哪一步了', [app('a1', '普通护照签发', 'accepted')], [], NOW,
      [{ applicationId: 'a1', status: 'unpaid', totalFen: 12000, expiresAt: '2026-12-14T10:00:00.000Z' }])!;
    expect(r.cards[0].nextStep).toBe('请缴纳费用 ¥120.00（2026-12-14 18:00前），缴费后办理单位即可办结');
    // One card: the text only leads in; the card (and a text channel's full line) carries the step.
    expect(r.text).toBe('您的“普通护照签发”办件：');
    expect(replyAsText(r)).toBe('您申请的“普通护照签发”（BJ20261201000001）当前状态：办理中。请缴纳费用 ¥120.00（2026-12-14 18:00前），缴费后办理单位即可办结。');
    expect(r.action).toEqual({ label: '去缴费', link: '/packages/affairs/pages/detail/index?id=a1' });
  });

  it('a paid bill leaves the department\'s next step', () => {
    const r = personalReply({ about: 'application' }, '我的护照办到哪一步了', [app('a1', '普通护照签发', 'accepted')], [], NOW,
      [{ applicationId: 'a1', status: 'paid', totalFen: 12000 }])!;
    expect(r.cards[0].nextStep).toContain('正在办理');
    expect(r.action).toBeUndefined();
  });
});

describe('plain "my …" questions', () => {
  it.each([
    ['我的社保卡补办要多久', { about: 'application', soft: 'running' }],
    ['我的护照什么时候能拿到', { about: 'application', soft: 'running' }],
    ['我那个被退回的户口迁入是咋回事', { about: 'application' }],
    ['我那件户口迁入怎么回事', { about: 'application', soft: 'named' }],
    ['我的居住证没通过', { about: 'application' }],
    ['我的预约号是多少', { about: 'booking' }],
    ['我的预约是哪天', { about: 'booking' }],
    ['我的预约能改时间吗', { about: 'booking', change: true }],
    ['我约的能改到明天吗', { about: 'booking', change: true }],
    ['我约的是几点，能改吗', { about: 'booking', change: true }],
    ['我的预约取消了吗', { about: 'booking' }],
    ['预约YY20261209000123可以改到下午吗', { about: 'booking', number: 'YY20261209000123', change: true }],
  ])('%s → %j', (text, ask) => expect(personalAskOf(text)).toEqual(ask));

  it.each(['社保卡补办要多久', '护照多久能拿到', '户口迁入被退回怎么办', '预约可以改时间吗'])('%s (no first person) → the FAQ', (text) => {
    expect(personalAskOf(text)).toBeNull();
  });

  it('a duration ask with a case of that matter shows it; with none, null (the FAQ answers), never "you have no such case"', () => {
    const ask = personalAskOf('我的社保卡补办要多久')!;
    const card = app('a1', '社会保障卡补领、换领', 'accepted');
    const withClock = { ...card, clock: { promisedDays: 5, statutoryDays: 20, acceptedOn: '2026-12-01', usedDays: 0, runningSince: '2026-12-01', dueDate: '2026-12-08', statutoryDueDate: '2026-12-29', uncoveredYears: [] } };
    const r = personalReply(ask, '我的社保卡补办要多久', [withClock], [], NOW)!;
    expect(r.text).toBe('您的“社会保障卡补领、换领”办件：');
    expect(r.cards).toEqual([expect.objectContaining({ id: 'a1', status: '办理中', due: '2026-12-08' })]);
    // As on the detail page: the working days left (Mon 12-07: one left to Tue 12-08).
    expect(r.cards[0].nextStep).toBe('示例市公安局正在办理，承诺在2026-12-08前办结（剩余1个工作日）');
    expect(personalReply(ask, '我的社保卡补办要多久', [app('a2', '普通护照签发', 'accepted')], [], NOW)).toBeNull();
    expect(personalReply(ask, '我的社保卡补办要多久', [], [], NOW)).toBeNull();
    // Only a finished one: a new replacement is being asked about.
    expect(personalReply(ask, '我的社保卡补办要多久', [app('a3', '社会保障卡补领、换领', 'completed')], [], NOW)).toBeNull();
  });
});

describe('a refused or finished case of the matter named', () => {
  const refused: ApplicationRow = {
    ...app('a1', '户口迁入登记', 'rejected'),
    timeline: [
      { seq: 1, at: '2026-11-10T02:00:00.000Z', action: 'submit', status: 'submitted', by: '申请人' },
      { seq: 2, at: '2026-11-11T02:00:00.000Z', action: 'reject', status: 'rejected', by: '示例市公安局', comment: '迁入地址不在本辖区，请向迁入地派出所申请' },
    ],
  };

  it('"我那个被退回的户口迁入是咋回事": that case, its next step gives the stored reason and what to do', () => {
    const r = personalReply(personalAskOf('我那个被退回的户口迁入是咋回事')!, '我那个被退回的户口迁入是咋回事', [app('a2', '公积金提取', 'accepted'), refused], [], NOW)!;
    expect(r.text).toBe('您的“户口迁入登记”办件：');
    expect(r.cards).toEqual([expect.objectContaining({ id: 'a1', status: '不予受理' })]);
    expect(r.cards[0].nextStep).toBe('不予受理，理由：迁入地址不在本辖区，请向迁入地派出所申请；可按要求修改后重新申请');
    expect(r.cards[0].due).toBeUndefined();
    // Another 户口迁入 case still running (as 张三 in the preview has): the returned one is meant.
    const both = personalReply({ about: 'application' }, '我那个被退回的户口迁入是咋回事', [app('a2', '户口迁入登记', 'accepted'), refused], [], NOW)!;
    expect(both.cards.map((c) => c.id)).toEqual(['a1']);
    expect(setbackReply(both)!.text).toBe('您的“户口迁入登记”办件如下，仍有疑问请点“转人工”：');
    // A case in progress explains no "被退回": a person does.
    expect(setbackReply(personalReply({ about: 'application' }, '我的户口迁入被退回了', [app('a2', '户口迁入登记', 'accepted')], [], NOW))).toBeNull();
  });

  it('"怎么回事" is about a case only when the message names one of the caller\'s', () => {
    const ask = personalAskOf('我那件户口迁入怎么回事')!;
    expect(personalReply(ask, '我那件户口迁入怎么回事', [app('a2', '公积金提取', 'accepted'), refused], [], NOW)!.cards.map((c) => c.id)).toEqual(['a1']);
    // Names no case (a phone problem): the FAQ, not the caller's cases.
    const phone = personalAskOf('我的手机收不到验证码怎么回事')!;
    expect(phone).toEqual({ about: 'application', soft: 'named' });
    expect(personalReply(phone, '我的手机收不到验证码怎么回事', [app('a2', '公积金提取', 'accepted'), refused], [], NOW)).toBeNull();
  });

  it('a 不予 decision at 办结 gives its reason too', () => {
    const denied: ApplicationRow = {
      ...app('a3', '建设工程规划许可', 'completed'), matterType: '行政许可', result: { decision: '不予' },
      timeline: [{ seq: 3, at: '2026-11-20T02:00:00.000Z', action: 'complete', status: 'completed', by: '市规划局', comment: '不符合控制性详细规划。', result: { decision: '不予' } }],
    };
    const r = personalReply({ about: 'application' }, '我的建设工程规划许可怎么没通过', [denied], [], NOW)!;
    expect(r.cards[0].nextStep).toBe('已办结：不予许可，理由：不符合控制性详细规划。对结果不服可依法申请行政复议或提起行政诉讼');
  });

  it('a live case and the latest finished one of the matter: both, and the text says which is which', () => {
    const live = app('a4', '往来港澳通行证签注', 'accepted');
    const done = app('a5', '往来港澳通行证签注', 'completed');
    const older = app('a6', '往来港澳通行证签注', 'completed');
    const r = personalReply({ about: 'application' }, '我的港澳签注好了没', [live, done, older, app('a7', '公积金提取', 'accepted')], [], NOW)!;
    expect(r.cards.map((c) => c.id)).toEqual(['a4', 'a5']);
    expect(r.text).toBe('您名下办理中的相关办件共 1 件，另附最近一件已结束的办件，请看下面的卡片：');
  });

  it('"我上个月办的那个港澳签注好了没": the one submitted last month, although it is finished', () => {
    const done = app('a8', '往来港澳通行证签注', 'completed', '2026-11-12T02:00:00.000Z');
    const r = personalReply(personalAskOf('我上个月办的那个港澳签注好了没')!, '我上个月办的那个港澳签注好了没', [app('a9', '公积金提取', 'accepted'), done], [], NOW)!;
    expect(r.cards.map((c) => c.id)).toEqual(['a8']);
    expect(r.text).toBe('您的“往来港澳通行证签注”办件：');
  });

  it('only open ones listed for a matter: the text says 办理中的', () => {
    const r = personalReply({ about: 'application' }, '我的公积金提取到哪一步了', [app('a1', '公积金提取', 'accepted'), app('a2', '公积金提取', 'submitted')], [], NOW)!;
    expect(r.text).toBe('您名下办理中的相关办件共 2 件，请看下面的卡片：');
  });
});

describe('a paused case: the detail page\'s rule', () => {
  const paused: ApplicationRow = {
    ...app('a1', '户口迁入登记', 'suspended'), suspendReason: '落户条件需公安与住建部门联合核查', dueDate: '2026-12-10',
    clock: { promisedDays: 10, statutoryDays: 20, acceptedOn: '2026-11-25', usedDays: 4, runningSince: null, pausedOn: '2026-12-01', dueDate: '2026-12-10', statutoryDueDate: '2026-12-23', uncoveredYears: [] },
  };

  it('no 承诺办结 date, the working days left and that the date is set again on resume', () => {
    const r = personalReply({ about: 'application' }, '我的户口迁入办到哪了', [paused], [], NOW)!;
    const card = r.cards[0];
    expect(card.due).toBeUndefined();
    expect(card.clock).toBe('暂停计时 · 剩余6个工作日，恢复后重新计算到期日');
    expect(card.nextStep).toBe('办理暂停（落户条件需公安与住建部门联合核查），暂停期间不计入办理时限');
    // A text channel says the same, never the stale date.
    const text = replyAsText(r);
    expect(text).toContain('办理时限：暂停计时 · 剩余6个工作日，恢复后重新计算到期日');
    expect(text).not.toContain('2026-12-10');
  });
});

describe('changing a booking', () => {
  it('one booking before the cut-off: cancel online by the deadline (Shanghai), then book again; 查看预约', () => {
    const r = personalReply({ about: 'booking', change: true }, '我的预约能改时间吗', [], [booking('b1', '户口迁入')], NOW)!;
    expect(r.cards.map((c) => c.id)).toEqual(['b1']);
    expect(r.text).toBe('预约不能直接改时间。如需改期，请打开下面的预约，在 2026-12-09 08:00 前点“取消预约”，再重新预约其他时段（开始前1小时内不能在线取消）：');
    expect(r.action).toEqual({ label: '查看预约', link: '/packages/booking/pages/detail/index?id=b1' });
    // The booking function's setting, when it differs.
    expect(personalReply({ about: 'booking', change: true }, '我的预约能改时间吗', [], [booking('b1', '户口迁入')], NOW, [], { cancelCutoffMinutes: 1440 })!.text)
      .toContain('在 2026-12-08 09:00 前点“取消预约”');
  });

  it('past the cut-off: no online change, contact the hall', () => {
    const r = personalReply({ about: 'booking', change: true, number: 'YY20261209000121' }, '预约YY20261209000121可以改到下午吗', [], [booking('b1', '户口迁入')], '2026-12-09T00:30:00.000Z')!;
    expect(r.text).toBe('预约不能直接改时间，这个预约已过在线取消时间（开始前1小时）。如不能按时前往，请联系市民中心：');
    expect(r.cards.map((c) => c.id)).toEqual(['b1']);
  });

  it('"我的预约号是多少": the booking card, whose number is on it', () => {
    const r = personalReply(personalAskOf('我的预约号是多少')!, '我的预约号是多少', [], [booking('b1', '户口迁入')], NOW)!;
    expect(r.text).toBe('您的“户口迁入”预约：');
    expect(r.cards).toEqual([expect.objectContaining({ no: 'YY20261209000121', due: '2026-12-09 09:00–09:30' })]);
    expect(replyAsText(r)).toBe('您预约的“户口迁入”（YY20261209000121）已预约，时间 2026-12-09 09:00–09:30。请于2026-12-09 09:00前到市民中心户籍窗口（人民路1号），出示预约码签到。');
  });
});
