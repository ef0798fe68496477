/**
 * 好差评 end to end in the H5 preview: 工作人员（公安局） completes one of 张三's seeded applications
 * → 张三's case page invites the rating, a complaint in 智能咨询 offers it, 我的 → 待评价 lists it →
 * 张三 sees each level's own options and rates 不满意 with a problem option and a comment → the 差评工单 appears for 公安局 (not for 人社局) → the clerk
 * reveals the phone (logged), records 回访核实, resolves 限期整改, marks it rectified and sends the
 * feedback (its outbox event is delivered by push) → 张三 sees 已办结 and adds a 追评 with a
 * rating of the handling.
 */
import { createHash } from 'node:crypto';
import { invokeFunction, sdk } from '../../local-cloud';
import { openPhonePage, startPreview, type Preview } from './browser';
import { becomeByLabel } from './journey-helpers';
import { OPTIONS_VERSION } from '../../core/evaluation/model';

/** The seed's id for 张三's 5th application (出生登记, 公安局, accepted): scripts/seed/affairs.ts seedId. */
const APP_ID = `A${createHash('sha256').update('seed\u0000local-citizen\u00004').digest('hex').slice(0, 24)}`;

let preview: Preview;
beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.close(); });

async function outboxOf(type: string): Promise<{ step?: string; status: string }[]> {
  return (await sdk.database().collection('outbox').where({ type }).limit(100).get()).data as never;
}

