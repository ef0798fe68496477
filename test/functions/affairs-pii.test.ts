/** Every sensitive form field type is sealed at rest and masked on display, not only ID and phone numbers. */
import { sdk } from '../../local-cloud';
import { materialIdOf, idCheckChar, type FormValue } from '../../core/matter/form';
import type { MatterInput } from '../../core/matter/schema';
import { makeMatter } from '../fixtures/matter-factory';
import { ADMIN, CITIZEN, POLICE_CLERK, call, expectOk, startCloud } from './harness';

process.env.PUSH_KICK = 'off';

const ID17 = '44030619850315123';
const GOOD_ID = ID17 + idCheckChar(ID17);
const CARD = '6217001234567890123';
const PERMIT = 'C12345678';
const DISEASE = '糖尿病';

const matter: MatterInput = {
  ...makeMatter({ name: '门诊慢特病待遇认定', channels: { onsiteVisits: 0, onlineDepth: 4, mobile: true, appointment: false, postal: true, scope: '全市通办' } }),
  form: { fields: [
    { key: 'name', label: '申请人姓名', type: 'text', required: true },
    { key: 'idNumber', label: '公民身份号码', type: 'idNumber', required: true },
    { key: 'bankCard', label: '本人社会保障卡银行账号', type: 'bankCard', required: true },
    { key: 'permitNo', label: '通行证号码', type: 'permitNumber', required: true },
    { key: 'disease', label: '申请认定的病种', type: 'health', required: true, options: ['高血压', DISEASE] },
  ] } as unknown as MatterInput['form'],
  timeLimit: { statutoryDays: 20, promisedDays: 5, caseKind: '承诺件' },
};

beforeEach(async () => {
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: POLICE_CLERK, name: '李警官', role: 'staff', departments: ['psb'], active: true }, ADMIN));
  expect(expectOk(await call('matters', 'import', { format: 'json', content: JSON.stringify({ version: 1, matters: [matter] }) }, ADMIN)).applied).toBe(true);
});

async function submit(form: Record<string, FormValue>) {
  const { fileID } = await sdk.uploadFile({ cloudPath: `uploads/${CITIZEN}/hukou.jpg`, fileContent: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]) });
  return call('affairs', 'submit', {
    matterId: matter.implementationCode, requestId: 'req-pii-0001', form, materials: [{ materialId: materialIdOf('居民户口簿'), fileID }],
  }, CITIZEN);
}

it('seals bank card, permit number and health condition; shows them masked; reveals them logged', async () => {
  const { id } = expectOk(await submit({ name: '张三', idNumber: GOOD_ID, bankCard: '6217 0012 3456 7890 123', permitNo: PERMIT, disease: DISEASE }));
  // Everything stored except the form definition (whose options list the diseases one may pick).
  const docs = (await sdk.database().collection('applications').limit(10).get()).data.map(({ formFields, ...rest }) => (void formFields, rest));
  const stored = JSON.stringify(docs);
  for (const secret of [CARD, PERMIT, DISEASE, GOOD_ID]) expect(stored).not.toContain(secret);

  const view = expectOk(await call('affairs', 'get', { id }, POLICE_CLERK));
  expect(view.form).toMatchObject({ bankCard: '***************0123', permitNo: 'C******78', disease: '（已隐藏）' });

  const revealed = expectOk(await call('affairs', 'reveal', { id }, POLICE_CLERK));
  expect(revealed.form).toEqual({ idNumber: GOOD_ID, bankCard: CARD, permitNo: PERMIT, disease: DISEASE });
});

it('validates the new types with Chinese messages', async () => {
  const res = await submit({ name: '张三', idNumber: GOOD_ID, bankCard: '12ab', permitNo: '#', disease: '感冒' });
  expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  if (!res.ok) expect(res.message).toBe('表单填写有误：本人社会保障卡银行账号应为12至30位数字的银行卡号或账号；通行证号码应为5至20位字母或数字；申请认定的病种请从高血压、糖尿病中选择');
});
