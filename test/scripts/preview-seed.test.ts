/**
 * What a new user can walk in the default preview, straight after the seed: 群发 to the
 * 政策通知 subscribers needs a second administrator's approval (more subscribers than
 * PUSH_APPROVAL_THRESHOLD), and 管理员（审批） can give it.
 */
import { sdk } from '../../local-cloud';
import { seed, seedOnce } from '../../scripts/seed';
import { approvalThreshold } from '../../cloudfunctions/push/handlers/campaigns';
import { ADMIN, call, callRaw, expectOk, startCloud } from '../functions/harness';
import { addDays, shanghaiDate } from '../../core/calendar/workdays';

const invoke = (fn: string, data: unknown, openid?: string) => callRaw(fn, data, openid);

beforeAll(async () => {
  startCloud();
  await seed(invoke, ADMIN, () => undefined);
}, 120_000);

it('管理员 composes a 政策通知 to all its subscribers; it waits for 管理员（审批）, who approves it', async () => {
  const templates = expectOk(await call('push', 'templates', {}, 'local-admin'));
  const policy = templates.find((t) => t.key === 'policyNotice')!;
  const compose = {
    templateId: policy.templateId,
    data: { thing1: '医保缴费提醒', thing2: '示例市医疗保障局', time3: new Date().toISOString(), thing4: '请于月底前完成城乡居民医保缴费' },
    page: 'pages/index/index',
    audience: { type: 'templateSubscribers' as const, templateId: policy.templateId },
  };
  const preview = expectOk(await call('push', 'previewCampaign', compose, 'local-admin'));
  expect(preview.recipients).toBeGreaterThan(approvalThreshold());
  expect(preview.needsApproval).toBe(true);
  const created = expectOk(await call('push', 'createCampaign', compose, 'local-admin'));
  expect(created.status).toBe('pendingApproval');
  const self = await call('push', 'approveCampaign', { id: created.id }, 'local-admin');
  expect(self.ok).toBe(false);
  const approved = expectOk(await call('push', 'approveCampaign', { id: created.id }, 'local-admin-2'));
  expect(approved.status).toBe('scheduled');
});

it('管理员 sees 缴费对账 history: three days before yesterday, one with a difference and its reason', async () => {
  const { reports, mismatches } = expectOk(await call('pay', 'reports', {}, 'local-admin'));
  expect(reports.map((r) => r.mismatches.length)).toEqual([0, 1, 0]);
  expect(reports[1]?.mismatches[0]?.reason).toBe('微信支付账单有此笔交易，本系统当日无对应的已缴账单');
  expect(mismatches).toEqual([expect.objectContaining({ source: 'tradebill', outTradeNo: reports[1]?.mismatches[0]?.outTradeNo })]);
});

