/**
 * 智能咨询 in the H5 preview: a colloquial question is answered; an unknown one goes to a person;
 * the agent (local-agent) answers it in the inbox; the citizen sees the reply in the chat; the
 * agent turns it into an FAQ; the same question is then answered at once. Also measures the chat
 * page's tap targets (≥ 44 px, ≥ 60 px in 长辈版).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { openPhonePage, startPreview, type Preview } from './browser';
import { becomeByLabel } from './journey-helpers';

let preview: Preview;

beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.close(); });

const CHAT = '/#/packages/consult/pages/chat/index';
const SEED_KB = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8')) as { faqs: { question: string; answer: string }[] };
const INBOX = '/#/packages/staff/pages/consult-inbox/index';
const UNKNOWN = '小区门口共享单车乱停没人管找谁';
const REPLY = '共享单车乱停放可拨打12345或在“随手拍”反映，城管部门会通知运营企业在2小时内清理。';

async function ask(page: Page, text: string) {
  const before = await page.locator('.consult-msg--bot').count();
  await page.locator('.consult-input textarea').fill(text);
  await page.locator('.consult-send').click();
  await page.waitForFunction((n) => document.querySelectorAll('.consult-msg--bot').length > n, before);
  return page.locator('.consult-msg--bot').last();
}

async function smallTargets(page: Page, min: number): Promise<string[]> {
  await page.waitForTimeout(400);
  return page.evaluate((m) => {
    const bad: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      const key = Object.keys(el).find((k) => k.startsWith('__reactProps'));
      const props = key ? (el as unknown as Record<string, { onClick?: unknown }>)[key] : undefined;
      const events = (el as unknown as { __events?: Record<string, unknown[] | undefined> }).__events;
      if (!(typeof props?.onClick === 'function' || events?.click?.length)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.width < m || r.height < m) bad.push(`${el.className} “${(el.textContent ?? '').trim().slice(0, 12)}” ${r.width}×${r.height}`);
    }
    return bad;
  }, min);
}

/** Computed font-size (px) of a Taro textarea's wrapper and of the real <textarea> inside it. */
async function textareaFont(page: Page, wrapper: string): Promise<{ wrapper: number; textarea: number }> {
  return page.locator(wrapper).first().evaluate((el) => ({
    wrapper: parseFloat(getComputedStyle(el).fontSize),
    textarea: parseFloat(getComputedStyle(el.querySelector('textarea')!).fontSize),
  }));
}

/** How far the element's bottom reaches below the fixed composer's top (≤ 0: fully clear of it), scrolled to the end. */
async function overlapWithComposer(page: Page, selector: string): Promise<number> {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForTimeout(200);
  return page.evaluate((sel) => {
    const el = document.querySelector(sel)!.getBoundingClientRect();
    const bar = document.querySelector('.consult-composer')!.getBoundingClientRect();
    return Math.round(el.bottom - bar.top);
  }, selector);
}

