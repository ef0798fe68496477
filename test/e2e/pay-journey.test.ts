/**
 * 缴费 end to end in the H5 preview: 市民（张*） has applied for a charged matter (居民身份证补领,
 * 20元/证) → 工作人员（公安局） accepts it from the queue, and the case page shows the bill
 * (待缴费) → the citizen's 我的办件 marks it 待缴费 (total, deadline, 去缴费 → the bill page) and
 * the case page shows 待缴费 with 去缴费 → the imitation payment sheet:
 * 余额不足 first (still unpaid), then 确认支付 → 缴费成功 and the receipt's fields → 保存为图片
 * downloads the receipt as a PNG drawn by the browser's canvas → staff complete the case → 管理员
 * opens 缴费对账 from 我的 and sees the seeded day with a difference and its reason → in 长辈版 the
 * seeded unpaid bill's 去缴费 on 我的办件 is a full-width target of at least 60 px.
 */
import * as fs from 'node:fs';
import { invokeFunction } from '../../local-cloud';
import { makeOnlineMatter } from '../fixtures/online-matter';
import { openPhonePage, startPreview, type Preview } from './browser';
import { becomeByLabel } from './journey-helpers';

const matter = makeOnlineMatter('居民身份证补领', { charged: true, items: [{ name: '居民身份证工本费', standard: '20元/证', basis: '发改价格〔2003〕2322号', reducible: true }], onlinePayment: true });

let preview: Preview;
beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.close(); });

