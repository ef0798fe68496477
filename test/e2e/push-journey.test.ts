/**
 * 订阅消息推送 in the H5 preview:
 * (a) a citizen applies online (guide → form → materials → submit), subscribes on the submitted
 *     application through the imitation of WeChat's dialog (允许) → the police clerk accepts it →
 *     the affairs → outbox → push path (kick) delivers → the citizen's 微信消息 panel shows 办件进度通知 with valid fields → tapping opens the
 *     application and records the open.
 * (b) local-admin composes an emergency 突发事件提醒 to its subscribers → their own campaign
 *     cannot be approved by them → local-admin-2 approves → the dispatch trigger fires → a
 *     subscriber's 微信消息 panel shows it.
 */
import { invokeFunction } from '../../local-cloud';
import { openPhonePage, startPreview, type Preview } from './browser';
import { attach, becomeByLabel, fill, PDF, png } from './journey-helpers';
import { idCheckChar } from '../../core/matter/form';

const MATTER = '11999900MB0P12301G3000711104002'; // 户口迁入登记, 示例市公安局, 网办深度 3

let preview: Preview;

beforeAll(async () => {
  // Journey (b) needs the review step whatever the audience size.
  process.env.PUSH_APPROVAL_THRESHOLD = '1'; // the two seeded subscribers exceed it
  preview = await startPreview();
});
afterAll(async () => {
  delete process.env.PUSH_APPROVAL_THRESHOLD;
  await preview?.close();
});

async function inboxOf(openid: string): Promise<{ api: string; payload: { templateId: string; page: string; data: Record<string, { value: string }> } }[]> {
  const res = await fetch(`${preview.gateway.url}/api/local/inbox?openid=${openid}`);
  return (await res.json()) as never;
}

