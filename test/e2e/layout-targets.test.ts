/**
 * Measured in Chromium on the H5 build (390×844 phone): every tap target on the home, search,
 * list and guide pages is at least 44×44 CSS px, or 60×60 in 长辈版 (MIIT 适老化 rule); the
 * tab bar grows in 长辈版; addresses never break inside a number; paid matters show their fee;
 * the search box holds no more than the server accepts; the browser's Back button does not leave
 * the app from a tab page, and non-tab pages have a visible 返回首页.
 */
import type { Page } from 'playwright-core';
import { SEARCH_MAX_LENGTH } from '../../core/matter/limits';
import { openPhonePage, startPreview, type Preview } from './browser';

let preview: Preview;

beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.close(); });

interface Target { what: string; w: number; h: number }

/** Everything React gave an onClick, plus the tab bar items; only what is on screen. */
async function tapTargets(page: Page): Promise<Target[]> {
  // Let the page's slide-in and late list items settle before measuring.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(600);
  return page.evaluate(() => {
    const out: { what: string; w: number; h: number }[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      // Taro's h5 components keep their listeners in `__events`; plain React elements in their props.
      const key = Object.keys(el).find((k) => k.startsWith('__reactProps'));
      const props = key ? (el as unknown as Record<string, { onClick?: unknown }>)[key] : undefined;
      const events = (el as unknown as { __events?: Record<string, unknown[] | undefined> }).__events;
      const clickable = typeof props?.onClick === 'function' || !!events?.click?.length || el.matches('.weui-tabbar__item');
      if (!clickable) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue; // on a page hidden in the stack
      out.push({ what: `${el.className} “${(el.textContent ?? '').trim().slice(0, 16)}”`, w: Math.round(r.width * 10) / 10, h: Math.round(r.height * 10) / 10 });
    }
    return out;
  });
}

async function setElder(page: Page, base: string, on: boolean) {
  await page.goto(`${base}/#/pages/index/index`);
  const sw = page.locator('.elder-switch').first();
  await sw.waitFor();
  const state = await sw.locator('.elder-switch__state').innerText();
  if ((state === '已开启') !== on) await sw.click();
  await page.locator('.elder-switch__state', { hasText: on ? '已开启' : '已关闭' }).first().waitFor();
}

async function visitAll(page: Page, base: string): Promise<Record<string, Target[]>> {
  const seen: Record<string, Target[]> = {};
  await page.goto(`${base}/#/pages/index/index`);
  await page.locator('.home__theme').first().waitFor();
  await page.locator('.weui-tabbar__item').first().waitFor();
  seen.home = await tapTargets(page);

  await page.goto(`${base}/#/packages/matters/pages/search/index`);
  const input = page.locator('.search__input input');
  await input.waitFor();
  seen.searchEmpty = await tapTargets(page);
  await input.fill('身份证');
  await page.locator('.matter-card').first().waitFor();
  seen.searchHits = await tapTargets(page);

  await page.goto(`${base}/#/packages/matters/pages/list/index?by=theme&value=${encodeURIComponent('户籍')}`);
  await page.locator('.matter-card').first().waitFor();
  seen.list = await tapTargets(page);

  await page.locator('.matter-card', { hasText: '临时居民身份证申领' }).first().click();
  await page.locator('.copy-text__action').first().waitFor();
  seen.guide = await tapTargets(page);
  return seen;
}

function tooSmall(seen: Record<string, Target[]>, min: number): string[] {
  if (process.env.E2E_DEBUG) console.log(JSON.stringify(Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, [v.length, Math.min(...v.map((t) => Math.min(t.w, t.h)))]]))));
  const bad: string[] = [];
  for (const [where, targets] of Object.entries(seen)) {
    // A page that measured (almost) nothing means the probe broke, not that the page is fine.
    if (targets.length <= 3) bad.push(`${where}: only ${targets.length} tap targets found`);
    for (const t of targets) if (t.w < min || t.h < min) bad.push(`${where}: ${t.what} ${t.w}×${t.h}`);
  }
  return bad;
}