describe('H5 journey: 好差评', () => {
  it('rate after 办结 → 差评工单 → 回访 → 整改 → 反馈 → 追评', async () => {
    const { page, problems } = await openPhonePage(preview);
    const base = preview.gateway.url;

    // (1) The police clerk completes the application.
    await becomeByLabel(page, base, '工作人员（公安局）');
    await page.goto(`${base}/#/packages/staff/pages/case/index?id=${APP_ID}`);
    const caseStatus = page.locator('.case-status').filter({ visible: true });
    await caseStatus.filter({ hasText: '办理中' }).waitFor();
    await page.locator('.case-action--complete').filter({ visible: true }).click();
    await page.locator('.case-actions .chip', { hasText: '准予' }).filter({ visible: true }).click();
    await page.locator('.case-express input').filter({ visible: true }).fill('SF1402345678901');
    await page.locator('.case-comment textarea').filter({ visible: true }).fill('经审核符合条件，准予登记');
    await page.locator('.case-confirm').filter({ visible: true }).click();
    await caseStatus.filter({ hasText: '已办结' }).waitFor();

    // (2) The citizen's case page invites the rating; a complaint in 智能咨询 offers it too; 我的 → 待评价 lists it.
    await becomeByLabel(page, base, '市民（张*）');
    await page.goto(`${base}/#/packages/affairs/pages/detail/index?id=${APP_ID}`);
    await page.locator('.rate-invite').filter({ visible: true }).waitFor();
    const title = '新生儿出生登记（户口申报）';
    await page.goto(`${base}/#/packages/consult/pages/chat/index`);
    await page.locator('.consult-input textarea').fill('办出生登记时窗口工作人员态度很差，爱答不理');
    await page.locator('.consult-send').click();
    const offer = page.locator('.consult-rate-offer', { hasText: '对办理结果不满意？可以评价该办件' }).filter({ visible: true }).last();
    await offer.getByText(title).waitFor();
    await page.goto(`${base}/#/pages/mine/index`);
    await page.locator('.mine__evaluation').click();
    const item = page.locator('.evaluation-pending__item', { hasText: title }).filter({ visible: true });
    await item.locator('.row__desc', { hasText: '前可评价' }).waitFor();
    await item.click();

    // (3) Each level shows its own options: praise for 非常满意, problems for 不满意 (picks cleared on change).
    const option = (o: string) => page.locator('.evaluation-option', { hasText: o }).filter({ visible: true });
    await page.locator('.evaluation-level', { hasText: '非常满意' }).filter({ visible: true }).click();
    for (const o of ['整体非常满意', '办事效率高', '办事指南精准', '办事便捷', '平台操作简便']) await option(o).waitFor();
    await option('办事效率高').click();
    await page.locator('.evaluation-option--active', { hasText: '办事效率高' }).filter({ visible: true }).waitFor();
    await page.locator('.evaluation-level', { hasText: '不满意' }).filter({ hasNotText: '非常' }).filter({ visible: true }).click();
    for (const o of ['整体不满意', '办事效率低', '办事指南不准确', '办事不便捷', '平台操作不便']) await option(o).waitFor();
    expect(await option('办事效率高').count()).toBe(0);
    expect(await page.locator('.evaluation-option--active').filter({ visible: true }).count()).toBe(0);
    await option('办事效率低').click();
    await page.locator('.evaluation-comment textarea').filter({ visible: true }).fill('等了很久才办结');
    await page.locator('.evaluation-submit').filter({ visible: true }).click();
    const mine = page.locator('.evaluation-mine__item', { hasText: title }).filter({ visible: true });
    await mine.getByText('差评处理：待回访').waitFor();
    const stored = (await sdk.database().collection('evaluation_ratings').where({ targetId: APP_ID }).get()).data;
    expect(stored).toEqual([expect.objectContaining({ level: 2, options: ['办事效率低'], optionsVersion: OPTIONS_VERSION })]);

    // (4) The ticket is 公安局's, not 人社局's.
    const hrss = (await invokeFunction('evaluation', { action: 'tickets', params: {} }, { OPENID: 'local-staff-hrss' })) as { ok: true; data: { items: { targetId: string }[] } };
    expect(hrss.ok && hrss.data.items.some((t) => t.targetId === APP_ID)).toBe(false);
    await becomeByLabel(page, base, '工作人员（公安局）');
    await page.goto(`${base}/#/pages/mine/index`);
    await page.locator('.staff-eval-entry').click();
    const row = page.locator('.eval-ticket-row', { hasText: title }).filter({ visible: true });
    await row.getByText('待回访').waitFor();
    await row.click();

    // (5) 回访核实 with the phone (logged), 限期整改, 整改完成, 反馈.
    await page.locator('.eval-ticket__reveal').filter({ visible: true }).click();
    await page.locator('.eval-ticket__phones', { hasText: '13812345678' }).filter({ visible: true }).waitFor();
    const logs = (await sdk.database().collection('access_logs').where({ purpose: 'evaluation-contact' }).get()).data;
    expect(logs).toEqual([expect.objectContaining({ openid: 'local-staff-psb', applicationId: APP_ID })]);
    const status = page.locator('.eval-ticket__status').filter({ visible: true });
    const note = page.locator('.eval-ticket__note textarea').filter({ visible: true });
    const submit = page.locator('.eval-ticket__submit').filter({ visible: true });
    await note.fill('已电话联系申请人，核实情况属实');
    await submit.click();
    await status.filter({ hasText: '待处理' }).waitFor();
    await page.locator('.chip', { hasText: '限期整改' }).filter({ visible: true }).click();
    await note.fill('增开出生登记窗口');
    await submit.click();
    await status.filter({ hasText: '整改中' }).waitFor();
    await note.fill('已增开一个窗口');
    await submit.click();
    await status.filter({ hasText: '待反馈' }).waitFor();
    await note.fill('已增开窗口，感谢您的监督');
    await submit.click();
    await status.filter({ hasText: '已办结' }).waitFor();
    for (const step of ['生成工单', '回访核实', '处理·限期整改', '整改完成', '反馈结果']) {
      await page.locator('.eval-ticket__entry', { hasText: step }).filter({ visible: true }).first().waitFor();
    }
    // Every step's event is in the outbox; push consumes them (only the feedback is sent as a message).
    let events: { step?: string; status: string }[] = [];
    for (let i = 0; i < 200 && !(events.length === 5 && events.every((e) => e.status !== 'pending' && e.status !== 'claimed')); i += 1) {
      events = await outboxOf('evaluationTicket');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(events.map((e) => e.step).sort()).toEqual(['contact', 'feedback', 'open', 'rectified', 'resolve']);
    // The feedback is the one pushed to the rater (the preview's push fake records it as sent).
    expect(events.find((e) => e.step === 'feedback')?.status).toBe('done');

    // (6) The citizen sees it handled and adds a 追评 with a rating of the handling.
    await becomeByLabel(page, base, '市民（张*）');
    await page.goto(`${base}/#/packages/evaluation/pages/pending/index`);
    await mine.getByText('差评处理：已办结').waitFor();
    await mine.locator('.evaluation-mine__follow').click();
    await page.locator('.evaluation-level', { hasText: '满意' }).filter({ hasNotText: '非常' }).filter({ hasNotText: '不' }).filter({ hasNotText: '基本' }).filter({ visible: true }).click();
    await page.locator('.evaluation-comment textarea').filter({ visible: true }).fill('窗口确实多了');
    await page.locator('.evaluation-submit').filter({ visible: true }).click();
    await mine.getByText('追评：窗口确实多了').waitFor();
    await mine.getByText('处理结果评价：满意').waitFor();
    expect(problems).toEqual([]);
  });

  it('the seeded months show on a guide (好评率 from 10 ratings) and on 评价公示 per department', async () => {
    const { page, problems } = await openPhonePage(preview);
    const base = preview.gateway.url;
    await page.goto(`${base}/#/packages/matters/pages/guide/index?id=11999900MB0P12301G3002011103000`);
    await page.locator('.rating-summary__value', { hasText: /好评率 \d+\.\d%（\d+ 条评价）/ }).filter({ visible: true }).waitFor();
    await page.locator('.rating-summary').filter({ visible: true }).click();
    await page.locator('.evaluation-publicity__row', { hasText: '示例市公安局出入境管理支队' }).filter({ visible: true }).first().waitFor();
    expect(await page.locator('.evaluation-publicity__row').filter({ visible: true }).count()).toBeGreaterThanOrEqual(20);
    expect(problems).toEqual([]);
  });
});
