/**
 * 服务大厅 set-up in the H5 preview: an admin opens 我的 → 大厅预约 → 大厅与时段模板设置, creates a
 * hall (a bad code is refused in Chinese), adds a window and finds 普通护照签发 with the citizens'
 * search, saves, gives the window a slot template → a citizen's 预约办理 for passports now offers
 * the new hall with open slots. Then the admin edits the hall: the served matter shows by name.
 */
import { openPhonePage, startPreview, type Preview } from './browser';
import { becomeByLabel } from './journey-helpers';

const PASSPORT = '11999900MB0P12328T3000111101001';
let preview: Preview;
beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.close(); });

describe('H5 journey: an admin sets up a new 服务大厅', () => {
  it('creates a hall with a window serving a matter, and citizens can book it', async () => {
    const { page, problems } = await openPhonePage(preview);
    const base = preview.gateway.url;

    await becomeByLabel(page, base, '管理员');
    await page.locator('.row', { hasText: '大厅预约' }).filter({ visible: true }).click();
    await page.locator('.hall-day__setup').filter({ visible: true }).click();
    await page.locator('.hall-setup__new').filter({ visible: true }).click();
    const editor = page.locator('.hall-editor').filter({ visible: true });
    await editor.locator('.hall-editor__id input').fill('东城大厅');
    await editor.locator('.hall-editor__name input').fill('示例市东城区政务服务中心');
    await editor.locator('.hall-editor__address input').fill('示例市东城区建设路1号');
    await editor.locator('.hall-editor__group-id input').fill('police');
    await editor.locator('.hall-editor__group-name input').fill('公安综合窗口');
    await editor.locator('.hall-editor__group-location input').fill('一楼A区');
    await editor.locator('.hall-editor__search input').fill('护照');
    await editor.locator('.hall-editor__search-go').click();
    const hit = editor.locator('.hall-editor__hit', { hasText: '普通护照签发' }).first();
    await hit.locator('.hall-editor__add').click();
    await editor.locator('.hall-editor__matter', { hasText: '普通护照签发' }).waitFor();
    await hit.getByText('已添加').waitFor();

    // A code with Chinese characters is refused in Chinese; nothing is created.
    await editor.locator('.hall-editor__save').click();
    await editor.locator('.hall-editor__error', { hasText: '大厅编号格式不正确' }).waitFor();
    await editor.locator('.hall-editor__id input').fill('hall-east');
    await editor.locator('.hall-editor__save').click();

    const hall = page.locator('.hall-setup__hall--hall-east').filter({ visible: true });
    await hall.getByText('示例市东城区政务服务中心').waitFor();
    const template = hall.locator('.row', { hasText: '公安综合窗口' });
    await template.getByText('办理事项 1 项').waitFor();
    await template.getByText('保存模板').click();
    await template.getByText(/工作日时段 09:00-12:00/).waitFor();

    // The admin reopens it: the served matter is listed by name, not by code.
    await hall.locator('.hall-setup__edit').click();
    await page.locator('.hall-editor').filter({ visible: true }).locator('.hall-editor__matter', { hasText: '普通护照签发' }).waitFor();
    expect(await page.locator('.hall-editor__matter--unknown').filter({ visible: true }).count()).toBe(0);

    // A citizen booking a passport visit now gets the new hall, with open slots.
    await becomeByLabel(page, base, '市民（张*）');
    await page.goto(`${base}/#/packages/matters/pages/guide/index?id=${PASSPORT}`);
    await page.locator('.btn:visible', { hasText: '预约办理' }).first().click();
    await page.locator('.booking-choice', { hasText: '示例市东城区政务服务中心' }).click();
    await page.locator('.booking-date:not(.booking-date--off)').nth(1).click();
    await page.locator('.booking-slot:not(.booking-slot--full)').first().waitFor();
    expect(problems).toEqual([]);
  });
});
