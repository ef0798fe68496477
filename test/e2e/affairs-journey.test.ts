/**
 * 在线申办 end to end in the H5 preview: 市民（张*） opens the 户口迁入登记 guide (网办深度 Ⅲ), taps
 * 在线申办, fills the generated form (a wrong check digit is refused in Chinese first), attaches
 * real PNG/PDF files through the browser's file chooser and submits → 工作人员（公安局） accepts it
 * from the queue and asks for 补正 of one named material → the citizen replaces exactly that
 * material → staff complete it with 准予 and a 快递 number → the citizen sees 已办结 and the
 * whole timeline, with department names and never a staff openid.
 */
import { idCheckChar } from '../../core/matter/form';
import { openPhonePage, startPreview, type Preview } from './browser';
import { becomeByLabel, png, PDF, attach, fill } from './journey-helpers';

const MATTER = '11999900MB0P12301G3000711104002'; // 户口迁入登记, 示例市公安局, 网办深度 3

let preview: Preview;
beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.close(); });


describe('H5 journey: 在线申办 → 受理 → 补正 → 办结', () => {
  it('a citizen applies, staff handle it, the citizen follows it to 办结', async () => {
    const { page, problems } = await openPhonePage(preview);
    const base = preview.gateway.url;

    // (1) The citizen applies from the guide.
    await becomeByLabel(page, base, '市民（张*）');
    await page.goto(`${base}/#/packages/matters/pages/guide/index?id=${MATTER}`);
    await page.locator('.guide-apply').filter({ visible: true }).click();
    await page.locator('.affairs-title', { hasText: '户口迁入登记' }).filter({ visible: true }).waitFor();

    const id17 = '33010619900307123';
    const good = id17 + idCheckChar(id17);
    const bad = id17 + (idCheckChar(id17) === '0' ? '1' : '0');
    await fill(page, 'name', '张三');
    await fill(page, 'idNumber', bad);
    await fill(page, 'phone', '13812345678');
    await fill(page, 'fromAddress', '浙江省杭州市西湖区文三路100号');
    await fill(page, 'toAddress', '示例市新城区人民路88号3幢201室');
    await page.locator('.field--reason .chip', { hasText: '购房落户' }).filter({ visible: true }).click();
    // Submitting now: the check digit and the unticked promise are refused in Chinese, nothing sent.
    await page.locator('.affairs-submit').filter({ visible: true }).click();
    await page.locator('.field--idNumber .error-text', { hasText: '校验位不正确，请核对' }).filter({ visible: true }).waitFor();
    await page.locator('.field--promise .error-text', { hasText: '请勾选' }).filter({ visible: true }).waitFor();
    await fill(page, 'idNumber', good);
    await page.locator('.field--promise .chip').filter({ visible: true }).click();
    expect(await page.locator('.field--idNumber .error-text').filter({ visible: true }).count()).toBe(0);

    await attach(page, '迁移人的居民身份证', { name: '身份证.png', mimeType: 'image/png', buffer: png([200, 30, 30]) });
    await attach(page, '迁移人的居民户口簿', { name: '户口簿.pdf', mimeType: 'application/pdf', buffer: PDF });
    await attach(page, '落户地址证明', { name: '房产证.png', mimeType: 'image/png', buffer: png([30, 30, 200]) });
    // The image thumbnail really shows the uploaded picture.
    const thumb = page.locator('.affairs-material', { hasText: '迁移人的居民身份证' }).locator('.affairs-thumb img').filter({ visible: true }).first();
    await page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth === 8, await thumb.elementHandle());
    expect(await page.locator('.affairs-material', { hasText: '迁移人的居民户口簿' }).locator('.affairs-thumb__pdf').filter({ visible: true }).count()).toBe(1);

    await page.locator('.affairs-submit').filter({ visible: true }).click();
    const status = page.locator('.affairs-status').filter({ visible: true });
    await status.filter({ hasText: '待受理' }).waitFor();
    const no = (await page.locator('.kv', { hasText: '办件编号' }).filter({ visible: true }).locator('.kv__value').innerText()).trim();
    expect(no).toMatch(/^BJ\d{14}$/);
    const detailUrl = page.url();
    // The citizen's own view masks the ID number.
    const info = await page.locator('.section', { hasText: '申请信息' }).filter({ visible: true }).innerText();
    expect(info).not.toContain(good);
    expect(info).toContain(good.slice(0, 6));

    // (2) Staff of 公安局 accept it from the queue and ask for 补正 of one material.
    await becomeByLabel(page, base, '工作人员（公安局）');
    await page.goto(`${base}/#/packages/staff/pages/queue/index`);
    await page.locator('.queue-status', { hasText: '待受理' }).filter({ visible: true }).click();
    const item = page.locator('.queue-item', { hasText: no }).filter({ visible: true });
    await item.waitFor();
    await item.click();
    const caseStatus = page.locator('.case-status').filter({ visible: true });
    await caseStatus.filter({ hasText: '待受理' }).waitFor();
    await page.locator('.case-action--accept').filter({ visible: true }).click();
    await page.locator('.case-comment textarea').filter({ visible: true }).fill('材料齐全，予以受理');
    await page.locator('.case-confirm').filter({ visible: true }).click();
    await caseStatus.filter({ hasText: '办理中' }).waitFor();
    // Accepted: the promised date (5 工作日) is shown.
    await page.locator('.kv', { hasText: '承诺办结' }).filter({ visible: true }).waitFor();

    await page.locator('.case-action--requestSupplement').filter({ visible: true }).click();
    await page.locator('.case-actions .chip', { hasText: '落户地址证明' }).filter({ visible: true }).click();
    // A reason is required: confirming without one is refused with a Chinese message.
    await page.locator('.case-confirm').filter({ visible: true }).click();
    await page.locator('.case-error').filter({ visible: true }).waitFor();
    expect(await page.locator('.case-error').filter({ visible: true }).innerText()).toMatch(/[\u4e00-\u9fa5]/);
    await page.locator('.case-comment textarea').filter({ visible: true }).fill('落户地址证明不清晰，请重新上传');
    await page.locator('.case-confirm').filter({ visible: true }).click();
    await caseStatus.filter({ hasText: '待补正' }).waitFor();

    // (3) The citizen replaces exactly that material and resubmits.
    await becomeByLabel(page, base, '市民（张*）');
    await page.goto(`${base}/#/packages/affairs/pages/mine/index`);
    await page.locator('.affairs-row', { hasText: no }).filter({ visible: true }).click();
    await status.filter({ hasText: '待补正' }).waitFor();
    const supplement = page.locator('.affairs-supplement').filter({ visible: true });
    await supplement.getByText('落户地址证明不清晰，请重新上传').waitFor();
    // Only the named material is asked for.
    expect(await supplement.locator('.affairs-material').count()).toBe(1);
    expect(await supplement.locator('.affairs-material__name').innerText()).toBe('落户地址证明');
    await attach(page, '落户地址证明', { name: '房产证-清晰.png', mimeType: 'image/png', buffer: png([30, 160, 30]) });
    await supplement.locator('.affairs-supplement-submit').click();
    await status.filter({ hasText: '办理中' }).waitFor();

    // (4) Staff complete it: 准予, sent by 快递.
    await becomeByLabel(page, base, '工作人员（公安局）');
    await page.goto(`${base}/#/packages/staff/pages/queue/index`);
    await page.locator('.queue-status', { hasText: '办理中' }).filter({ visible: true }).click();
    await page.locator('.queue-item', { hasText: no }).filter({ visible: true }).click();
    await caseStatus.filter({ hasText: '办理中' }).waitFor();
    // The replaced file is what staff see now: three materials, the new address proof among them.
    expect(await page.locator('.affairs-thumb').filter({ visible: true }).count()).toBe(3);
    await page.locator('.case-action--complete').filter({ visible: true }).click();
    await page.locator('.case-actions .chip', { hasText: '准予' }).filter({ visible: true }).click();
    await page.locator('.case-express input').filter({ visible: true }).fill('SF1402345678901');
    await page.locator('.case-comment textarea').filter({ visible: true }).fill('经审核符合条件，准予迁入');
    await page.locator('.case-confirm').filter({ visible: true }).click();
    await caseStatus.filter({ hasText: '已办结' }).waitFor();

    // (5) The citizen sees 已办结, the result and every step, by department name.
    await becomeByLabel(page, base, '市民（张*）');
    await page.goto(detailUrl);
    await status.filter({ hasText: '已办结' }).waitFor();
    const result = await page.locator('.affairs-result').filter({ visible: true }).innerText();
    expect(result).toContain('准予');
    expect(result).toContain('SF1402345678901');
    const timeline = page.locator('.case-timeline').filter({ visible: true });
    const steps = await timeline.locator('.case-timeline__what').allInnerTexts();
    expect(steps.length).toBe(5);
    const text = await timeline.innerText();
    for (const s of ['受理', '补正', '办结']) expect(text).toContain(s);
    expect(text).toContain('示例市公安局');
    expect(text).toContain('落户地址证明不清晰，请重新上传');
    // 补正 names the material, not its id.
    expect(text).toContain('需补正材料：落户地址证明');
    expect(text).toContain('经审核符合条件，准予迁入');
    expect(text).not.toMatch(/local-|openid/i);
    expect(await page.locator('body').innerText()).not.toContain('local-staff');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
