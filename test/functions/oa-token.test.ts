/** The 服务号 access token belongs to the AppID that issued it: a changed WX_OA_APPID never reuses a cached one. */
import { oaToken } from '../../cloudfunctions/shared/oa-api';
import { startFakeWechat, type FakeWechat } from '../../scripts/lib/fake-wechat';
import { startCloud } from './harness';

let fake: FakeWechat;
beforeAll(async () => { fake = await startFakeWechat({}); });
afterAll(async () => {
  delete process.env.WX_OPENAPI_BASE;
  delete process.env.WX_OA_APPID;
  delete process.env.WX_OA_SECRET;
  await fake.close();
});

it('caches the token per AppID, in memory and in push_state: switching the account fetches its own', async () => {
  startCloud();
  process.env.WX_OPENAPI_BASE = fake.base;
  process.env.WX_OA_SECRET = 'test-secret';
  const stableTokenAppids = () => fake.requests.filter((r) => r.path === '/cgi-bin/stable_token').map((r) => (r.body as { appid: string }).appid);

  process.env.WX_OA_APPID = 'wxoa-first';
  const first = await oaToken();
  expect(await oaToken()).toBe(first);
  expect(stableTokenAppids()).toEqual(['wxoa-first']);

  process.env.WX_OA_APPID = 'wxoa-second';
  await oaToken();
  expect(stableTokenAppids()).toEqual(['wxoa-first', 'wxoa-second']);
});
