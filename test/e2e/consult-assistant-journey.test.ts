/**
 * 个人助理 in the H5 preview, on the seeded cases of 张三: a refused 户口迁入 asked about in plain
 * words shows one card with the department's reason (the bubble only leads in); a case waiting
 * for 补正 shows the detail page's paused-clock words and no 承诺办结 date.
 */
import type { Page } from 'playwright-core';
import { openPhonePage, startPreview, type Preview } from './browser';
import { becomeByLabel } from './journey-helpers';

let preview: Preview;

beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.close(); });

async function ask(page: Page, text: string) {
  const before = await page.locator('.consult-msg--bot').count();
  await page.locator('.consult-input textarea').fill(text);
  await page.locator('.consult-send').click();
  await page.waitForFunction((n) => document.querySelectorAll('.consult-msg--bot').length > n, before);
  return page.locator('.consult-msg--bot').last();
}

it('plain "my …" questions get the case card; the bubble does not repeat it; a paused case shows no due date', async () => {
  const { page, problems } = await openPhonePage(preview);
  const base = preview.gateway.url;
  await becomeByLabel(page, base, '市民（张*）');
  await page.goto(`${base}/#/packages/consult/pages/chat/index`);
  await page.locator('.consult-input textarea').waitFor();

  const refused = await ask(page, '我那个被退回的户口迁入是咋回事');
  expect(await refused.locator('.consult-bubble__text').innerText()).toBe('您的“户口迁入登记”办件如下，仍有疑问请点“转人工”：');
  expect(await refused.locator('.consult-record').count()).toBe(1);
  expect(await refused.locator('.consult-record').innerText()).toContain('下一步：不予受理，理由：迁入地址不在本辖区，请向迁入地派出所申请');

  const residence = await ask(page, '我的居住证办到哪了');
  const paused = residence.locator('.consult-record', { hasText: '待补正' });
  await paused.waitFor();
  expect(await paused.innerText()).toMatch(/办理时限 暂停计时 · 剩余\d+个工作日，恢复后重新计算到期日/);
  expect(await paused.innerText()).not.toContain('承诺办结');
  expect(problems).toEqual([]);
});
