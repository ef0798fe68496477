/**
 * 预约 in the H5 preview: a citizen books a slot from the 办事指南 and sees it in 我的预约 → hall
 * staff (identity switch) check the citizen in with the code → the citizen sees 已到场.
 */
import { invokeFunction, registerFunction } from '../../local-cloud';
import { bookingRouter } from '../../cloudfunctions/booking';
import { shanghaiInstant } from '../../core/calendar/workdays';
import { openPhonePage, startPreview, type Preview } from './browser';
import { becomeByLabel } from './journey-helpers';

const PASSPORT = '11999900MB0P12328T3000111101001';
let preview: Preview;
/** The booking function's clock, injected: the system clock until the journey moves it to the visit day. */
let visitDay: number | null = null;

beforeAll(async () => {
  preview = await startPreview();
  const loaded = preview.gateway.functions.find((f) => f.name === 'booking')!;
  registerFunction('booking', bookingRouter(() => (visitDay === null ? new Date() : new Date(visitDay))), { collections: loaded.collections, timeoutMs: loaded.timeoutMs });
});
afterAll(async () => {
  await preview?.close();
});

describe('H5 journey: booking a hall visit', () => {
  it('a citizen books, hall staff check the code in, the citizen sees 已到场', async () => {
    const { page, problems } = await openPhonePage(preview);
    const base = preview.gateway.url;
    await becomeByLabel(page, base, '市民（张*）');

    // 1. From the guide: hall → date → slot → confirm.
    await page.goto(`${base}/#/packages/matters/pages/guide/index?id=${PASSPORT}`);
    await page.locator('.btn:visible', { hasText: '预约办理' }).first().click();
    await page.locator('.booking-choice', { hasText: '示例市政务服务中心' }).click();
    const openDays = page.locator('.booking-date:not(.booking-date--off)');
    await openDays.first().waitFor();
    // Holidays and weekends are greyed: fewer open days than days shown whenever a weekend lies within.
    expect(await page.locator('.booking-date--off').count()).toBeGreaterThan(0);
    await openDays.nth(1).click(); // not today: its slots may have passed
    const freeSlot = page.locator('.booking-slot:not(.booking-slot--full)').first();
    await freeSlot.waitFor();
    expect(await freeSlot.innerText()).toMatch(/余\d+个/);
    await freeSlot.click();
    await page.locator('.btn', { hasText: '确认预约' }).click();
    await page.getByText('预约成功').waitFor();
    const code = (await page.locator('.booking-ticket__code').innerText()).replace(/\s+/g, '');
    expect(code).toMatch(/^\d{8}$/);
    expect(await page.locator('.booking-ticket__qr-cell--dark').count()).toBeGreaterThan(100);

    await page.goto(`${base}/#/packages/booking/pages/mine/index`);
    const row = page.locator('.row', { hasText: '普通护照签发' });
    await row.locator('.badge', { hasText: '已预约' }).waitFor();

    // 2. The visit day arrives (the functions' clock; the browser does not need it).
    const mine = (await invokeFunction('booking', { action: 'mine', params: {} }, { OPENID: 'local-citizen' })) as any;
    const booking = mine.data[0];
    visitDay = shanghaiInstant(booking.date, booking.start).getTime();

    await becomeByLabel(page, base, '大厅工作人员（政务服务中心）');
    await page.goto(`${base}/#/packages/staff/pages/hall-day/index`);
    const input = page.locator('.section', { hasText: '签到核验' }).locator('input');
    await input.waitFor();
    await input.fill(code);
    await page.locator('.btn--primary', { hasText: '签到' }).click();
    await page.locator('.hall-day__ok', { hasText: '已到场' }).waitFor();
    // The same code a second time is refused with the reason.
    await input.fill(code);
    await page.locator('.btn--primary', { hasText: '签到' }).click();
    await page.locator('.hall-day__error', { hasText: '已于' }).waitFor();

    // 3. Back as the citizen.
    await becomeByLabel(page, base, '市民（张*）');
    await page.goto(`${base}/#/packages/booking/pages/mine/index`);
    await page.locator('.row', { hasText: '普通护照签发' }).locator('.badge', { hasText: '已到场' }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
