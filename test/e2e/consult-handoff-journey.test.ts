/**
 * 智能咨询 in the H5 preview: a complaint after an earlier question reaches a person; the agent
 * sees why, and the conversation before it, in the inbox, and opens the citizen's own case from
 * there (read-only: a 咨询坐席 has no department, so the full case page is not theirs).
 */
import { openPhonePage, startPreview, type Preview } from './browser';
import { becomeByLabel } from './journey-helpers';

let preview: Preview;

beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.close(); });

const CHAT = '/#/packages/consult/pages/chat/index';
const INBOX = '/#/packages/staff/pages/consult-inbox/index';
const FIRST = '社保卡丢了咋办';
const COMPLAINT = '今天窗口那个人态度太差了，问两句就不耐烦';

it('a complaint reaches the agent with the conversation before it', async () => {
  const { page, problems } = await openPhonePage(preview);
  const base = preview.gateway.url;
  await becomeByLabel(page, base, '市民（张*）');
  await page.goto(`${base}${CHAT}`);
  for (const text of [FIRST, COMPLAINT]) {
    const before = await page.locator('.consult-msg--bot').count();
    await page.locator('.consult-input textarea').fill(text);
    await page.locator('.consult-send').click();
    await page.waitForFunction((n) => document.querySelectorAll('.consult-msg--bot').length > n, before);
  }
  await page.locator('.consult-msg--bot').last().getByText('您反映的情况已转给工作人员', { exact: false }).waitFor();

  await becomeByLabel(page, base, '咨询坐席（12345）');
  await page.goto(`${base}${INBOX}`);
  const item = page.locator('.consult-item', { hasText: COMPLAINT });
  await item.waitFor();
  await item.getByText('投诉', { exact: true }).waitFor();
  await item.locator('.consult-context__line', { hasText: FIRST }).waitFor();

  // 张三's passport case (seeded 办理中, its bill 待缴费) opens in the agent's record view.
  await item.locator('.consult-context__record', { hasText: '普通护照签发' }).click();
  await page.locator('.consult-record__title', { hasText: '普通护照签发' }).waitFor();
  expect(await page.locator('.consult-record__status').innerText()).toBe('办理中');
  expect(await page.locator('.consult-record__unpaid').innerText()).toContain('¥120.00（待缴费）');
  expect(await page.locator('.consult-record__step').count()).toBeGreaterThan(0);
  expect(await page.getByText('没有找到该办件').count()).toBe(0);
  expect(await page.getByText('在工作台打开').count()).toBe(0);
  expect(await page.locator('body').innerText()).not.toMatch(/13812345678|330106\d{8}/);
  expect(problems).toEqual([]);
});
