/**
 * 效能看板 and notice engagement in the H5 preview:
 * (a) a citizen opens a seeded 通知公告: the read is counted, 点赞 toggles and stays after a
 *     reload, 复制链接 stands in for WeChat's forward.
 * (b) 管理员 opens 工作台 → 效能看板: the 内容 section draws its bars with F2 on a real canvas
 *     (pixels are painted) and lists the seeded 阅读/点赞/分享.
 */
import { openPhonePage, startPreview, type Preview } from './browser';
import { becomeByLabel } from './journey-helpers';
import { seedNotices } from '../../scripts/seed/push';

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
});