describe('H5 journey: subscription messages', () => {
  it('(a) apply online, subscribe in the dialog, staff accept, 微信消息 shows 办件进度通知, tap opens it', async () => {
    const { page, problems } = await openPhonePage(preview);
    const base = preview.gateway.url;
    const before = (await inboxOf('local-citizen')).length;

    // The citizen applies for 户口迁入登记 from its guide, as in the affairs journey.
    await becomeByLabel(page, base, '市民（张*）');
    await page.goto(`${base}/#/packages/matters/pages/guide/index?id=${MATTER}`);
    await page.locator('.guide-apply').filter({ visible: true }).click();
    await page.locator('.affairs-title', { hasText: '户口迁入登记' }).filter({ visible: true }).waitFor();
    const id17 = '33010619850512123';
    await fill(page, 'name', '张三');
    await fill(page, 'idNumber', id17 + idCheckChar(id17));
    await fill(page, 'phone', '13812345678');
    await fill(page, 'fromAddress', '浙江省杭州市西湖区文三路100号');
    await fill(page, 'toAddress', '示例市新城区人民路88号3幢201室');
    await page.locator('.field--reason .chip', { hasText: '购房落户' }).filter({ visible: true }).click();
    await page.locator('.field--promise .chip').filter({ visible: true }).click();
    await attach(page, '迁移人的居民身份证', { name: '身份证.png', mimeType: 'image/png', buffer: png([200, 30, 30]) });
    await attach(page, '迁移人的居民户口簿', { name: '户口簿.pdf', mimeType: 'application/pdf', buffer: PDF });
    await attach(page, '落户地址证明', { name: '房产证.png', mimeType: 'image/png', buffer: png([30, 30, 200]) });
    await page.locator('.affairs-submit').filter({ visible: true }).click();

    // Submitted: the detail page offers the subscription; the tap opens WeChat's dialog (imitated).
    await page.getByText('申请已提交').waitFor();
    await page.waitForURL(/packages\/affairs\/pages\/detail\/index\?id=/);
    const appId = decodeURIComponent(/[?&]id=([^&]+)/.exec(page.url())![1]);
    const no = (await page.locator('.kv', { hasText: '办件编号' }).filter({ visible: true }).locator('.kv__value').innerText()).trim();
    const app = { id: appId, no };
    await page.locator('.subscribe-prompt__btn').filter({ visible: true }).click();
    // The guide below in the page stack has its own (hidden) dialog host.
    const dialog = page.locator('.subscribe-dialog').filter({ visible: true });
    await dialog.waitFor();
    for (const t of ['办件进度通知', '补正通知', '办结通知']) await dialog.getByText(t, { exact: true }).waitFor();
    await dialog.getByText('总是保持以上选择，不再询问').waitFor();
    await dialog.locator('.subscribe-dialog__allow').click();
    await page.getByText(/已订阅3类通知/).filter({ visible: true }).waitFor();

    await becomeByLabel(page, base, '工作人员（公安局）');
    await page.goto(`${base}/#/packages/staff/pages/case/index?id=${app.id}`);
    await page.locator('.case-action--accept').click();
    await page.locator('.case-confirm').click();
    await page.getByText('受理（办理中）').waitFor();

    // The kick delivers it; poll the inbox the way the panel reads it.
    const deadline = Date.now() + 10_000;
    let got: Awaited<ReturnType<typeof inboxOf>> = [];
    while (Date.now() < deadline) {
      got = (await inboxOf('local-citizen')).filter((r) => r.api === 'subscribeMessage.send');
      if (got.length > before) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const msg = got[got.length - 1];
    expect(msg.payload.templateId).toBe('LOCAL-caseProgress-0001');
    expect(msg.payload.data.character_string1.value).toBe(app.no);
    expect(msg.payload.data.phrase3.value).toBe('已受理');
    expect(msg.payload.data.time4.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$|^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/);
    expect([...msg.payload.data.thing2.value].length).toBeLessThanOrEqual(20);

    await becomeByLabel(page, base, '市民（张*）');
    await page.locator('.mine__wx-inbox').click();
    const item = page.locator('.push-inbox__item').filter({ hasText: '办件进度通知' }).filter({ hasText: app.no }).first();
    await item.waitFor();
    await item.getByText('已受理').waitFor();
    await item.getByText('办件编号').waitFor();
    await item.locator('.wx-msg__open').click();
    await page.waitForURL(/packages\/affairs\/pages\/detail\/index\?id=.*from=push/);
    await page.locator('.affairs-status', { hasText: '办理中' }).waitFor();
    const pushId = decodeURIComponent(/pushId=([^&]+)/.exec(msg.payload.page)![1]);
    // Recorded once: a second open answers recorded: false.
    const again = (await invokeFunction('push', { action: 'open', params: { pushId } }, { OPENID: 'local-citizen' })) as { ok: true; data: { recorded: boolean } };
    expect(again.data.recorded).toBe(false);
    expect(problems).toEqual([]);
  });

  it('(b) emergency campaign: composed by local-admin, approved by local-admin-2, received by subscribers', async () => {
    const { page, problems, idle } = await openPhonePage(preview);
    const base = preview.gateway.url;
    const before = (await inboxOf('local-citizen-2')).filter((r) => r.payload.templateId === 'LOCAL-emergencyAlert-0009').length;

    await becomeByLabel(page, base, '管理员');
    await page.locator('.staff-campaigns-entry').click();
    await page.locator('.campaigns-compose').click();
    await page.locator('.compose-template--emergencyAlert').click();
    await page.locator('.compose-field--thing1 input').fill('暴雨红色预警');
    await page.locator('.compose-field--thing2 input').fill('示例市全市范围');
    await page.locator('.compose-field--time3 input').fill('2026-07-01 08:00');
    await page.locator('.compose-field--thing4 input').fill('请减少外出，远离低洼地带和河道');
    await page.locator('.compose-recipients__n').filter({ hasText: /^[1-9]\d*$/ }).waitFor();
    await page.locator('.compose-preview').getByText('暴雨红色预警').waitFor();
    await page.locator('.compose-emergency', { hasText: '紧急' }).waitFor();
    await page.locator('.compose-submit').click();
    await page.locator('.campaign-status', { hasText: '待审核' }).waitFor();
    await page.locator('.campaign-own').waitFor();
    const id = decodeURIComponent(/id=([^&]+)/.exec(page.url())![1]);

    await becomeByLabel(page, base, '管理员（审批）');
    // A full load leaves one page in the H5 stack: a hash change alone keeps the composer's
    // campaign page mounted beside the approver's, and a tap can land on the stale one.
    await page.goto(`${base}/#/packages/staff/pages/campaign/index?id=${id}`);
    // Reload only once the page's own loads have answered: a reload aborts what is in flight.
    await page.locator('.campaign-approve').first().waitFor();
    await idle();
    await page.reload();
    await page.locator('.campaign-approve').click();
    await page.locator('.campaign-status', { hasText: /待发送|发送中|已完成/ }).waitFor();

    const fired = await fetch(`${base}/api/triggers/push/dispatch`, { method: 'POST' });
    expect(fired.status).toBe(200);
    const after = (await inboxOf('local-citizen-2')).filter((r) => r.payload.templateId === 'LOCAL-emergencyAlert-0009');
    expect(after.length).toBe(before + 1);
    expect(after[after.length - 1].payload.data.thing1.value).toBe('暴雨红色预警');

    await page.goto(`${base}/#/packages/staff/pages/campaign/index?id=${id}`);
    await page.locator('.campaign-count--sent .campaign-count__n').filter({ hasText: /^[1-9]/ }).waitFor();

    await becomeByLabel(page, base, '市民（李*）');
    await page.locator('.mine__wx-inbox').click();
    const item = page.locator('.push-inbox__item').filter({ hasText: '突发事件提醒' }).first();
    await item.waitFor();
    await item.getByText('暴雨红色预警').waitFor();
    await item.getByText('防范提示').waitFor();
    expect(problems).toEqual([]);
  });
});