describe('H5 journey: 智能咨询', () => {
  it('answers, hands off, shows the staff reply, and learns from it', async () => {
    const { page, problems } = await openPhonePage(preview);
    const base = preview.gateway.url;
    await becomeByLabel(page, preview.gateway.url, '市民（张*）');
    await page.goto(`${base}/#/pages/index/index`);
    await page.locator('.home__consult').click();
    await page.locator('.consult-input textarea').waitFor();
    await page.getByText('还没有咨询记录').waitFor();
    expect(await page.locator('.consult-count').innerText()).toBe('0/2000');
    // What is typed is as large as the page's body text (a bare <textarea> would be ~13 px).
    const chatFont = await textareaFont(page, '.consult-input');
    expect(chatFont.wrapper).toBeGreaterThanOrEqual(15);
    expect(chatFont.textarea).toBe(chatFont.wrapper);

    // 1. Colloquial question → the right FAQ, with feedback buttons.
    const answer = await ask(page, '社保卡丢了咋办');
    await expect(answer.innerText()).resolves.toMatch(/社保卡/);
    expect(await answer.getAttribute('class')).toMatch(/consult-msg--answer/);
    await answer.locator('.consult-feedback__btn', { hasText: '有帮助' }).click();
    await answer.getByText('感谢您的反馈：有帮助').waitFor();

    // 2. Unknown question → handoff.
    const handoff = await ask(page, UNKNOWN);
    expect(await handoff.getAttribute('class')).toMatch(/consult-msg--handoff/);
    await handoff.getByText('已转给工作人员').waitFor();
    expect(await smallTargets(page, 44)).toEqual([]);

    // 3. The agent answers it in the inbox.
    await becomeByLabel(page, preview.gateway.url, '咨询坐席（12345）');
    await page.locator('.mine__consult-inbox').click();
    const item = page.locator('.consult-item', { hasText: UNKNOWN });
    await item.waitFor();
    await item.locator('.consult-reply textarea').fill(REPLY);
    // The staff box is a .field__textarea (its own smaller size): the typed text follows it too.
    const replyFont = await textareaFont(page, '.consult-reply');
    expect(replyFont.textarea).toBe(replyFont.wrapper);
    await item.locator('.consult-reply__send').click();
    await page.locator('.chip', { hasText: '已答复' }).click();
    const answered = page.locator('.consult-item--answered', { hasText: UNKNOWN });
    await answered.getByText(REPLY, { exact: false }).waitFor();

    // 4. The citizen sees the staff reply in the chat.
    await becomeByLabel(page, preview.gateway.url, '市民（张*）');
    await page.goto(`${base}${CHAT}`);
    await page.locator('.consult-msg--staff', { hasText: REPLY }).waitFor();
    expect(await page.locator('.consult-msg--staff .consult-msg__who').innerText()).toMatch(/工作人员/);

    // 5. The agent turns the reply into a new FAQ.
    await becomeByLabel(page, preview.gateway.url, '咨询坐席（12345）');
    await page.goto(`${base}${INBOX}`);
    await page.locator('.chip', { hasText: '已答复' }).click();
    const done = page.locator('.consult-item--answered', { hasText: UNKNOWN });
    await done.locator('.consult-item__learn').click();
    await done.locator('.consult-learn__save').click();
    await done.getByText('已加入知识库').waitFor();

    // 6. The same question is now answered at once.
    await becomeByLabel(page, preview.gateway.url, '市民（张*）');
    await page.goto(`${base}${CHAT}`);
    await page.locator('.consult-msg--staff').first().waitFor();
    const again = await ask(page, UNKNOWN);
    expect(await again.getAttribute('class')).toMatch(/consult-msg--answer/);
    await again.getByText(REPLY).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('typing a number after 您是不是想问 answers that entry (回复序号); a number outside the list says so', async () => {
    const { page, problems } = await openPhonePage(preview);
    const base = preview.gateway.url;
    await becomeByLabel(page, preview.gateway.url, '市民（李*）');
    await page.goto(`${base}${CHAT}`);
    await page.locator('.consult-input textarea').waitFor();
    const unsure = await ask(page, '身份证');
    expect(await unsure.getAttribute('class')).toMatch(/consult-msg--suggestions/);
    const second = (await unsure.locator('.consult-suggestion').nth(1).innerText()).trim();
    const picked = await ask(page, '2');
    expect(await picked.getAttribute('class')).toMatch(/consult-msg--answer/);
    expect(await page.locator('.consult-bubble--citizen').last().innerText()).toBe('2');
    // The answer is the second entry's (the preview's knowledge base is the seed's); the others stay offered under it.
    const entry = SEED_KB.faqs.find((f) => f.question === second);
    expect(entry).toBeDefined();
    expect(await picked.innerText()).toContain(entry!.answer.slice(0, 20));
    const related = await picked.locator('.consult-related__chip').allInnerTexts();
    expect(related.length).toBeGreaterThan(0);
    expect(related).not.toContain(second);
    await page.locator('.consult-input textarea').fill('9');
    await page.locator('.consult-send').click();
    await page.locator('.consult-notice', { hasText: '没有找到第 9 条可选问题' }).waitFor();
    // The notice is never under the fixed input bar, even with the textarea grown to its tallest.
    expect(await overlapWithComposer(page, '.consult-notice')).toBeLessThanOrEqual(0);
    await page.locator('.consult-input textarea').fill(Array.from({ length: 10 }, (_, i) => `第${i + 1}行`).join('\n'));
    expect(await overlapWithComposer(page, '.consult-notice')).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a question no FAQ answers but the catalogue knows shows 相关办事指南; a tap opens that guide', async () => {
    const { page, problems } = await openPhonePage(preview);
    const base = preview.gateway.url;
    await becomeByLabel(page, preview.gateway.url, '市民（李*）');
    await page.goto(`${base}${CHAT}`);
    await page.locator('.consult-input textarea').waitFor();
    const reply = await ask(page, '孩子出生证明丢了怎么补');
    const links = reply.locator('.consult-matter-links');
    await links.getByText('相关办事指南').waitFor();
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/consult-matter-links.png`, fullPage: true });
    await links.getByText('出生医学证明补发').click();
    await page.waitForURL(/packages\/matters\/pages\/guide\/index\?id=/);
    // The guide of that matter: its 承诺办结时限 (10 个工作日 in the seeded catalogue).
    const timeLimit = page.locator('.guide-time-limit');
    await timeLimit.waitFor();
    expect(await timeLimit.innerText()).toContain('10个工作日');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('keeps chat tap targets at least 60 px in 长辈版', async () => {
    const { page } = await openPhonePage(preview);
    const base = preview.gateway.url;
    await becomeByLabel(page, preview.gateway.url, '市民（李*）');
    // Still on 我的: its compact 长辈版 switch.
    await page.locator('.elder-switch--compact').click();
    await page.locator('.elder-switch--compact .elder-switch__state', { hasText: '已开启' }).waitFor();
    await page.goto(`${base}${CHAT}`);
    await page.locator('.consult-input textarea').waitFor();
    // 长辈版 body text is 20 px: the typed text follows it, not the browser's textarea default.
    const elderFont = await textareaFont(page, '.consult-input');
    expect(elderFont.wrapper).toBeGreaterThanOrEqual(18);
    expect(elderFont.textarea).toBe(elderFont.wrapper);
    const suggestion = await ask(page, '公积金');
    expect(await suggestion.getAttribute('class')).toMatch(/consult-msg--(answer|suggestions)/);
    expect(await overlapWithComposer(page, '.consult-msg--bot:last-child')).toBeLessThanOrEqual(0);
    expect(await smallTargets(page, 60)).toEqual([]);
    // A long story grows the box to its tallest, never over 发送 / 转人工: the button still takes the tap.
    const story = '我妈今年七十多了，医保在老家县里交的，户口也在老家。去年开始一直在我这边帮我带孩子，最近查出来要住院做个手术。听说在外省住院不能直接刷卡结算，得先去报个什么手续，要怎么办理，在手机上能不能弄，需要带什么材料，多久能办好？';
    await page.locator('.consult-input textarea').fill(story + story);
    const box = await page.locator('.consult-input textarea').boundingBox();
    const send = await page.locator('.consult-send').boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(send!.y);
    const before = await page.locator('.consult-msg--bot').count();
    await page.locator('.consult-send').click({ timeout: 5000 });
    await page.waitForFunction((n) => document.querySelectorAll('.consult-msg--bot').length > n, before, { timeout: 10000 });
    await page.context().close();
  });

  it('转人工 asks for the 咨询答复 subscription from the tap and sends the typed question to a person', async () => {
    const { page, problems } = await openPhonePage(preview);
    const base = preview.gateway.url;
    await becomeByLabel(page, preview.gateway.url, '市民（张*）');
    await page.goto(`${base}${CHAT}`);
    await page.locator('.consult-input textarea').waitFor();
    const before = await page.locator('.consult-msg--handoff').count();
    await page.locator('.consult-input textarea').fill('护照怎么办');
    await page.locator('.consult-human').click();
    await page.locator('.subscribe-dialog').waitFor();
    await page.locator('.subscribe-dialog__allow').click();
    await page.waitForFunction((n) => document.querySelectorAll('.consult-msg--handoff').length > n, before);
    await page.locator('.consult-msg--handoff').last().getByText('已转给工作人员').waitFor();
    await becomeByLabel(page, preview.gateway.url, '咨询坐席（12345）');
    await page.goto(`${base}${INBOX}`);
    await page.locator('.consult-item--open', { hasText: '护照怎么办' }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
