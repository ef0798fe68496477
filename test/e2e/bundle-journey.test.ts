/**
 * 一件事一次办 end to end in the H5 preview: 市民（张*） taps 新生儿出生 on the home page, then
 * 一次办理 → one combined form for the four matters (each field asked once, the parents' ID card
 * once, the 出生医学证明 the bundle issues not at all). Leaving one matter out removes the fields
 * and materials only it needs (and asks for what it would have issued); an empty submit is refused in Chinese and
 * creates nothing; one material is taken from 我的材料 (files of earlier applications), the others
 * uploaded → one submission creates one application per chosen matter, grouped in 我的办件 and
 * handled by each department.
 */
import { idCheckChar } from '../../core/matter/form';
import { createHash } from 'node:crypto';
import { invokeFunction, sdk } from '../../local-cloud';
import { openPhonePage, startPreview, type Preview } from './browser';
import { attach, becomeByLabel, fill, png, PDF } from './journey-helpers';

let preview: Preview;
beforeAll(async () => { preview = await startPreview(); });
afterAll(async () => { await preview?.close(); });

interface MineItem { id: string; matterName: string; departmentName: string; status: string; bundleId?: string }
const mine = async () =>
  ((await invokeFunction('affairs', { action: 'mine', params: {} }, { OPENID: 'local-citizen' })) as { ok: true; data: { items: MineItem[] } }).data.items;

describe('H5 journey: 一件事一次办', () => {
  it('a citizen fills one form for a life event and gets one application per chosen matter', async () => {
    const { page, problems } = await openPhonePage(preview);
    const base = preview.gateway.url;
    const before = await mine();

    await becomeByLabel(page, base, '市民（张*）');
    await page.goto(`${base}/#/pages/index/index`);
    await page.locator('.row', { hasText: '新生儿出生' }).filter({ visible: true }).click();
    await page.locator('.matter-list__bundle').filter({ visible: true }).click();
    const submit = page.locator('.bundle-submit').filter({ visible: true });
    await submit.filter({ hasText: '一次提交4个事项' }).waitFor();
    const title = page.locator('.affairs-bundle .section__title', { hasText: '填写信息' }).filter({ visible: true });
    const fieldCount = async () => Number(/共(\d+)项/.exec(await title.innerText())![1]);
    const all = await fieldCount();
    const materials = page.locator('.affairs-material').filter({ visible: true });
    const materialNames = async () => (await materials.locator('.affairs-material__name').allInnerTexts()).map((s) => s.trim());
    // The parents' ID cards, declared equivalent in four matters, are asked once; the 出生医学证明
    // this bundle issues is not asked at all.
    expect((await materialNames()).filter((n) => n.includes('身份证'))).toHaveLength(1);
    expect(await materialNames()).not.toContain('《出生医学证明》');
    await page.locator('.bundle-issued', { hasText: '由本次一并办理的“出生医学证明首次签发”出具' }).filter({ visible: true }).waitFor();

    // 出生医学证明首次签发 is left out: what only it asks for goes, the shared fields stay, and
    // the certificate it would have issued is now asked for.
    await page.locator('.bundle-matter', { hasText: '出生医学证明首次签发' }).filter({ visible: true }).click();
    await submit.filter({ hasText: '一次提交3个事项' }).waitFor();
    expect(await fieldCount()).toBeLessThan(all);
    expect(await materialNames()).toContain('《出生医学证明》');
    expect(await materialNames()).not.toContain('《出生医学证明首次签发登记表》');
    await page.locator('.field--guardianIdNumber').filter({ visible: true }).waitFor();

    // Nothing filled: refused in Chinese, nothing created.
    await submit.click();
    await page.locator('.affairs-message', { hasText: /请修改标红的\d+处内容/ }).filter({ visible: true }).waitFor();
    await page.locator('.field--babyName .error-text', { hasText: '不能为空' }).filter({ visible: true }).waitFor();
    expect((await mine()).length).toBe(before.length);

    const id17 = '33010619880412301';
    await fill(page, 'babyName', '张小宝');
    await page.locator('.field--babyGender .chip', { hasText: '女' }).filter({ visible: true }).click();
    await page.locator('.field--babyBirthDate').filter({ visible: true }).getByText('请选择日期').click();
    await page.locator('.weui-picker__action', { hasText: '确定' }).filter({ visible: true }).click();
    await fill(page, 'birthHospital', '示例市妇幼保健院');
    await fill(page, 'guardianName', '张三');
    await fill(page, 'guardianIdNumber', id17 + idCheckChar(id17));
    await fill(page, 'guardianPhone', '13812345678');
    await fill(page, 'householdAddress', '示例市新城区人民路88号3幢201室');
    await page.locator('.field--relation .chip', { hasText: '父亲' }).filter({ visible: true }).click();
    await page.locator('.field--promise .chip').filter({ visible: true }).click();
    for (const key of ['deliveryMethod', 'insuredArea']) {
      const chips = page.locator(`.field--${key} .chip`).filter({ visible: true });
      if (await chips.count()) await chips.first().click();
    }

    // The first required material from 我的材料 (the seed's earlier applications), the rest uploaded.
    const required = materials.filter({ hasText: '必交' });
    const names = (await required.locator('.affairs-material__name').allInnerTexts()).map((s) => s.trim());
    expect(names.length).toBeGreaterThan(1);
    const first = required.first();
    await first.getByText('我的材料', { exact: true }).click();
    const reuse = first.locator('.affairs-mine .row').first();
    await reuse.waitFor();
    await reuse.getByText('选用').click();
    await first.locator('.affairs-thumb').first().waitFor();
    for (const [i, name] of names.slice(1).entries()) {
      await attach(page, name, i % 2
        ? { name: `${name}.pdf`, mimeType: 'application/pdf', buffer: PDF }
        : { name: `${name}.png`, mimeType: 'image/png', buffer: png([40 + i * 20, 90, 160]) });
    }

    await submit.click();
    await page.waitForURL(/packages\/affairs\/pages\/mine\/index/);
    const group = page.locator('.affairs-bundle-group').filter({ visible: true }).first();
    await group.getByText('一件事一次办 · 3个事项').waitFor();

    const created = (await mine()).filter((a) => !before.some((b) => b.id === a.id));
    expect(created).toHaveLength(3);
    expect(new Set(created.map((a) => a.bundleId)).size).toBe(1);
    expect(created.map((a) => a.matterName).sort()).toEqual(['新生儿出生登记（户口申报）', '新生儿城乡居民医保参保登记', '社会保障卡申领'].sort());
    expect(new Set(created.map((a) => a.departmentName)).size).toBe(3);
    expect(created.every((a) => a.status === 'submitted')).toBe(true);
    // The file picked from 我的材料 is the seed's earlier scan (sealed: same bytes), not a new upload.
    const details = await Promise.all(created.map(async (a) =>
      ((await invokeFunction('affairs', { action: 'get', params: { id: a.id } }, { OPENID: 'local-citizen' })) as { ok: true; data: { materials: { name: string; fileID: string; sha256: string }[] } }).data));
    const reused = details.flatMap((d) => d.materials).filter((m) => m.name === names[0]);
    expect(reused.length).toBeGreaterThan(0);
    const seedScans = await Promise.all(['png', 'pdf'].map(async (ext) =>
      createHash('sha256').update((await sdk.downloadFile({ fileID: `cloud://local-env.local/uploads/local-citizen/seed-scan.${ext}` })).fileContent).digest('hex')));
    expect(reused.every((m) => seedScans.includes(m.sha256) && m.fileID.includes('/evidence/'))).toBe(true);
    expect(problems).toEqual([]);
  });
});
