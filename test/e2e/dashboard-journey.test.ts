/**
 * 效能看板 and notice engagement in the H5 preview:
 * (a) a citizen opens a seeded 通知公告: the read is counted, 点赞 toggles and stays after a
 *     reload, 复制链接 stands in for WeChat's forward.
 * (b) 管理员 opens 工作台 → 效能看板: the 内容 section draws its bars with F2 on a real canvas
 *     (pixels are painted) and lists the seeded 阅读/点赞/分享.
 * (c) 公安局 completes one of 张三's cases, 张三 rates it 不满意: the admin's 效能看板 (today is live)
 *     counts it in 好评率/差评率, the 差评 funnel and 办件状态, and 差评率's drill-down lists it.
 * (d) 工作人员（公安局） sees only its own departments; another department's link is refused calmly.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { invokeFunction } from '../../local-cloud';
import type { Indicator, StatusVolume } from '../../core/metrics/api';
import { shanghaiDate } from '../../core/shanghai-time';
import { openPhonePage, startPreview, type Preview } from './browser';
import { becomeByLabel } from './journey-helpers';
import { seedNotices } from '../../scripts/seed/push';

/** The seed's id for 张三's 5th application (出生登记, 公安局, accepted): scripts/seed/affairs.ts seedId. */
const APP_ID = `A${createHash('sha256').update('seed\u0000local-citizen\u00004').digest('hex').slice(0, 24)}`;
const TITLE = '新生儿出生登记（户口申报）';
const shanghaiToday = () => shanghaiDate(new Date().toISOString());
/** The dashboard's default range, 近7天 ending today (Asia/Shanghai). */
const last7Days = () => {
  const to = shanghaiToday();
  return { from: new Date(Date.parse(`${to}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10), to };
};

type Ok<T> = { ok: true; data: T };
async function adminCall<T>(action: string, params: unknown): Promise<T> {
  const res = (await invokeFunction('metrics', { action, params }, { OPENID: 'local-admin' })) as Ok<T> | { ok: false; message: string };
  if (!res.ok) throw new Error(`metrics.${action}: ${res.message}`);
  return res.data;
}

let preview: Preview;

beforeAll(async () => {
  preview = await startPreview();
});
afterAll(async () => {
  await preview?.close();
});

describe('H5 journey: 效能看板 and notice engagement', () => {
  it('(a) a citizen reads a notice once, likes it, and the like survives a reload', async () => {
    const { page, problems } = await openPhonePage(preview);
    const base = preview.gateway.url;
    await becomeByLabel(page, base, '市民（李*）');
    await page.goto(`${base}/#/pages/index/index`);
    await page.getByText('关于社会保障卡补领、换领“跑零次”服务的通知').first().click();
    const bar = page.locator('.notice-engagement').filter({ visible: true })
    await bar.waitFor();
    const reads = async () => Number(/阅读 (\d+)/.exec(await bar.locator('.notice-engagement__reads').innerText())![1]);
    await page.waitForFunction(() => /阅读 \d+/.test(document.querySelector('.notice-engagement__reads')?.textContent ?? ''));
    const first = await reads();
    const like = bar.locator('.notice-engagement__like');
    const likes = Number(/(\d+)/.exec(await like.innerText())![1]);
    await like.click();
    await bar.getByText(`已赞 ${likes + 1}`).waitFor();
    await page.reload();
    await page.locator('.notice-engagement').filter({ visible: true }).getByText(`已赞 ${likes + 1}`).waitFor();
    // The second open is the same reader: the count does not move.
    expect(await reads()).toBe(first);
    await page.locator('.notice-engagement').filter({ visible: true }).getByText('复制链接').waitFor();
    expect(problems).toEqual([]);
  });

  it('(b) 管理员 opens 效能看板 from 工作台; the 内容 bars are drawn on a canvas', async () => {
    const { page } = await openPhonePage(preview);
    const base = preview.gateway.url;
    await becomeByLabel(page, base, '管理员');
    await page.locator('.staff-dashboard-entry').filter({ visible: true }).click();
    await page.waitForURL(/packages\/staff\/pages\/dashboard\/index/);
    const notices = page.locator('.dash-notices').filter({ visible: true });
    await notices.getByText(seedNotices()[0].title).waitFor();
    await notices.getByText(/阅读 \d+ · 点赞 \d+ · 分享 2（经分享打开 \d+）/).first().waitFor();
    // F2 paints asynchronously: wait until the canvas has non-transparent pixels.
    const painted = await page.waitForFunction(() => {
      const c = document.querySelector('.dash-notices canvas') as HTMLCanvasElement | null;
      const ctx = c?.getContext('2d');
      if (!c || !ctx || !c.width) return 0;
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n += 1;
      return n;
    }, undefined, { timeout: 10_000 });
    expect(await painted.jsonValue()).toBeGreaterThan(500);
  });

  it('(c) a 不满意 rating made now shows in 好评率/差评率, the 差评 funnel and the drill-down; 办件状态 counts the completed case', async () => {
    const range = last7Days();
    const before = await adminCall<{ indicators: Indicator[]; statusVolume?: StatusVolume[] }>('dashboard', range);
    const fig = (list: Indicator[], key: string) => list.find((i) => i.key === key)!;
    const good = fig(before.indicators, 'goodRate');
    const bad = fig(before.indicators, 'badRate');
    const badBefore = (await adminCall<{ steps: { key: string; count: number }[] }>('funnel', range)).steps[0].count;

    // 公安局 completes the case (as its case page does), then 张三 rates it 不满意 on 我的 → 待评价.
    const done = (await invokeFunction('affairs', { action: 'act', params: { id: APP_ID, action: 'complete', comment: '经审核符合条件，准予登记', result: { decision: '准予', expressNo: 'SF1402345678901' } } }, { OPENID: 'local-staff-psb' })) as { ok: boolean };
    expect(done).toMatchObject({ ok: true });
    const { page, problems } = await openPhonePage(preview);
    const base = preview.gateway.url;
    await becomeByLabel(page, base, '市民（张*）');
    await page.locator('.mine__evaluation').click();
    await page.locator('.evaluation-pending__item', { hasText: TITLE }).filter({ visible: true }).click();
    await page.locator('.evaluation-level', { hasText: '不满意' }).filter({ hasNotText: '非常' }).filter({ visible: true }).click();
    await page.locator('.evaluation-option', { hasText: '办事效率低' }).filter({ visible: true }).click();
    await page.locator('.evaluation-submit').filter({ visible: true }).click();
    await page.locator('.evaluation-mine__item', { hasText: TITLE }).filter({ visible: true }).getByText('差评处理：待回访').waitFor();

    // The admin's dashboard (近7天, today live) counts it.
    await becomeByLabel(page, base, '管理员');
    await page.locator('.staff-dashboard-entry').filter({ visible: true }).click();
    await page.waitForURL(/packages\/staff\/pages\/dashboard\/index/);
    const card = (name: string) => page.locator('.dash-card').filter({ visible: true }).filter({ has: page.getByText(name, { exact: true }) });
    await card('好评率').getByText(`${good.num} / ${good.den + 1}`).waitFor();
    await card('差评率').getByText(`${bad.num + 1} / ${bad.den + 1}`).waitFor();
    await card('差评率').getByText(`${Math.round(((bad.num + 1) / (bad.den + 1)) * 100 * 10) / 10}%`).waitFor();
    // The funnel is a canvas; its aria-label says what is drawn.
    const drawn = `差评 ${badBefore + 1}，已回访 `;
    await page.waitForFunction((text) => Array.from(document.querySelectorAll('.dash-funnel [aria-label]')).some((e) => (e.getAttribute('aria-label') ?? '').includes(text)), drawn);
    const completed = before.statusVolume!.find((v) => v.status === 'completed')!.count;
    await page.locator('.dash-status__chip').filter({ visible: true }).getByText(`已办结 ${completed + 1}`, { exact: true }).waitFor();

    // 差评率's drill-down lists the rating, counted in the numerator.
    await card('差评率').click();
    await page.waitForURL(/packages\/staff\/pages\/indicator\/index\?key=badRate/);
    const record = page.locator('.ind-record').filter({ visible: true }).filter({ hasText: TITLE }).filter({ hasText: '不满意' });
    await record.getByText('计入分子').waitFor();
    await record.getByText(shanghaiToday(), { exact: false }).waitFor();
    expect(problems).toEqual([]);
  });

  it('(d) 工作人员（公安局） sees only its own departments; another department is refused calmly', async () => {
    const { page, problems } = await openPhonePage(preview);
    const base = preview.gateway.url;
    await becomeByLabel(page, base, '工作人员（公安局）');
    await page.goto(`${base}/#/packages/staff/pages/dashboard/index`);
    const depts = page.locator('.dash-depts').filter({ visible: true });
    await depts.getByText('示例市公安局出入境管理支队').waitFor();
    expect(await depts.innerText()).not.toContain('人力资源');
    await page.locator('.dash-card').filter({ visible: true }).first().waitFor();
    // 导出CSV downloads their departments' lines only (UTF-8 with a BOM for Excel).
    const { from, to } = last7Days();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.dash-export').filter({ visible: true }).click()]);
    expect(download.suggestedFilename()).toBe(`效能看板-${from}至${to}.csv`);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF部门,指标,指标代码,分子,分母,数值,单位')).toBe(true);
    expect(csv).toContain('示例市公安局出入境管理支队,好评率,goodRate,');
    expect(csv).not.toContain('人力资源');
    await page.goto(`${base}/#/packages/staff/pages/indicator/index?key=goodRate&from=${from}&to=${to}&departmentId=hrss`);
    await page.locator('.load-state--not-found').filter({ visible: true }).getByText('暂时无法访问').waitFor();
    expect(problems).toEqual([]);
  });
});
