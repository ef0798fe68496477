/** Type by content, the same rule at pick time (client) and at submit (server). */
import { MAX_FILE_BYTES, pickProblem, sniff } from '../../core/affairs/file-type';

const bytes = (...b: number[]) => new Uint8Array(b);
const ascii = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

describe('file type by content', () => {
  it('knows JPEG, PNG, WebP, HEIC and PDF by their first bytes, whatever the name', () => {
    expect(sniff(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniff(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    expect(sniff(ascii('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniff(ascii('\0\0\0\x18ftypheic'))).toBe('image/heic');
    expect(sniff(ascii('%PDF-1.7'))).toBe('application/pdf');
    expect(sniff(ascii('MZ\x90\0'))).toBeNull();
    expect(sniff(bytes())).toBeNull();
  });

  it('says in Chinese, naming the file, what is wrong with a picked file', () => {
    expect(pickProblem('virus.png', 4096, ascii('MZ\x90\0'))).toBe('“virus.png”不是图片或PDF（按文件内容判断），请重新选择');
    expect(pickProblem('big.jpg', MAX_FILE_BYTES + 1, bytes(0xff, 0xd8, 0xff))).toBe('“big.jpg”超过10MB，请压缩后重新选择');
    expect(pickProblem('empty.pdf', 0, bytes())).toBe('“empty.pdf”是空文件，请重新选择');
    expect(pickProblem('scan.pdf', 2048, ascii('%PDF-1.4'))).toBeNull();
  });
});
