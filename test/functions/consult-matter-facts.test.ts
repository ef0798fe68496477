/** consult: an FAQ that references a matter (实施编码) shows the published catalogue's live facts and links, and follows catalogue changes. */
import type { ConsultAskResult } from '../../core/api';
import { getDb } from '../../cloudfunctions/shared/cloud';
import { makeMatter } from '../fixtures/matter-factory';
import { ADMIN, CITIZEN, call, expectOk, startCloud } from './harness';

process.env.PUSH_KICK = 'off';

const free = makeMatter({
  name: '居民身份证补领',
  fees: { charged: false, items: [], onlinePayment: false },
  timeLimit: { statutoryDays: 60, promisedDays: 7, caseKind: '承诺件' },
});
const code = free.implementationCode;
const kb = {
  faqs: [{ id: 'faq-idcard-lost', category: '户籍', question: '身份证丢了怎么补办', similar: ['补办身份证'], keywords: ['身份证', '补办'], answer: '携带户口簿到户籍窗口申请补领，工本费具体以当地规定为准。', matter: code }],
  rules: [], synonyms: [],
};

async function publish(matter: typeof free) {
  expectOk(await call('matters', 'import', { format: 'json', content: JSON.stringify({ version: 1, matters: [matter] }) }, ADMIN));
}

beforeEach(async () => {
  startCloud();
  expectOk(await call('consult', 'importKnowledge', { kb, mode: 'replace' }, ADMIN));
});

it('the answer carries the city\'s fee, 承诺时限, place, 网办深度, booking and the three links', async () => {
  await publish(free);
  await getDb().collection('booking_halls').doc('hall-1').set({ data: { name: '市民中心', matterIds: [code], active: true } });
  const a: ConsultAskResult = expectOk(await call('consult', 'ask', { text: '身份证丢了怎么补办' }, CITIZEN));
  expect(a.answer?.id).toBe('faq-idcard-lost');
  expect(a.answer?.matter).toMatchObject({
    id: code, name: '居民身份证补领', fee: '免费', promised: '7个工作日', places: ['示例市政务服务中心公安窗口（示例市新城区政务大道88号）'],
    onlineDepth: 'Ⅱ级 网上收件预审', bookable: true,
    links: { guide: `/packages/matters/pages/guide/index?id=${code}`, book: `/packages/booking/pages/book/index?matterId=${code}&name=${encodeURIComponent('居民身份证补领')}` },
  });
  // 网办深度 Ⅱ: no 在线申办 link.
  expect(a.answer?.matter?.links.apply).toBeUndefined();
  expect(a.message).toContain('本市免收费用');
});

it('a catalogue change shows in the next answer', async () => {
  await publish(free);
  await publish({ ...free, fees: { charged: true, items: [{ name: '工本费', standard: '20元/证', basis: '发改价格〔2003〕2322号', reducible: true }], onlinePayment: true } });
  const a: ConsultAskResult = expectOk(await call('consult', 'ask', { text: '身份证丢了怎么补办' }, CITIZEN));
  expect(a.answer?.matter).toMatchObject({ fee: '工本费 20元/证', bookable: false });
  expect(a.message).not.toContain('免收');
});

it('a matter missing from the published catalogue leaves the plain answer', async () => {
  const a: ConsultAskResult = expectOk(await call('consult', 'ask', { text: '身份证丢了怎么补办' }, CITIZEN));
  expect(a.answer?.id).toBe('faq-idcard-lost');
  expect(a.answer?.matter).toBeUndefined();
});
