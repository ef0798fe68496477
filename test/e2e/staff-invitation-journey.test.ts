/**
 * Staff onboarding in the H5 preview without typing an openid: the admin creates an invitation
 * (code + QR) → the preview switches to 市民（李*） → they join with the code → back as admin, the
 * invitation shows who bound it, and 我的 shows department names. Also: a bad guide link shows the
 * friendly not-found page with a way home.
 */
import { CODE_PATTERN } from '../../core/account/invitation';
import { openPhonePage, startPreview, type Preview } from './browser';
import { becomeByLabel } from './journey-helpers';

let preview: Preview;

beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.close(); });

describe('H5 journey: staff invitation', () => {
  it('admin invites, 市民（李*） joins with the code, admin sees the binding', async () => {
    const { page, problems } = await openPhonePage(preview);
    const base = preview.gateway.url;

    await becomeByLabel(page, base, '管理员');
    await page.goto(`${base}/#/packages/staff/pages/staff/index`);
    await page.locator('.btn', { hasText: '邀请工作人员' }).click();
    await page.locator('.invite-form').waitFor();
    await page.locator('.invite-form .chip', { hasText: '示例市人力资源和社会保障局' }).click();
    await page.locator('.invite-form .chip', { hasText: '答复咨询' }).click();
    await page.locator('.btn', { hasText: '生成邀请码' }).click();
    const codeEl = page.locator('.invite-created__code');
    await codeEl.waitFor();
    const code = (await codeEl.innerText()).trim();
    expect(code).toMatch(CODE_PATTERN);
    // The QR code is drawn on the device and encodes the join page with this code.
    const qr = page.locator('.qr-code');
    expect(await qr.getAttribute('data-text')).toBe(`packages/staff/pages/join/index?code=${code}`);
    const size = await qr.locator('img').evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0));
    expect(size).toBeGreaterThan(100);
    await page.locator('.invitation', { hasText: code }).getByText('待使用').waitFor();

    await becomeByLabel(page, base, '市民（李*）');
    await page.locator('.mine__join').click();
    const input = page.locator('.join__code input');
    await input.waitFor();
    await input.fill(code.toLowerCase());
    await page.getByText('示例市人力资源和社会保障局').first().waitFor();
    await page.getByText('答复咨询').waitFor();
    await page.locator('.join__name input').fill('李四');
    await page.locator('.btn', { hasText: '确认绑定' }).click();
    await page.getByText('绑定成功').waitFor();
    await page.locator('.btn', { hasText: '前往我的' }).click();
    await page.getByText('所属部门：示例市人力资源和社会保障局').waitFor();

    await becomeByLabel(page, base, '管理员');
    await page.goto(`${base}/#/packages/staff/pages/invite/index`);
    const row = page.locator('.invitation', { hasText: code });
    await row.getByText('已绑定').waitFor();
    const text = await row.innerText();
    expect(text).toContain('绑定人：李四');
    expect(text).toMatch(/用户标识 loca\*{4}en-2/);
    expect(text).not.toContain('local-citizen-2');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a code used once cannot be used again by another person', async () => {
    const { page } = await openPhonePage(preview);
    const base = preview.gateway.url;
    await becomeByLabel(page, base, '管理员');
    await page.goto(`${base}/#/packages/staff/pages/invite/index`);
    // The one bound in the journey above.
    const used = page.locator('.invitation', { hasText: '已绑定' }).first();
    await used.waitFor();
    const code = (await used.locator('.invitation__code').innerText()).trim();
    await becomeByLabel(page, base, '市民（张*）');
    await page.goto(`${base}/#/packages/staff/pages/join/index?code=${code}`);
    await page.getByText('该邀请码已被使用，每个邀请码只能绑定一人').waitFor();
    expect(await page.locator('.btn', { hasText: '确认绑定' }).count()).toBe(0);
    await page.context().close();
  });
});

describe('H5: bad links', () => {
  it('an unknown matter id shows a friendly not-found page with 返回首页 and no 重试', async () => {
    const { page } = await openPhonePage(preview);
    const base = preview.gateway.url;
    await page.goto(`${base}/#/packages/matters/pages/guide/index?id=11999900MB0P12301G3000799999999`);
    const box = page.locator('.load-state--not-found').filter({ visible: true });
    await box.waitFor();
    expect(await box.innerText()).toContain('没有找到相关内容');
    expect(await page.locator('.load-state__retry').filter({ visible: true }).count()).toBe(0);
    await box.locator('.btn', { hasText: '返回首页' }).click();
    await page.locator('.home__theme').first().waitFor();

    await page.goto(`${base}/#/packages/matters/pages/list/index?by=theme&value=${encodeURIComponent('不存在的主题')}`);
    // A fresh load, so the earlier guide page is not still in the H5 page stack.
    await page.reload();
    const bad = page.locator('.load-state--not-found').filter({ visible: true });
    await bad.waitFor();
    expect(await bad.innerText()).not.toMatch(/取值|value|[A-Za-z]{3,}/);
    await page.context().close();
  });
});