describe('H5 journey: 受理 → 去缴费 → 票据 → 办结', () => {
  it('a citizen pays a case\'s fee in the imitation sheet and gets a receipt; staff then complete it', async () => {
    const imported = (await invokeFunction('matters', { action: 'import', params: { format: 'json', content: JSON.stringify({ version: 1, matters: [matter] }) } }, { OPENID: 'local-admin' })) as { ok: boolean };
    expect(imported.ok).toBe(true);
    const submitted = (await invokeFunction('affairs', { action: 'submit', params: { matterId: matter.implementationCode, requestId: 'e2e-pay-journey-1', form: { name: '张三' }, materials: [] } }, { OPENID: 'local-citizen' })) as { ok: boolean; data: { id: string; no: string } };
    expect(submitted.ok).toBe(true);
    const { id, no } = submitted.data;

    const { page, problems } = await openPhonePage(preview);
    const base = preview.gateway.url;

    // (1) Staff accept it; the bill appears on the case page.
    await becomeByLabel(page, base, '工作人员（公安局）');
    await page.goto(`${base}/#/packages/staff/pages/queue/index`);
    await page.locator('.queue-status', { hasText: '待受理' }).filter({ visible: true }).click();
    await page.locator('.queue-item', { hasText: no }).filter({ visible: true }).click();
    const caseStatus = page.locator('.case-status').filter({ visible: true });
    await caseStatus.filter({ hasText: '待受理' }).waitFor();
    await page.locator('.case-action--accept').filter({ visible: true }).click();
    await page.locator('.case-confirm').filter({ visible: true }).click();
    await caseStatus.filter({ hasText: '办理中' }).waitFor();
    const staffBill = page.locator('.case-bill').filter({ visible: true });
    await staffBill.locator('.case-bill__status', { hasText: '待缴费' }).waitFor();
    expect(await staffBill.innerText()).toContain('¥20.00');

    // (2) The citizen's 我的办件 marks the case 待缴费 with the total and deadline; 去缴费 opens the bill.
    await becomeByLabel(page, base, '市民（张*）');
    await page.goto(`${base}/#/packages/affairs/pages/mine/index`);
    const row = page.locator('.affairs-row', { hasText: no }).filter({ visible: true });
    const mark = row.locator('.affairs-owing');
    await mark.waitFor();
    expect(await mark.innerText()).toMatch(/待缴费 ¥20\.00[\s\S]*请于\d{4}-\d{2}-\d{2} \d{2}:\d{2}前缴纳/);
    await mark.locator('.affairs-owing__pay').click();
    await page.locator('.pay-go').filter({ visible: true }).waitFor();
    expect(page.url()).toContain('/packages/pay/pages/bill/index');

    // (2b) The case page shows 待缴费 too, and goes to pay.
    await page.goto(`${base}/#/packages/affairs/pages/detail/index?id=${id}`);
    const card = page.locator('.case-bill').filter({ visible: true });
    await card.locator('.case-bill__status', { hasText: '待缴费' }).waitFor();
    expect(await card.innerText()).toContain('缴费期限');
    // While the bill is unpaid, 下一步 is the payment, not the department's work.
    await page.locator('.affairs-next', { hasText: '请缴纳费用 ¥20.00' }).filter({ visible: true }).waitFor();
    await card.locator('.case-bill-pay').click();

    // (2b) 取消 in the sheet: the bill is 待缴费 again (not 支付中) and 去缴费 is offered again.
    await page.locator('.pay-go').filter({ visible: true }).click();
    await page.locator('.pay-sheet-cancel').filter({ visible: true }).click();
    await page.locator('.pay-message', { hasText: '已取消支付' }).filter({ visible: true }).waitFor();
    await page.locator('.pay-status', { hasText: '待缴费' }).filter({ visible: true }).waitFor();

    // (3) The imitation sheet: 余额不足 leaves it unpaid; 确认支付 pays.
    await page.locator('.pay-go').filter({ visible: true }).click();
    await page.locator('.pay-sheet-insufficient').filter({ visible: true }).click();
    await page.locator('.pay-message', { hasText: '余额不足' }).filter({ visible: true }).waitFor();
    await page.locator('.pay-go').filter({ visible: true }).click();
    await page.locator('.pay-sheet-confirm').filter({ visible: true }).click();
    await page.locator('.pay-message', { hasText: '缴费成功' }).filter({ visible: true }).waitFor();
    const receipt = page.locator('.pay-receipt').filter({ visible: true });
    await receipt.waitFor();
    const text = await receipt.innerText();
    for (const label of ['票据代码', '票据号码', '校验码', '交款人', '开票单位', '开票日期', '居民身份证工本费']) expect(text).toContain(label);
    expect(text).toContain('0000000001');
    expect(text).toContain('张*');
    expect(text).toContain('示例市公安局');

    // (3b) 保存为图片: the browser's canvas draws the receipt and it downloads as a PNG.
    const [download] = await Promise.all([page.waitForEvent('download'), receipt.locator('.pay-receipt-save').click()]);
    expect(download.suggestedFilename()).toMatch(/^财政电子票据-\d{8}-0000000001\.png$/);
    const png = fs.readFileSync(await download.path());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(750); // IHDR width: the layout's 750 px
    expect(png.length).toBeGreaterThan(10_000);

    // (3c) Paid: 我的办件 no longer marks the case.
    await page.goto(`${base}/#/packages/affairs/pages/mine/index`);
    await row.waitFor();
    expect(await row.locator('.affairs-owing').count()).toBe(0);

    // (4) Staff complete it now that it is paid.
    await becomeByLabel(page, base, '工作人员（公安局）');
    await page.goto(`${base}/#/packages/staff/pages/case/index?id=${id}`);
    await page.locator('.case-bill .case-bill__status', { hasText: '已缴费' }).filter({ visible: true }).waitFor();
    await page.locator('.case-action--complete').filter({ visible: true }).click();
    await page.locator('.case-actions .chip', { hasText: '准予' }).filter({ visible: true }).click();
    await page.locator('.case-express input').filter({ visible: true }).fill('SF1402345678902');
    await page.locator('.case-confirm').filter({ visible: true }).click();
    await caseStatus.filter({ hasText: '已办结' }).waitFor();

    // (5) 管理员: 我的 → 缴费对账 lists the daily reports; the seeded day with a difference shows its reason.
    await becomeByLabel(page, base, '管理员');
    await page.goto(`${base}/#/pages/mine/index`);
    await page.locator('.mine__pay-reports').filter({ visible: true }).click();
    const troubled = page.locator('.pay-report', { hasText: '1笔差异' }).filter({ visible: true });
    await troubled.waitFor();
    expect(await troubled.innerText()).toContain('微信支付账单有此笔交易，本系统当日无对应的已缴账单');
    expect(await page.locator('.pay-report').filter({ visible: true }).count()).toBeGreaterThanOrEqual(3);

    // (6) 长辈版: the seeded 普通护照签发 bill's 去缴费 on 我的办件 is a full-width 60 px target.
    await becomeByLabel(page, base, '市民（张*）');
    await page.goto(`${base}/#/pages/index/index`);
    await page.reload(); // a fresh page stack: the home page on top
    await page.locator('.elder-switch').filter({ visible: true }).first().click();
    await page.locator('.elder-switch__state', { hasText: '已开启' }).filter({ visible: true }).first().waitFor();
    await page.goto(`${base}/#/packages/affairs/pages/mine/index`);
    const elderMark = page.locator('.affairs-row', { hasText: '普通护照签发' }).filter({ visible: true }).locator('.affairs-owing');
    await elderMark.waitFor();
    expect(await elderMark.innerText()).toContain('待缴费 ¥120.00');
    const [button, box] = await Promise.all([elderMark.locator('.affairs-owing__pay').boundingBox(), elderMark.boundingBox()]);
    expect(button!.height).toBeGreaterThanOrEqual(60);
    expect(button!.width).toBeGreaterThan(box!.width * 0.8);
    expect(problems).toEqual([]);
  });
});