describe('H5 layout: tap targets, tab bar, wrapping, fees', () => {
  it('every tap target is at least 44×44 px in the standard version', async () => {
    const { page, problems } = await openPhonePage(preview);
    await setElder(page, preview.gateway.url, false);
    const seen = await visitAll(page, preview.gateway.url);
    expect(seen.guide.some((t) => t.what.includes('copy-text__action'))).toBe(true);
    expect(tooSmall(seen, 44)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('every tap target is at least 60×60 px in 长辈版, and the tab bar labels grow', async () => {
    const { page } = await openPhonePage(preview);
    const base = preview.gateway.url;
    await setElder(page, base, false);
    const labelPx = () => page.locator('.weui-tabbar__label').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const normalLabel = await labelPx();
    await setElder(page, base, true);
    const elderLabel = await labelPx();
    expect(elderLabel).toBeGreaterThanOrEqual(18);
    expect(elderLabel).toBeGreaterThan(normalLabel);
    const seen = await visitAll(page, base);
    expect(tooSmall(seen, 60)).toEqual([]);
    await page.context().close();
  });

  it('keeps the digits of an address on one line and shows what paid matters cost', async () => {
    const { page } = await openPhonePage(preview);
    const base = preview.gateway.url;
    await setElder(page, base, true); // the narrowest line: most likely to wrap
    await page.goto(`${base}/#/packages/matters/pages/list/index?by=theme&value=${encodeURIComponent('户籍')}`);
    const paid = page.locator('.matter-card', { hasText: '临时居民身份证申领' }).first();
    await paid.waitFor();
    expect(await paid.locator('.badge').allInnerTexts()).toContain('收费 10元/证');
    await paid.click();
    const addresses = page.locator('.copy-text__value');
    await addresses.first().waitFor();
    // For each address, find where the browser broke its lines and check no break falls between two digits.
    const splits = await addresses.evaluateAll((els) => els.map((el) => {
      const text = el.textContent ?? '';
      const node = Array.from(el.childNodes).find((n) => n.nodeType === 3 && (n.textContent ?? '').trim());
      if (!node) return { text, breaks: [] as number[] };
      const range = document.createRange();
      const breaks: number[] = [];
      let lastTop: number | undefined;
      for (let i = 0; i < (node.textContent ?? '').length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const top = Math.round(range.getBoundingClientRect().top);
        if (lastTop !== undefined && top > lastTop + 2) breaks.push(i);
        lastTop = top;
      }
      return { text: node.textContent ?? '', breaks };
    }));
    expect(splits.length).toBeGreaterThan(0);
    expect(splits.some((s) => s.breaks.length > 0)).toBe(true); // long enough to wrap at all in 长辈版
    for (const s of splits) {
      for (const i of s.breaks) expect(`${s.text.slice(0, i)} / ${s.text.slice(i)}`).not.toMatch(/\d \/ \d/);
    }
    await page.context().close();
  });
});

describe('H5 navigation and limits', () => {
  it('Back from a tab page stays in the app; a non-tab page has a visible 返回首页', async () => {
    const { page, problems } = await openPhonePage(preview);
    const base = preview.gateway.url;
    await page.goto(`${base}/#/pages/index/index`);
    await page.locator('.home__theme').first().waitFor();
    await page.goBack();
    await page.waitForTimeout(500);
    expect(page.url()).toContain(base);
    await page.locator('.home__theme').first().waitFor();
    expect(await page.locator('.home__theme').first().isVisible()).toBe(true);

    await page.locator('.home__theme', { hasText: '户籍' }).click();
    await page.locator('.matter-card').first().waitFor();
    const home = page.locator('.home-bar__button', { hasText: '返回首页' }).filter({ visible: true }).first();
    expect(await home.isVisible()).toBe(true);
    await home.click();
    await page.locator('.home__theme').first().waitFor();
    // Back again from the tab page: still in the app.
    await page.goBack();
    await page.waitForTimeout(500);
    expect(page.url()).toContain(base);
    expect(await page.locator('.weui-tabbar__item').first().isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it(`the search box holds at most ${SEARCH_MAX_LENGTH} characters and says so`, async () => {
    const { page } = await openPhonePage(preview);
    await page.goto(`${preview.gateway.url}/#/packages/matters/pages/search/index`);
    const input = page.locator('.search__input input');
    await input.waitFor();
    await input.fill('身'.repeat(140));
    expect((await input.inputValue()).length).toBe(SEARCH_MAX_LENGTH);
    await page.getByText(`最多${SEARCH_MAX_LENGTH}个字`, { exact: false }).first().waitFor();
    // The server accepts what the box holds: an answer, not an error with a dead 重试.
    await page.locator('.search__empty, .matter-card').first().waitFor();
    expect(await page.locator('.load-state--error').count()).toBe(0);
    await page.context().close();
  });
});
