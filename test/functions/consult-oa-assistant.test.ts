/** 服务号: the personal assistant answers a follower linked by UNIONID to a mini-program user; an unlinked one is told how to link. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { invokeFunction } from '../../local-cloud';
import { getDb } from '../../cloudfunctions/shared/cloud';
import { oaSignature } from '../../cloudfunctions/consult/channels/oa';
import { ADMIN, CITIZEN, call, expectOk, startCloud } from './harness';

const KB = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const TOKEN = 'test-oa-token';
const FAN = 'oFan_linked';
const UNION = 'union-citizen-1';
process.env.PUSH_KICK = 'off';

let nonces = 0;
function signed() {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = `n${Date.now()}x${(nonces += 1)}`;
  return { signature: oaSignature(TOKEN, timestamp, nonce), timestamp, nonce };
}
const xml = (fields: Record<string, string | number>) =>
  `<xml>${Object.entries(fields).map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${v}]]></${k}>`)).join('')}</xml>`;
async function oaSay(from: string, Content: string, MsgId: string): Promise<string> {
  const body = xml({ ToUserName: 'gh_city', FromUserName: from, CreateTime: 1764550000, MsgType: 'text', Content, MsgId });
  const r = await invokeFunction('consult', { path: '/oa', httpMethod: 'POST', headers: { 'content-type': 'text/xml' }, queryStringParameters: signed(), body, isBase64Encoded: false }, { SOURCE: 'wx_http' }) as { body: string };
  return String(new XMLParser({ parseTagValue: false }).parse(r.body).xml.Content);
}

beforeEach(async () => {
  startCloud();
  process.env.OA_TOKEN = TOKEN;
  expectOk(await call('consult', 'importKnowledge', { kb: KB, mode: 'replace' }, ADMIN));
  await getDb().collection('applications').doc('app-1').set({ data: {
    no: 'BJ20261201000001', openid: CITIZEN, matterName: '社会保障卡申领', departmentName: '市人社局', status: 'submitted', updatedAt: '2026-12-01T02:00:00.000Z',
  } });
  await getDb().collection('oa_followers').doc(FAN).set({ data: { unionid: UNION, subscribed: true, at: '2026-12-01T00:00:00.000Z' } });
});
afterAll(() => { delete process.env.OA_TOKEN; });

it('an unlinked follower is told how to link, and sees nothing of anyone\'s records', async () => {
  const text = await oaSay(FAN, '我的社保卡办到哪一步了', 'm-1');
  expect(text).toContain('智能咨询');
  expect(text).toContain('关联');
  expect(text).not.toContain('社会保障卡申领');
});

it('once the mini-program user with the same UNIONID has opened 智能咨询, the follower gets the same answer', async () => {
  const opened = await invokeFunction('consult', { action: 'history', params: {} }, { OPENID: CITIZEN, UNIONID: UNION }) as { ok: boolean };
  expect(opened.ok).toBe(true);
  const text = await oaSay(FAN, '我的社保卡办到哪一步了', 'm-2');
  expect(text).toContain('社会保障卡申领');
  expect(text).toContain('待受理');
  // A different follower (no unionid) is still not linked.
  await getDb().collection('oa_followers').doc('oFan_other').set({ data: { subscribed: true, at: '2026-12-01T00:00:00.000Z' } });
  expect(await oaSay('oFan_other', '我的社保卡办到哪一步了', 'm-3')).not.toContain('社会保障卡申领');
});

it('a text-only channel lists the records the cards would show: "我的护照办到哪了" with only a 社保卡 case', async () => {
  expect((await invokeFunction('consult', { action: 'history', params: {} }, { OPENID: CITIZEN, UNIONID: UNION }) as { ok: boolean }).ok).toBe(true);
  const text = await oaSay(FAN, '我的护照办到哪了', 'm-4');
  expect(text).toContain('您名下没有护照相关的办件。以下是您的其他办件，请核对：');
  expect(text).toContain('· 社会保障卡申领（BJ20261201000001）待受理');
});

it('one case: the mini-program bubble only leads in to the card, a text-only channel still gets it in full (status, next step, paused clock)', async () => {
  await getDb().collection('applications').doc('app-1').update({ data: {
    status: 'suspended', suspendReason: '组织专家评审', dueDate: '2026-12-10',
    clock: { promisedDays: 10, statutoryDays: 20, acceptedOn: '2026-11-25', usedDays: 4, runningSince: null, pausedOn: '2026-12-01', dueDate: '2026-12-10', statutoryDueDate: '2026-12-23', uncoveredYears: [] },
  } });
  const app = expectOk(await call('consult', 'ask', { text: '我的社保卡办到哪一步了' }, CITIZEN));
  expect(app.message).toBe('您的“社会保障卡申领”办件：');
  expect(app.answer?.cards?.[0]).toMatchObject({ status: '已挂起', clock: '暂停计时 · 剩余6个工作日，恢复后重新计算到期日' });
  expect((await invokeFunction('consult', { action: 'history', params: {} }, { OPENID: CITIZEN, UNIONID: UNION }) as { ok: boolean }).ok).toBe(true);
  const text = await oaSay(FAN, '我的社保卡办到哪一步了', 'm-5');
  expect(text).toBe('您申请的“社会保障卡申领”（BJ20261201000001）当前状态：已挂起。办理暂停（组织专家评审），暂停期间不计入办理时限。办理时限：暂停计时 · 剩余6个工作日，恢复后重新计算到期日。');
});
