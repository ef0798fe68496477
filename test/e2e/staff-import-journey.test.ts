/**
 * Staff in the H5 preview: switch identity → import page → a CSV with a broken row is refused
 * with a per-row report, and a real import of it writes nothing → the fixed file imports → a
 * citizen finds it.
 */
import Papa from 'papaparse';
import { CSV_COLUMNS, mattersToCsv } from '../../core/matter/import-format';
import { matterSchema } from '../../core/matter/schema';
import { makeMatter } from '../fixtures/matter-factory';
import { openPhonePage, startPreview, type Preview } from './browser';
import { becomeByLabel } from './journey-helpers';
import type { Page } from 'playwright-core';

let preview: Preview;

beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.close(); });

const police = { code: 'psb', name: '示例市公安局', creditCode: '11999900MB0P12301G' };
const dogLicence = matterSchema.parse(makeMatter({ name: '养犬登记证核发', keywords: ['狗证', '养狗登记'], department: police, themes: ['民政'] }));
const tax = matterSchema.parse(makeMatter({ name: '税务测试事项', department: { code: 'tax', name: '国家税务总局示例市税务局', creditCode: '11999900MB0T80032F' }, themes: ['税务'] }));

/** The CSV with one cell replaced, found by the row's 事项名称 and the column's header. */
function withCell(csv: string, name: string, header: string, value: string): string {
  const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
  const col = rows[0].indexOf(header);
  const row = rows.findIndex((r) => r[rows[0].indexOf('事项名称')] === name);
  if (col < 0 || row < 1) throw new Error(`no ${header} cell for ${name}`);
  rows[row][col] = value;
  return Papa.unparse(rows, { newline: '\r\n' });
}

/** Cells that differ between two CSVs (row numbers as the import report counts them: header = 1). */
function cellDiff(a: string, b: string) {
  const [ra, rb] = [a, b].map((t) => Papa.parse<string[]>(t, { skipEmptyLines: true }).data);
  expect(rb.length).toBe(ra.length);
  expect(ra[0]).toEqual(CSV_COLUMNS.map((c) => c.header));
  return ra.flatMap((r, i) => r.flatMap((cell, j) => (cell === rb[i][j] ? [] : [{ row: i + 1, column: ra[0][j], from: cell, to: rb[i][j] }])));
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

    // Row 2 is fine; row 3 (another department's matter) says 到现场次数 “一次” instead of a number.
    const good = mattersToCsv([dogLicence, tax]).replace(/^\uFEFF/, '');
    const bad = withCell(good, tax.name, '到现场次数', '一次');
    expect(cellDiff(good, bad)).toEqual([{ row: 3, column: '到现场次数', from: '1', to: '一次' }]);

    await textarea.fill(bad);
    await page.locator('.btn', { hasText: '预检' }).click();
    await page.locator('.import-report__summary--bad').waitFor();
    const checked = await page.locator('.import-errors__row').allInnerTexts();
    expect(checked.find((r) => r.includes('第3行'))).toMatch(/到现场次数[\s\S]*一次/);

    // A real (not dry-run) import of the same bad file, on a fresh page: refused as a whole.
    await search(page, base, '养犬登记');
    await page.getByText('没有找到与“养犬登记”相关的事项').waitFor();
    await page.goto(`${base}/#/packages/staff/pages/import/index`);
    await textarea.waitFor();
    expect(await page.locator('.import-report').count()).toBe(0);
    await textarea.fill(bad);
    await page.locator('.btn--primary', { hasText: '导入' }).click();
    await page.getByText('尚未预检通过。导入前会再次校验，有任何错误将整批不导入。确定继续？').waitFor();
    await page.getByText('确定', { exact: true }).click();
    await page.locator('.import-report__summary--bad').waitFor();
    const imported = await page.locator('.import-errors__row').allInnerTexts();
    expect(imported.find((r) => r.includes('第3行'))).toMatch(/到现场次数[\s\S]*一次/);
    // Nothing written: not even the valid row 2.
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
