/**
 * Sealed evidence, checked from outside through the gateway as the H5 preview uses it: a citizen
 * uploads, submits, then overwrites the upload at the same path; staff still get the original
 * bytes and hash. A `/storage/<path>` request without a signed temp URL is refused.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startGateway, type Gateway } from '../../local-cloud/gateway';
import { materialIdOf } from '../../core/matter/form';
import { makeMatter } from '../fixtures/matter-factory';
import { request } from './http-client';

const CITIZEN = 'local-citizen';
const ADMIN = 'local-admin';
const CLERK = 'local-evidence-clerk';
const BOUNDARY = '----evidence';
const ORIGINAL = Buffer.from('%PDF-1.7\n原件：居民户口簿扫描件\n%%EOF');
const FORGED = Buffer.from('%PDF-1.7\n替换后的文件\n%%EOF');

const matter = makeMatter({ name: '居民身份证补领', channels: { onsiteVisits: 0, onlineDepth: 4, mobile: true, appointment: false, postal: true, scope: '全市通办' } });
let gw: Gateway;
let root: string;

const call = async (fn: string, action: string, params: unknown, openid: string) => {
  const r = await request(gw.url, `/api/functions/${fn}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'x-local-openid': openid }, body: JSON.stringify({ action, params }),
  });
  expect(r.json.result).toMatchObject({ ok: true });
  return r.json.result.data;
};

async function uploadAs(openid: string, cloudPath: string, content: Buffer): Promise<string> {
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="cloudPath"\r\n\r\n${cloudPath}\r\n`),
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    content, Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  const r = await request(gw.url, '/api/storage/upload', { method: 'POST', headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, 'x-local-openid': openid }, body });
  expect(r.status).toBe(200);
  return r.json.fileID;
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-evidence-'));
  gw = await startGateway({ port: 0, dataDir: path.join(root, 'data'), staticDir: root, adminOpenids: [ADMIN], localMode: true, log: () => undefined });
  await call('matters', 'import', { format: 'json', content: JSON.stringify({ version: 1, matters: [matter] }) }, ADMIN);
  await call('account', 'setStaff', { openid: CLERK, name: '李警官', role: 'staff', departments: [matter.department.code], active: true }, ADMIN);
});
afterAll(async () => {
  await gw?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

it('overwrite after submit: staff are served the original bytes; /storage/<path> without a signed URL is refused', async () => {
  const cloudPath = `uploads/${CITIZEN}/hukou.pdf`;
  const fileID = await uploadAs(CITIZEN, cloudPath, ORIGINAL);
  const materials = matter.materials.filter((m) => m.necessity === '必要').map((m) => ({ materialId: materialIdOf(m.name), fileID }));
  const { id } = await call('affairs', 'submit', { matterId: matter.implementationCode, requestId: 'gw-evidence-1', form: {}, materials }, CITIZEN);
  await uploadAs(CITIZEN, cloudPath, FORGED);

  const view = await call('affairs', 'get', { id }, CLERK);
  const sealed = view.materials[0];
  expect(sealed.sha256).toBe(createHash('sha256').update(ORIGINAL).digest('hex'));
  const url = new URL(sealed.url);
  const served = await request(gw.url, url.pathname + url.search);
  expect(served.status).toBe(200);
  expect(served.text).toBe(ORIGINAL.toString());

  for (const bare of [url.pathname, `/storage/${cloudPath}`]) {
    const refused = await request(gw.url, bare);
    expect([bare, refused.status]).toEqual([bare, 403]);
    expect(refused.text).not.toContain('%PDF');
  }
});