it('张三 has one case 办理中 with its bill 待缴费 (120元, due in 6 days), as 受理 issues it', async () => {
  const bills = expectOk(await call('pay', 'bills', {}, 'local-citizen'));
  expect(bills).toEqual([expect.objectContaining({ matterName: '普通护照签发', status: 'unpaid', totalFen: 12000, items: [{ name: '普通护照', amountFen: 12000 }] })]);
  const days = (Date.parse(bills[0]!.expiresAt!) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(5);
  expect(days).toBeLessThanOrEqual(7);
  const mine = expectOk(await call('affairs', 'mine', {}, 'local-citizen'));
  expect(mine.items.find((a) => a.id === bills[0]!.applicationId)).toMatchObject({ status: 'accepted' });
});

it('the seeded notices carry reads, likes, shares and share opens the staff 内容 section shows', async () => {
  const stats = expectOk(await call('push', 'noticeStats', {}, 'local-admin'));
  expect(stats.length).toBeGreaterThanOrEqual(2);
  for (const s of stats) {
    expect(s.reads).toBeGreaterThan(30);
    expect(s.likes).toBeGreaterThan(0);
    expect(s.shares).toBe(2);
    expect(s.shareOpens).toBeGreaterThan(0);
    expect(s.shareOpens).toBeLessThan(s.reads);
  }
  // The preview citizen has read them: the page shows the read as theirs, not a fresh one.
  expect(expectOk(await call('push', 'noticeRead', { id: stats[0].id }, 'local-citizen')).recorded).toBe(false);
});

it('效能看板 shows months of seeded trend at once; 跑零次率 is the home page’s figure', async () => {
  const to = shanghaiDate();
  const from = addDays(to, -180);
  const board = expectOk(await call('metrics', 'dashboard', { from, to }, ADMIN));
  const home = expectOk(await call('matters', 'home', {}, ADMIN));
  expect(board.indicators.find((i) => i.key === 'zeroVisitRate')).toMatchObject({ num: home.totals.zeroVisit, den: home.totals.matters });
  expect(board.indicators.find((i) => i.key === 'goodRate')!.den).toBeGreaterThan(100);
  const trend = expectOk(await call('metrics', 'trend', { from, to, key: 'goodRate' }, ADMIN));
  expect(trend.granularity).toBe('month');
  expect(trend.points.filter((p) => p.den > 0).length).toBeGreaterThanOrEqual(4);
  // Rolled up at seed time: yesterday has its run marker.
  const { data } = await sdk.database().collection('metrics_daily').where({ _id: `r|${addDays(to, -1)}` }).limit(1).get();
  expect(data).toHaveLength(1);
});

it('the seeded knowledge base answers with the city\'s own facts from the seeded catalogue', async () => {
  const a = expectOk(await call('consult', 'ask', { text: '身份证丢了怎么补办' }, 'local-citizen-2'));
  expect(a.answer?.id).toBe('faq-idcard-reissue');
  expect(a.answer?.matter).toMatchObject({ name: '居民身份证补领（含挂失申报）' });
  expect(a.answer?.matter?.links.guide).toContain('guide');
});

it('咨询坐席 finds 李四\'s seeded handoff with her cases and opens the one she asks about read-only; 张三\'s case is not there for it', async () => {
  const items = expectOk(await call('consult', 'inbox', { status: 'open' }, 'local-agent'));
  const li = items.find((i) => i.question.startsWith('我的社保卡补领'))!;
  const card = li.context!.records.find((r) => r.title === '社会保障卡补领、换领' && r.status === '办理中')!;
  expect(card.link).toBe(`/packages/staff/pages/consult-record/index?questionId=${li.id}&kind=application&id=${card.id}`);
  const view = expectOk(await call('consult', 'inboxRecord', { questionId: li.id, kind: 'application', id: card.id }, 'local-agent'));
  expect(view).toMatchObject({ status: '办理中', unit: '示例市人力资源和社会保障局', applicant: '李*' });
  expect(view.steps.map((s) => s.step)).toEqual(['提交申请', '受理']);
  expect(view.staffLink).toBeUndefined();
  expect(JSON.stringify(view)).not.toMatch(/13955556666|330102/);
  // 张三's passport case (its bill 待缴费) does not open beside 李四's question.
  const [zhangBill] = expectOk(await call('pay', 'bills', {}, 'local-citizen'));
  expect(await call('consult', 'inboxRecord', { questionId: li.id, kind: 'application', id: zhangBill!.applicationId }, 'local-agent')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  // 张三 still starts with an empty chat.
  expect(expectOk(await call('consult', 'history', {}, 'local-citizen')).messages).toEqual([]);
});

it('咨询坐席 finds a request for a person with the entries offered before it, and a question already learned', async () => {
  const open = expectOk(await call('consult', 'inbox', { status: 'open' }, 'local-agent'));
  const asked = open.find((i) => i.question === '能不能让人来回答')!;
  expect(asked).toMatchObject({ reason: 'human', maskedOpenid: expect.not.stringContaining('local-citizen-2') });
  const offered = asked.context!.messages.find((m) => m.role === 'bot')!;
  expect(offered).toMatchObject({ type: 'suggestions', text: '您是不是想问：' });
  expect(offered.suggestions!.length).toBeGreaterThanOrEqual(2);
  const answered = expectOk(await call('consult', 'inbox', { status: 'answered' }, 'local-agent'));
  const learned = answered.find((i) => i.learnedAs)!;
  expect(learned).toMatchObject({ learnedAs: 'faq-elderly-allowance', answeredByName: '陈坐席' });
  const { kb } = expectOk(await call('consult', 'knowledge', {}, 'local-agent'));
  expect(kb.faqs.find((f) => f.id === 'faq-elderly-allowance')!.similar).toContain(learned.question);
});

it('a data dir seeded before the seed kept its log gets only the steps added since; edits stay', async () => {
  const { kb } = expectOk(await call('consult', 'knowledge', {}, 'local-agent'));
  const openBefore = expectOk(await call('consult', 'inbox', { status: 'open' }, 'local-agent')).length;
  const edited = { ...kb.faqs[0], answer: '坐席改过的答案。' };
  expectOk(await call('consult', 'saveEntry', { kind: 'faq', entry: edited }, 'local-agent'));
  await sdk.database().collection('local_seed').doc('steps').remove();
  expect(await seedOnce(invoke, ADMIN, () => undefined)).toEqual(['affairs-billed', 'push-audience', 'notice-engagement', 'evaluation', 'pay', 'consult-inbox', 'metrics']);
  expect(await seedOnce(invoke, ADMIN, () => undefined)).toEqual([]);
  // The seeded handoffs are asked once, not again on the rerun.
  expect(expectOk(await call('consult', 'inbox', { status: 'open' }, 'local-agent'))).toHaveLength(openBefore);
  const after = expectOk(await call('consult', 'knowledge', {}, 'local-agent'));
  expect(after.kb.faqs.find((f) => f.id === edited.id)?.answer).toBe('坐席改过的答案。');
});
