/**
 * POST /api/storage/upload: the H5 stand-in for Taro.cloud.uploadFile, enforcing the storage
 * rule we deploy (write only under uploads/<own openid>/), 10 MB, owner recorded.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startGateway, type Gateway } from '../../local-cloud/gateway';
import { fileOwnerOf, readStoredFile } from '../../local-cloud';
import { request } from './http-client';

const BOUNDARY = '----smartgovtest';
function multipart(parts: { name: string; value?: string; file?: Buffer; filename?: string }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disp = p.file ? `form-data; name="${p.name}"; filename="${p.filename ?? 'a.bin'}"` : `form-data; name="${p.name}"`;
    const type = p.file ? 'Content-Type: application/octet-stream\r\n' : '';
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disp}\r\n${type}\r\n`));
    chunks.push(p.file ?? Buffer.from(p.value ?? ''));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}
const headers = (openid?: string): Record<string, string> => ({
  'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
  ...(openid ? { 'x-local-openid': openid } : {}),
});

/** Streams `mb` MB of file content over a raw socket (chunked) and resolves with the first reply. */
function rawChunkedUpload(port: number, cloudPath: string, mb: number): Promise<{ status: number; body: string; sentMbWhenAnswered: number }> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    let reply = '';
    let sent = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      const m = /^HTTP\/1\.1 (\d{3})[\s\S]*?\r\n\r\n([\s\S]*)$/.exec(reply);
      const len = /content-length: (\d+)/i.exec(reply);
      if (!m || !len || Buffer.byteLength(m[2] as string) < Number(len[1])) return;
      done = true;
      s.destroy();
      resolve({ status: Number(m[1]), body: m[2] as string, sentMbWhenAnswered: sent });
    };
    s.on('data', (d) => {
      reply += d.toString('utf8');
      finish();
    });
    s.on('error', (e) => !done && reject(e));
    s.on('close', () => !done && reject(new Error(`closed without a reply: ${JSON.stringify(reply)}`)));
    const frame = (b: Buffer) => s.write(Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]));
    s.write(`POST /api/storage/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nx-local-openid: local-citizen\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nTransfer-Encoding: chunked\r\n\r\n`);
    frame(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="cloudPath"\r\n\r\n${cloudPath}\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\n`));
    const piece = Buffer.alloc(1024 * 1024, 7);
    const pump = (): void => {
      while (!done && sent < mb) {
        sent++;
        if (!frame(piece)) return void s.once('drain', pump);
      }
    };
    pump();
  });
}

describe('storage upload', () => {
  let gw: Gateway;
  let root: string;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-upload-'));
    gw = await startGateway({
      port: 0, dataDir: path.join(root, 'data'), staticDir: root,
      functionsDir: path.join(__dirname, 'fixtures', 'cloudfunctions'), localMode: true, log: () => undefined,
    });
  });
  afterAll(async () => {
    await gw?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const upload = (body: Buffer, openid?: string, chunked = false) =>
    request(gw.url, '/api/storage/upload', { method: 'POST', headers: headers(openid), body, chunked });

  it('stores the file under the caller’s folder and answers { fileID } in uploadFile’s format', async () => {
    const content = Buffer.from('%PDF-1.4 材料扫描件');
    const r = await upload(multipart([{ name: 'cloudPath', value: 'uploads/local-citizen/身份证正面.pdf' }, { name: 'file', file: content }]), 'local-citizen');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ fileID: 'cloud://local-env.local/uploads/local-citizen/身份证正面.pdf' });
    const stored = readStoredFile('uploads/local-citizen/身份证正面.pdf');
    expect(stored?.content.equals(content)).toBe(true);
    expect(stored?.contentType).toBe('application/pdf');
    expect(fileOwnerOf(r.json.fileID)).toBe('local-citizen');
    // The file field may come before cloudPath, and subfolders are fine.
    const r2 = await upload(multipart([{ name: 'file', file: Buffer.from('x') }, { name: 'cloudPath', value: 'uploads/local-citizen/app-1/photo.jpg' }]), 'local-citizen');
    expect(r2.status).toBe(200);
  });

  it('401 without an identity', async () => {
    const r = await upload(multipart([{ name: 'cloudPath', value: 'uploads/local-citizen/a.txt' }, { name: 'file', file: Buffer.from('x') }]));
    expect(r.status).toBe(401);
    expect(r.json.result).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it.each([
    'uploads/local-citizen-2/a.txt', // someone else's folder
    'uploads/local-citizen/../local-citizen-2/a.txt',
    '/uploads/local-citizen/a.txt',
    'uploads/local-citizen/',
    'uploads/local-citizen/./a.txt',
    'matters/seed.json',
    'uploads/local-citizen\\..\\x',
    'uploads/local-citizen/a\u0000b',
  ])('403 for cloudPath %j, nothing stored', async (cloudPath) => {
    const r = await upload(multipart([{ name: 'cloudPath', value: cloudPath }, { name: 'file', file: Buffer.from('x') }]), 'local-citizen');
    expect(r.status).toBe(403);
    expect(r.json.result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(readStoredFile('uploads/local-citizen-2/a.txt')).toBeUndefined();
  });

  it('400 when a field is missing', async () => {
    expect((await upload(multipart([{ name: 'file', file: Buffer.from('x') }]), 'local-citizen')).json.result.code).toBe('INVALID_INPUT');
    expect((await upload(multipart([{ name: 'cloudPath', value: 'uploads/local-citizen/a' }]), 'local-citizen')).status).toBe(400);
  });

  it('413 PAYLOAD_TOO_LARGE over 10 MB, declared or streamed, stopping at the limit', async () => {
    const big = multipart([{ name: 'cloudPath', value: 'uploads/local-citizen/big.bin' }, { name: 'file', file: Buffer.alloc(10 * 1024 * 1024 + 1, 1) }]);
    const declared = await upload(big, 'local-citizen').catch((e) => { throw new Error('declared: ' + e.message); });
    expect(declared.status).toBe(413);
    expect(declared.json.result).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
    // 50 MB streamed (chunked, no length): answered 413 as soon as 10 MB is crossed, nothing stored.
    const streamed = await rawChunkedUpload(gw.port, 'uploads/local-citizen/huge.bin', 50);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).result.code).toBe('PAYLOAD_TOO_LARGE');
    expect(streamed.sentMbWhenAnswered).toBeLessThan(50);
    expect(readStoredFile('uploads/local-citizen/huge.bin')).toBeUndefined();
    const exactly = multipart([{ name: 'cloudPath', value: 'uploads/local-citizen/ten.bin' }, { name: 'file', file: Buffer.alloc(10 * 1024 * 1024, 3) }]);
    expect((await upload(exactly, 'local-citizen')).status).toBe(200);
  });

  it('keeps the Host check', async () => {
    const r = await request(gw.url, '/api/storage/upload', { method: 'POST', headers: { ...headers('local-citizen'), Host: 'evil.example' }, body: Buffer.from('x') });
    expect(r.status).toBe(403);
  });
});
