/**
 * 效能看板 from outside, through the gateway as the H5 preview calls it: `metrics.dashboard`
 * answers the pinned contract `{ indicators: [{ key, name, num, den }] }` for staff, refuses a
 * citizen, and the public definitions need no sign-in.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startGateway, type Gateway } from '../../local-cloud/gateway';
import { shanghaiDate } from '../../core/shanghai-time';
import { makeMatter } from '../fixtures/matter-factory';
import { request } from './http-client';

const ADMIN = 'local-admin';
const CLERK = 'local-metrics-clerk';
const CITIZEN = 'local-citizen';
const PINNED = ['goodRate', 'onTimeRate', 'zeroVisitRate', 'autoAnswerRate', 'deliveryRate', 'noShowRate', 'rectifiedRate'];

const matter = makeMatter({ name: '居民身份证补领', channels: { onsiteVisits: 0, onlineDepth: 4, mobile: true, appointment: false, postal: true, scope: '全市通办' } });
let gw: Gateway;
let root: string;

const post = async (fn: string, action: string, params: unknown, openid?: string) => {
  const r = await request(gw.url, `/api/functions/${fn}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...(openid ? { 'x-local-openid': openid } : {}) }, body: JSON.stringify({ action, params }),
  });
  expect(r.status).toBe(200);
  return r.json.result;
};

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-metrics-'));
  gw = await startGateway({ port: 0, dataDir: path.join(root, 'data'), staticDir: root, adminOpenids: [ADMIN], localMode: true, log: () => undefined });
  expect(await post('matters', 'import', { format: 'json', content: JSON.stringify({ version: 1, matters: [matter] }) }, ADMIN)).toMatchObject({ ok: true });
  expect(await post('account', 'setStaff', { openid: CLERK, name: '李警官', role: 'staff', departments: [matter.department.code], active: true }, ADMIN)).toMatchObject({ ok: true });
});
afterAll(async () => {
  await gw?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

it('metrics.dashboard over HTTP: the pinned indicators with counts, staff only; definitions in public', async () => {
  const today = shanghaiDate(new Date().toISOString());
  const res = await post('metrics', 'dashboard', { from: today, to: today }, CLERK);
  expect(res.ok).toBe(true);
  const keys = res.data.indicators.map((i: { key: string }) => i.key);
  for (const key of PINNED) expect(keys).toContain(key);
  for (const i of res.data.indicators) expect(i).toEqual(expect.objectContaining({ key: expect.any(String), name: expect.any(String), num: expect.any(Number), den: expect.any(Number) }));
  // The one matter imported is 跑零次.
  expect(res.data.indicators.find((i: { key: string }) => i.key === 'zeroVisitRate')).toMatchObject({ num: 1, den: 1 });
  expect(await post('metrics', 'dashboard', { from: today, to: today }, CITIZEN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await post('metrics', 'dashboard', { from: today, to: '2020-01-01' }, CLERK)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '开始日期不能晚于结束日期' });
  const defs = await post('metrics', 'definitions', {});
  expect(defs).toMatchObject({ ok: true });
  expect(defs.data.length).toBe(26);
});
