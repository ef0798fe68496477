/**
 * What a material file may be, decided by its content (magic bytes), never by its name: an .exe
 * renamed .jpg stays an .exe. The same check runs when the citizen picks a file (so they hear at
 * once) and in the affairs function before sealing (which is what counts).
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export type SniffedType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic' | 'application/pdf';

/** Bytes needed from the start of a file for `sniff`. */
export const SNIFF_BYTES = 16;

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Magic bytes → type; null for anything else. */
export function sniff(b: Uint8Array): SniffedType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && PNG_MAGIC.every((x, i) => b[i] === x)) return 'image/png';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'image/webp';
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp' && /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/.test(ascii(b, 8, 12))) return 'image/heic';
  if (b.length >= 5 && ascii(b, 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

/** Why a picked file cannot be a material (Chinese, names the file), or null when it can. */
export function pickProblem(name: string, size: number, head: Uint8Array): string | null {
  if (size === 0) return `“${name}”是空文件，请重新选择`;
  if (size > MAX_FILE_BYTES) return `“${name}”超过10MB，请压缩后重新选择`;
  if (!sniff(head)) return `“${name}”不是图片或PDF（按文件内容判断），请重新选择`;
  return null;
}
