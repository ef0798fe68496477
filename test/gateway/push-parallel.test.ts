/**
 * Parallel subscription answers through the gateway, as phones answering WeChat's dialog at once
 * send them: none may fail, none may be lost.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startGateway, type Gateway } from '../../local-cloud/gateway';
import { loadCatalogue } from '../../core/push/catalogue';
import { byKey } from '../../core/push/templates';
import { postJson } from './http-client';

const CITIZEN = 'parallel-citizen';
let gw: Gateway;
let root: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-push-parallel-'));
  gw = await startGateway({ port: 0, dataDir: path.join(root, 'data'), staticDir: root, adminOpenids: ['local-admin'], localMode: true, log: () => undefined });
});
afterAll(async () => {
  await gw?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const push = async (action: string, params: unknown) =>
  (await postJson(gw.url, 'push', { action, params }, { 'x-local-openid': CITIZEN })).json.result;

describe('parallel push writes', () => {
  it('30 parallel subscribe accepts give a quota of 30 and no error', async () => {
    const templateId = byKey(loadCatalogue(process.env), 'caseProgress')!.templateId;
    const replies = await Promise.all(Array.from({ length: 30 }, () => push('subscribe', { results: { [templateId]: 'accept' } })));
    expect(replies.filter((r) => !r.ok).map((r) => r.code)).toEqual([]);
    const settings = await push('settings', {});
    expect(settings.data.subscriptions.find((s: { templateId: string }) => s.templateId === templateId).quota).toBe(30);
  });

});
