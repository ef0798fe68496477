/** Steps the H5 journeys share: switching the preview identity, filling the apply form, attaching files. */
import type { Page } from 'playwright-core';
import { deflateSync } from 'node:zlib';

/** Switches the preview identity on 我的 to the one titled exactly `label` (e.g. 管理员 vs 管理员（审批）). */
export async function becomeByLabel(page: Page, base: string, label: string) {
  await page.goto(`${base}/#/pages/mine/index`);
  const titled = page.locator('.row__title').getByText(label, { exact: true });
  await page.locator('.identity-switcher__item').filter({ has: titled }).click();
  await page.locator('.identity-switcher__item--active').filter({ has: titled }).waitFor();
}

/** A real (tiny) PNG: signature, IHDR, one IDAT, IEND, with correct CRCs. */
export function png(rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const w = 8; const h = 8;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y += 1) for (let x = 0; x < w; x += 1) raw.set(rgb, y * (w * 3 + 1) + 1 + x * 3);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

/** Attach one file to the material card named `name` through the real file chooser. */
export async function attach(page: Page, name: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  // Pictures through 拍照/相册 (Taro.chooseImage), PDFs through 选择文件 (the H5 file adapter).
  const button = file.mimeType === 'application/pdf' ? '.affairs-upload-file' : '.affairs-upload';
  // By the exact name: 居民身份证 must not match the card of 父母双方的居民身份证.
  const titled = page.locator('.affairs-material__name').getByText(name, { exact: true });
  const card = page.locator('.affairs-material').filter({ has: titled }).filter({ visible: true }).first();
  const before = await card.locator('.affairs-thumb').count();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), card.locator(button).click()]);
  await chooser.setFiles(file);
  await card.locator('.affairs-thumb').nth(before).waitFor();
  await card.locator('.affairs-upload', { hasText: '拍照/相册' }).waitFor();
}

export async function fill(page: Page, key: string, value: string) {
  await page.locator(`.field--${key} input`).filter({ visible: true }).fill(value);
}
