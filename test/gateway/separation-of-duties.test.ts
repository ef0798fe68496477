/**
 * Separation of duties through the preview gateway, as a staff member's phone would call it: a clerk
 * who applied with their own account may read their application as its applicant, but may not
 * accept, complete or unmask it; a colleague of the same department may.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startGateway, type Gateway } from '../../local-cloud/gateway';
import { makeOnlineMatter } from '../fixtures/online-matter';
import { postJson } from './http-client';

const ADMIN = 'gw-admin';
const CLERK = 'gw-clerk-psb';
const COLLEAGUE = 'gw-clerk-psb-2';

const matter = makeOnlineMatter();

describe('staff acting on their own application, through the gateway', () => {
  let gw: Gateway;
  let root: string;
  const call = async (fn: string, action: string, params: unknown, openid: string) =>
    (await postJson(gw.url, fn, { action, params }, { 'x-local-openid': openid })).json.result;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-duties-'));
    gw = await startGateway({ port: 0, dataDir: path.join(root, 'data'), adminOpenids: [ADMIN], localMode: true, log: () => undefined });
    for (const [openid, name] of [[CLERK, '李警官'], [COLLEAGUE, '王警官']]) {
      expect(await call('account', 'setStaff', { openid, name, role: 'staff', departments: ['psb'], active: true }, ADMIN)).toMatchObject({ ok: true });
    }
    const imported = await call('matters', 'import', { format: 'json', content: JSON.stringify({ version: 1, matters: [matter] }) }, ADMIN);
    expect(imported).toMatchObject({ ok: true, data: { applied: true } });
  });

  afterAll(async () => {
    await gw?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('answers FORBIDDEN to accept, complete and reveal by the applicant; a colleague handles it', async () => {
    const submitted = await call('affairs', 'submit', {
      matterId: matter.implementationCode, requestId: 'req-own-application-1', form: { name: '李四' }, materials: [],
    }, CLERK);
    expect(submitted).toMatchObject({ ok: true });
    const id = submitted.data.id as string;

    for (const [action, params] of [
      ['act', { id, action: 'accept', comment: '材料齐全，予以受理' }],
      ['act', { id, action: 'complete', comment: '办结' }],
      ['reveal', { id }],
    ] as const) {
      const r = await call('affairs', action, params, CLERK);
      expect({ action, r }).toMatchObject({ action, r: { ok: false, code: 'FORBIDDEN', message: expect.stringContaining('本人提交的办件') } });
    }
    // As its applicant the clerk still reads it, with the applicant's actions only.
    expect(await call('affairs', 'get', { id }, CLERK)).toMatchObject({ ok: true, data: { status: 'submitted', allowedActions: ['withdraw'] } });

    expect(await call('affairs', 'act', { id, action: 'accept', comment: '材料齐全，予以受理' }, COLLEAGUE)).toMatchObject({ ok: true, data: { status: 'accepted' } });
    expect(await call('affairs', 'act', { id, action: 'complete', comment: '办结' }, CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
