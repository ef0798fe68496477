/** uploadFile / getTempFileURL / downloadFile / deleteFile. */
import { Readable } from 'stream';
import { configureLocalCloud, readStoredFile, verifyTempFileUrl } from '../../local-cloud';
import { cloud, rejection, useMemoryCloud } from './helpers';

useMemoryCloud();

const saved = { url: process.env.LOCAL_CLOUD_PUBLIC_URL, port: process.env.PORT };
afterEach(() => {
  for (const [k, v] of [['LOCAL_CLOUD_PUBLIC_URL', saved.url], ['PORT', saved.port]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

test('upload a Buffer, get its URL, download it, delete it', async () => {
  process.env.LOCAL_CLOUD_PUBLIC_URL = 'http://192.168.1.5:8080/';
  const up = await cloud.uploadFile({ cloudPath: 'materials/u1/id card.png', fileContent: Buffer.from([137, 80, 78, 71]) });
  expect(up).toEqual({ fileID: 'cloud://local-env.local/materials/u1/id card.png', statusCode: 200, errMsg: 'uploadFile:ok' });

  const urls = await cloud.getTempFileURL({ fileList: [up.fileID, { fileID: 'cloud://local-env.local/missing.png', maxAge: 60 }] });
  expect(urls.fileList[0]).toMatchObject({ fileID: up.fileID, status: 0, errMsg: 'ok', maxAge: 7200 });
  expect(urls.fileList[0].tempFileURL).toMatch(/^http:\/\/192\.168\.1\.5:8080\/storage\/materials\/u1\/id%20card\.png\?t=\d+&sign=[0-9a-f]{64}$/);
  expect(urls.fileList[1]).toMatchObject({ fileID: 'cloud://local-env.local/missing.png', tempFileURL: '', status: -1 });

  expect([...(await cloud.downloadFile({ fileID: up.fileID })).fileContent]).toEqual([137, 80, 78, 71]);
  expect(readStoredFile('materials/u1/id card.png')?.contentType).toBe('image/png');

  const del = await cloud.deleteFile({ fileList: [up.fileID, 'cloud://local-env.local/missing.png'] });
  expect(del.fileList).toEqual([
    { fileID: up.fileID, status: 0, errMsg: 'ok' },
    { fileID: 'cloud://local-env.local/missing.png', status: -1, errMsg: 'STORAGE_FILE_NONEXIST' },
  ]);
  const e = await rejection(cloud.downloadFile({ fileID: up.fileID }));
  expect(e.errCode).toBe(-503003);
  expect(e.errMsg).toMatch(/^downloadFile:fail -503003 storage file not exists\./);
});

test('upload from a stream; overwriting keeps the latest content', async () => {
  await cloud.uploadFile({ cloudPath: 'a.txt', fileContent: Readable.from([Buffer.from('he'), Buffer.from('llo')]) });
  await cloud.uploadFile({ cloudPath: 'a.txt', fileContent: Buffer.from('bye') });
  expect((await cloud.downloadFile({ fileID: 'cloud://local-env.local/a.txt' })).fileContent.toString()).toBe('bye');
});

test('URL defaults to http://localhost:$PORT and publicUrl option wins over the env', async () => {
  delete process.env.LOCAL_CLOUD_PUBLIC_URL;
  process.env.PORT = '4321';
  const { fileID } = await cloud.uploadFile({ cloudPath: 'p.txt', fileContent: Buffer.from('x') });
  expect((await cloud.getTempFileURL({ fileList: [fileID] })).fileList[0].tempFileURL).toMatch(/^http:\/\/localhost:4321\/storage\/p\.txt\?t=/);
  configureLocalCloud({ dataDir: ':memory:', publicUrl: 'https://preview.example' });
  await cloud.uploadFile({ cloudPath: 'p.txt', fileContent: Buffer.from('x') });
  expect((await cloud.getTempFileURL({ fileList: [fileID] })).fileList[0].tempFileURL).toMatch(/^https:\/\/preview\.example\/storage\/p\.txt\?t=/);
});

test('invalid cloud paths are rejected', async () => {
  for (const cloudPath of ['/abs.txt', '../up.txt', 'a//b.txt', '']) {
    await expect(cloud.uploadFile({ cloudPath, fileContent: Buffer.from('x') })).rejects.toMatchObject({ errCode: -501007 });
  }
});

test('temp URLs are signed for one path and expire within 2 hours, like WeChat temp links', async () => {
  const { fileID } = await cloud.uploadFile({ cloudPath: 'evidence/k/a.png', fileContent: Buffer.from('x') });
  const asked = await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 86400 }, { fileID, maxAge: 60 }] });
  expect(asked.fileList.map((f) => f.maxAge)).toEqual([7200, 60]);
  const url = new URL(asked.fileList[1].tempFileURL);
  const t = url.searchParams.get('t') ?? '';
  const sign = url.searchParams.get('sign') ?? '';
  const issued = Date.now();
  expect(verifyTempFileUrl('evidence/k/a.png', t, sign, issued)).toBe(true);
  expect(verifyTempFileUrl('evidence/k/b.png', t, sign, issued)).toBe(false);
  expect(verifyTempFileUrl('evidence/k/a.png', String(Number(t) + 1), sign, issued)).toBe(false);
  expect(verifyTempFileUrl('evidence/k/a.png', t, sign, Number(t) * 1000 + 1)).toBe(false);
  expect(verifyTempFileUrl('evidence/k/a.png', '', '', issued)).toBe(false);
  expect(verifyTempFileUrl('evidence/k/a.png', t, 'zz', issued)).toBe(false);
});
