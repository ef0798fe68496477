/** A citizen in the H5 preview: search 护照 → open the 办事指南 → see the materials and the promised time limit. */
import { openPhonePage, startPreview, type Preview } from './browser';

let preview: Preview;

beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.close(); });

describe('H5 journey: find a guide', () => {
  it('searches 护照, opens 普通护照签发 and reads materials and 承诺办结时限', async () => {
    const { page, problems } = await openPhonePage(preview);
    await page.goto(`${preview.gateway.url}/`);
    // The home page has loaded the catalogue once the theme counts are on screen.
    await page.locator('.search-entry').waitFor();
    await page.getByText('户籍').first().waitFor();
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/home.png`, fullPage: true });

    await page.locator('.search-entry').click();
    const input = page.locator('.search__input input');
    await input.waitFor();
    await input.fill('护照');

    const card = page.locator('.matter-card', { hasText: '普通护照签发' }).first();
    await card.waitFor();
    // Ranked: the first result is the passport matter itself.
    await page.locator('.matter-card').first().filter({ hasText: '普通护照签发' }).waitFor();
    await card.click();

    await page.locator('.guide-material__name', { hasText: '《中国公民出入境证件申请表》' }).waitFor();
    const materials = await page.locator('.guide-material__name').allInnerTexts();
    expect(materials).toEqual(expect.arrayContaining(['居民身份证', '《中国公民出入境证件申请表》']));
    const timeLimit = page.locator('.guide-time-limit');
    await timeLimit.waitFor();
    const text = await timeLimit.innerText();
    expect(text).toContain('承诺办结时限');
    expect(text).toContain('7个工作日');
    expect(text).toContain('15个工作日');
    if (process.env.E2E_SCREENSHOTS) {
      await page.waitForTimeout(800); // let the page slide-in animation finish
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/guide.png`, fullPage: true });
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('finds the right matter from colloquial and pinyin queries', async () => {
    const { page } = await openPhonePage(preview);
    await page.goto(`${preview.gateway.url}/#/packages/matters/pages/search/index`);
    const input = page.locator('.search__input input');
    for (const [q, expected] of [['身份证丢了', '居民身份证补领（含挂失申报）'], ['sfz', '身份证']] as const) {
      await input.fill(q);
      await page.locator('.matter-card').first().filter({ hasText: expected }).waitFor();
    }
    await page.context().close();
  });
});
