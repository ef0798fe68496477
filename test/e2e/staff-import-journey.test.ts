/**
 * Staff in the H5 preview: switch identity → import page → a CSV with a broken row is refused
 * with a per-row report and nothing written → the fixed file imports → a citizen finds it.
 */
import { mattersToCsv } from '../../core/matter/import-format';
import { matterSchema } from '../../core/matter/schema';
import { makeMatter } from '../fixtures/matter-factory';
import { openPhonePage, startPreview, type Preview } from './browser';
import type { Page } from 'playwright-core';

let preview: Preview;

beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.close(); });

const police = { code: 'psb', name: '示例市公安局', creditCode: '11999900MB0P12301G' };
const dogLicence = matterSchema.parse(makeMatter({ name: '养犬登记证核发', keywords: ['狗证', '养狗登记'], department: police, themes: ['民政'] }));
const tax = matterSchema.parse(makeMatter({ name: '税务测试事项', department: { code: 'tax', name: '国家税务总局示例市税务局', creditCode: '11999900MB0T80032F' }, themes: ['税务'] }));

async function becomeByLabel(page: Page, base: string, label: string) {
  await page.goto(`${base}/#/pages/mine/index`);
  await page.locator('.identity-switcher__item', { hasText: label }).click();
  await page.locator('.identity-switcher__item--active', { hasText: label }).waitFor();
}

async function search(page: Page, base: string, q: string) {
  await page.goto(`${base}/#/packages/matters/pages/search/index`);
  const input = page.locator('.search__input input');
  await input.waitFor();
  await input.fill(q);
}

describe('H5 journey: staff catalogue import', () => {
  it('citizens are turned away from the import page', async () => {
    const { page } = await openPhonePage(preview);
    await becomeByLabel(page, preview.gateway.url, '市民（张*）');
    await page.goto(`${preview.gateway.url}/#/packages/staff/pages/import/index`);
    await page.getByText('无权访问').first().waitFor();
    await page.context().close();
  });

  it('a police clerk sees a per-row report for a bad file, then imports the fixed one', async () => {
    const { page, problems } = await openPhonePage(preview);
    const base = preview.gateway.url;
    await becomeByLabel(page, base, '工作人员（公安局）');
    await page.goto(`${base}/#/packages/staff/pages/import/index`);
    const textarea = page.locator('.field__textarea textarea');
    await textarea.waitFor();

    // Row 2 is fine, row 3 belongs to another department and has a bad visit count.
    const bad = mattersToCsv([dogLicence, tax]).replace(/^\uFEFF/, '').replace(/,1,需现场采集人像和指纹,(?=[^\n]*税务测试事项|[^\n]*$)/, ',一次,需现场采集人像和指纹,');
    await textarea.fill(bad);
    await page.locator('.btn', { hasText: '预检' }).click();
    await page.locator('.import-report__summary--bad').waitFor();
    const rows = await page.locator('.import-errors__row').allInnerTexts();
    expect(rows.join('\n')).toContain('第3行');
    await search(page, base, '养犬登记');
    await page.getByText('没有找到与“养犬登记”相关的事项').waitFor();

    await page.goto(`${base}/#/packages/staff/pages/import/index`);
    await textarea.waitFor();
    await textarea.fill(mattersToCsv([dogLicence]).replace(/^\uFEFF/, ''));
    await page.locator('.btn', { hasText: '预检' }).click();
    await page.getByText('预检通过：共1条，导入后将新增1条、更新0条。').waitFor();
    await page.locator('.btn--primary', { hasText: '导入' }).click();
    await page.getByText('确定', { exact: true }).click();
    await page.getByText('导入成功：新增1条，更新0条。').waitFor();

    await becomeByLabel(page, base, '市民（张*）');
    await search(page, base, '狗证');
    await page.locator('.matter-card').first().filter({ hasText: '养犬登记证核发' }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
