/** 在线申办与办件 on the local cloud: the whole flow, idempotency, races, ownership, files, bad input. */
import { createHash } from 'node:crypto';
import { sdk, verifyTempFileUrl } from '../../local-cloud';
import { materialIdOf, idCheckChar } from '../../core/matter/form';
import { createCalendar, shanghaiDate } from '../../core/calendar/workdays';
import type { MatterInput } from '../../core/matter/schema';
import { makeMatter } from '../fixtures/matter-factory';
import { ADMIN, CITIZEN, POLICE_CLERK, call, callBad, expectOk, present, startCloud } from './harness';

// These tests inspect the outbox events exactly as affairs writes them; push's kick (tested in
// test/functions/push-affairs.test.ts) would start consuming them.
process.env.PUSH_KICK = 'off';

const OTHER_CITIZEN = 'citizen-2-openid';
const POLICE_CLERK_2 = 'staff-psb-2-openid';
const HRSS_CLERK = 'staff-hrss-openid';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);

const FORM = { fields: [
  { key: 'name', label: '申请人姓名', type: 'text', required: true },
  { key: 'idNumber', label: '公民身份号码', type: 'idNumber', required: true },
  { key: 'phone', label: '联系电话', type: 'phone', required: true },
  { key: 'lostDate', label: '丢失日期', type: 'date', required: false, notFuture: true },
  { key: 'delivery', label: '领取方式', type: 'select', required: true, options: ['窗口领取', '邮寄到家'] },
] } as const;

const ID = '44030619850315' + '123'; // first 17
const GOOD_ID = ID + idCheckChar(ID);
const BAD_ID = ID + (idCheckChar(ID) === '0' ? '1' : '0');

function matterWith(overrides: Partial<MatterInput> = {}): MatterInput {
  return {
    ...makeMatter({ name: '居民身份证补领', channels: { onsiteVisits: 0, onlineDepth: 4, mobile: true, appointment: false, postal: true, scope: '全市通办' } }),
    form: FORM as unknown as MatterInput['form'],
    timeLimit: { statutoryDays: 20, promisedDays: 5, caseKind: '承诺件' },
    // Free here: a charged case waits for its bill (test/functions/pay.test.ts).
    fees: { charged: false, items: [], onlinePayment: false },
    ...overrides,
  };
}

const onlineMatter = matterWith();
const instantMatter = matterWith({ name: '临时身份证明开具', timeLimit: { statutoryDays: 0, promisedDays: 0, caseKind: '即办件' } });
const offlineMatter = matterWith({ name: '户口迁出登记', channels: { onsiteVisits: 1, onsiteReason: '须现场核验', onlineDepth: 2, mobile: false, appointment: true, postal: false, scope: '全市通办' } });
const hrssMatter = matterWith({ name: '社会保障卡申领', department: { code: 'hrss', name: '示例市人力资源和社会保障局', creditCode: '11999900MB0R45012H' } });

const HOUSEHOLD = materialIdOf('居民户口簿');
const STATEMENT = materialIdOf('居民身份证挂失声明');

async function upload(openid: string, name: string, content: Buffer): Promise<string> {
  const { fileID } = await sdk.uploadFile({ cloudPath: `uploads/${openid}/${name}`, fileContent: content });
  return fileID;
}

const goodForm = { name: '张三', idNumber: GOOD_ID, phone: '13812345678', delivery: '邮寄到家' };

async function submitAs(openid: string, extra: Record<string, unknown> = {}) {
  const fileID = await upload(openid, `hukou-${Math.random().toString(36).slice(2)}.jpg`, JPEG);
  return call('affairs', 'submit', {
    matterId: onlineMatter.implementationCode, requestId: `req-${Math.random().toString(36).slice(2, 12)}`,
    form: goodForm, materials: [{ materialId: HOUSEHOLD, fileID }], ...extra,
  }, openid);
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The bytes a temp URL serves: its path must be signed, then the stored file is read. */
async function bytesAt(url: string): Promise<Buffer> {
  const u = new URL(url);
  const cloudPath = decodeURIComponent(u.pathname.replace(/^\/storage\//, ''));
  expect(verifyTempFileUrl(cloudPath, u.searchParams.get('t') ?? '', u.searchParams.get('sign') ?? '')).toBe(true);
  return (await sdk.downloadFile({ fileID: `cloud://local-env.local/${cloudPath}` })).fileContent;
}

async function docs(collection: string): Promise<any[]> {
  const db = sdk.database();
  const { data } = await db.collection(collection).limit(100).get();
  return data;
}

beforeEach(async () => {
  startCloud();
  for (const [openid, name, departments] of [[POLICE_CLERK, '李警官', ['psb']], [POLICE_CLERK_2, '王警官', ['psb']], [HRSS_CLERK, '赵科员', ['hrss']]] as const) {
    expectOk(await call('account', 'setStaff', { openid, name, role: 'staff', departments: [...departments], active: true }, ADMIN));
  }
  const content = JSON.stringify({ version: 1, matters: [onlineMatter, instantMatter, offlineMatter, hrssMatter] });
  expect(expectOk(await call('matters', 'import', { format: 'json', content }, ADMIN)).applied).toBe(true);
});

describe('affairs: the whole flow', () => {
  it('matters.get returns the form and a stable id on every material', async () => {
    const m = expectOk(await call('matters', 'get', { id: onlineMatter.implementationCode }));
    expect(m.form.fields.map((f: { key: string }) => f.key)).toEqual(['name', 'idNumber', 'phone', 'lostDate', 'delivery']);
    expect(m.materials.map((x: { id: string }) => x.id)).toEqual([HOUSEHOLD, STATEMENT]);
  });

  it('submit → accept → 补正 → supplement → complete, with timeline, deadline, outbox and masking', async () => {
    const submitted = expectOk(await submitAs(CITIZEN));
    expect(submitted).toMatchObject({ status: 'submitted', no: expect.stringMatching(/^BJ\d{14}$/) });
    const id = submitted.id;

    const stored = (await docs('applications'))[0];
    expect(JSON.stringify(stored)).not.toContain(GOOD_ID);
    expect(JSON.stringify(stored)).not.toContain('13812345678');
    expect(stored.form.idNumber).toBe(`${GOOD_ID.slice(0, 6)}********${GOOD_ID.slice(-4)}`);

    const mineView = expectOk(await call('affairs', 'get', { id }, CITIZEN));
    expect(mineView).toMatchObject({ status: 'submitted', statusLabel: '待受理', allowedActions: ['withdraw'] });
    expect(mineView.form.phone).toBe('138****5678');
    expect(mineView.nextStep).toContain('等待示例市公安局受理');

    const accepted = expectOk(await call('affairs', 'act', { id, action: 'accept', comment: '材料齐全，予以受理' }, POLICE_CLERK));
    const cal = createCalendar();
    const today = shanghaiDate();
    expect(accepted.status).toBe('accepted');
    expect(accepted.dueDate).toBe(cal.addWorkdays(today, 5).date);
    expect(accepted.workdaysLeft).toBe(5);

    const asked = expectOk(await call('affairs', 'act', { id, action: 'requestSupplement', comment: '户口簿照片不清晰', materials: [HOUSEHOLD], fields: ['phone'] }, POLICE_CLERK));
    expect(asked.status).toBe('supplement');
    expect(asked.supplementRequest).toMatchObject({ materials: [HOUSEHOLD], fields: ['phone'], materialNames: ['居民户口簿'], fieldLabels: ['联系电话'] });
    expect(asked.clockPaused).toBe(true);

    const citizenView = expectOk(await call('affairs', 'get', { id }, CITIZEN));
    expect(citizenView.nextStep).toContain('材料：居民户口簿');

    // Only the named material and field may be replaced.
    const newFile = await upload(CITIZEN, 'hukou-clear.jpg', JPEG);
    const stmt = await upload(CITIZEN, 'stmt.pdf', PDF);
    expect(await call('affairs', 'supplement', { id, form: { phone: '13900001111', name: '李四' }, materials: [{ materialId: HOUSEHOLD, fileID: newFile }] }, CITIZEN))
      .toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await call('affairs', 'supplement', { id, form: { phone: '13900001111' }, materials: [{ materialId: STATEMENT, fileID: stmt }] }, CITIZEN))
      .toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const back = expectOk(await call('affairs', 'supplement', { id, form: { phone: '13900001111' }, materials: [{ materialId: HOUSEHOLD, fileID: newFile }] }, CITIZEN));
    expect(back.status).toBe('accepted');
    expect(back.materials.map((m) => m.sha256)).toEqual([sha256(JPEG)]);
    expect(back.materials[0].fileID).toMatch(/\/evidence\/[0-9a-f]{24}\/[0-9a-f]{64}\.jpg$/);
    expect(back.form.phone).toBe('139****1111');

    expect(await call('affairs', 'act', { id, action: 'complete', result: { decision: '准予' } }, POLICE_CLERK)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const resultFile = await upload(POLICE_CLERK, 'result.pdf', PDF);
    const done = expectOk(await call('affairs', 'act', { id, action: 'complete', comment: '准予补领', result: { decision: '准予', fileID: resultFile } }, POLICE_CLERK));
    expect(done.status).toBe('completed');

    const final = expectOk(await call('affairs', 'get', { id }, CITIZEN));
    expect(final.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept', 'requestSupplement', 'supplement', 'complete']);
    expect(final.timeline.map((e: { by: string }) => e.by)).toEqual(['申请人', '示例市公安局', '示例市公安局', '申请人', '示例市公安局']);
    expect(JSON.stringify(final)).not.toContain(POLICE_CLERK);
    expect(final.result?.url).toContain('/storage/results/');

    const events = (await docs('outbox')).sort((a, b) => a._id.localeCompare(b._id));
    expect(events.map((e) => e.applicationStatus).sort()).toEqual(['accepted', 'accepted', 'completed', 'submitted', 'supplement']);
    expect(events.every((e) => e.status === 'pending' && e.type === 'applicationStatus' && e.openid === CITIZEN && e.matterName === '居民身份证补领')).toBe(true);

    const mine = expectOk(await call('affairs', 'mine', {}, CITIZEN));
    expect(mine.items).toEqual([expect.objectContaining({ id, status: 'completed', statusLabel: '已办结' })]);
    const materials = expectOk(await call('affairs', 'myMaterials', {}, CITIZEN));
    expect(materials.map((m: { fileID: string }) => m.fileID).sort()).toEqual(expect.arrayContaining([back.materials[0].fileID]));
  });

  it('即办件 is accepted and completed in one step', async () => {
    const fileID = await upload(CITIZEN, 'h.jpg', JPEG);
    const { id } = expectOk(await call('affairs', 'submit', { matterId: instantMatter.implementationCode, requestId: 'instant-0001', form: goodForm, materials: [{ materialId: HOUSEHOLD, fileID }] }, CITIZEN));
    expect(await call('affairs', 'act', { id, action: 'complete', result: { decision: '准予', expressNo: 'SF1234567890' } }, POLICE_CLERK)).toMatchObject({ ok: true, data: { status: 'completed' } });
    const v = expectOk(await call('affairs', 'get', { id }, CITIZEN));
    expect(v.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept', 'complete']);
    expect(v.nextStep).toContain('SF1234567890');
  });

  it('a 承诺件 cannot be completed before 受理; withdraw only before 受理', async () => {
    const { id } = expectOk(await submitAs(CITIZEN));
    expect(await call('affairs', 'act', { id, action: 'complete', result: { decision: '准予', expressNo: 'SF1234567890' } }, POLICE_CLERK))
      .toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('请先受理再办结') });
    expect(await call('affairs', 'act', { id, action: 'reject' }, POLICE_CLERK)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '不予受理须说明理由' });
    expectOk(await call('affairs', 'act', { id, action: 'accept' }, POLICE_CLERK));
    expect(await call('affairs', 'withdraw', { id }, CITIZEN)).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('办理中') });
    const second = expectOk(await submitAs(CITIZEN));
    expect(expectOk(await call('affairs', 'withdraw', { id: second.id }, CITIZEN)).status).toBe('withdrawn');
  });

  it('suspend stops the clock and resume restarts it', async () => {
    const { id } = expectOk(await submitAs(CITIZEN));
    expectOk(await call('affairs', 'act', { id, action: 'accept' }, POLICE_CLERK));
    expect(await call('affairs', 'act', { id, action: 'suspend' }, POLICE_CLERK)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const s = expectOk(await call('affairs', 'act', { id, action: 'suspend', comment: '组织专家评审' }, POLICE_CLERK));
    expect(s).toMatchObject({ status: 'suspended', clockPaused: true, workdaysLeft: 5 });
    const r = expectOk(await call('affairs', 'act', { id, action: 'resume' }, POLICE_CLERK));
    expect(r).toMatchObject({ status: 'accepted', clockPaused: false });
  });
});

describe('affairs: sealed evidence', () => {
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 3)]);

  it('overwrite after submit: staff get still serves the original bytes and hash; deleting the upload changes nothing', async () => {
    const fileID = await upload(CITIZEN, 'hukou.jpg', JPEG);
    const { id } = expectOk(await call('affairs', 'submit', {
      matterId: onlineMatter.implementationCode, requestId: 'sealed-0001', form: goodForm, materials: [{ materialId: HOUSEHOLD, fileID }],
    }, CITIZEN));
    await upload(CITIZEN, 'hukou.jpg', EXE);
    const staff = expectOk(await call('affairs', 'get', { id }, POLICE_CLERK));
    expect(staff.materials[0]).toMatchObject({ sha256: sha256(JPEG), size: JPEG.length, mime: 'image/jpeg' });
    expect(staff.materials[0].fileID).not.toBe(fileID);
    expect((await bytesAt(present(staff.materials[0].url, 'url'))).equals(JPEG)).toBe(true);
    await sdk.deleteFile({ fileList: [fileID] });
    const again = expectOk(await call('affairs', 'get', { id }, POLICE_CLERK));
    expect((await bytesAt(present(again.materials[0].url, 'url'))).equals(JPEG)).toBe(true);
    const mine = expectOk(await call('affairs', 'get', { id }, CITIZEN));
    expect(mine.materials[0]).toMatchObject({ fileID: staff.materials[0].fileID, sha256: sha256(JPEG) });
  });

  it('a 补正 file is sealed too: overwriting it after the 补正 changes nothing', async () => {
    const { id } = expectOk(await submitAs(CITIZEN));
    expectOk(await call('affairs', 'act', { id, action: 'requestSupplement', comment: '户口簿照片不清晰', materials: [HOUSEHOLD] }, POLICE_CLERK));
    const fileID = await upload(CITIZEN, 'clear.png', PNG);
    expectOk(await call('affairs', 'supplement', { id, materials: [{ materialId: HOUSEHOLD, fileID }] }, CITIZEN));
    await upload(CITIZEN, 'clear.png', JPEG);
    const staff = expectOk(await call('affairs', 'get', { id }, POLICE_CLERK));
    expect(staff.materials.map((m) => m.sha256)).toEqual([sha256(PNG)]);
    expect((await bytesAt(present(staff.materials[0].url, 'url'))).equals(PNG)).toBe(true);
  });

  it('我的材料 offers the sealed copy, reusable after the upload is gone; another citizen cannot use it', async () => {
    const fileID = await upload(CITIZEN, 'reuse.jpg', JPEG);
    expectOk(await call('affairs', 'submit', { matterId: onlineMatter.implementationCode, requestId: 'sealed-0002', form: goodForm, materials: [{ materialId: HOUSEHOLD, fileID }] }, CITIZEN));
    await sdk.deleteFile({ fileList: [fileID] });
    const [mat] = expectOk(await call('affairs', 'myMaterials', {}, CITIZEN));
    expect(mat).toMatchObject({ sha256: sha256(JPEG), fileID: expect.stringContaining('/evidence/') });
    expect((await bytesAt(present(mat.url, 'url'))).equals(JPEG)).toBe(true);
    const reused = expectOk(await call('affairs', 'submit', { matterId: onlineMatter.implementationCode, requestId: 'sealed-0003', form: goodForm, materials: [{ materialId: HOUSEHOLD, fileID: mat.fileID }] }, CITIZEN));
    expect(expectOk(await call('affairs', 'get', { id: reused.id }, CITIZEN)).materials[0]).toMatchObject({ fileID: mat.fileID, sha256: sha256(JPEG) });
    expect(await call('affairs', 'submit', { matterId: onlineMatter.implementationCode, requestId: 'sealed-0004', form: goodForm, materials: [{ materialId: HOUSEHOLD, fileID: mat.fileID }] }, OTHER_CITIZEN))
      .toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('affairs: idempotency and races', () => {
  it('20 concurrent submits with one requestId create one application', async () => {
    const fileID = await upload(CITIZEN, 'same.jpg', JPEG);
    const params = { matterId: onlineMatter.implementationCode, requestId: 'double-tap-0001', form: goodForm, materials: [{ materialId: HOUSEHOLD, fileID }] };
    const results = await Promise.all(Array.from({ length: 20 }, () => call('affairs', 'submit', params, CITIZEN)));
    const ids = new Set(results.map((r) => expectOk(r).id));
    expect(ids.size).toBe(1);
    expect(new Set(results.map((r) => expectOk(r).no)).size).toBe(1);
    expect((await docs('applications')).length).toBe(1);
    expect((await docs('outbox')).length).toBe(1);
    // Another citizen's same requestId is theirs alone.
    const otherFile = await upload(OTHER_CITIZEN, 'same.jpg', JPEG);
    const other = expectOk(await call('affairs', 'submit', { ...params, materials: [{ materialId: HOUSEHOLD, fileID: otherFile }] }, OTHER_CITIZEN));
    expect(ids.has(other.id)).toBe(false);
  });

  it('concurrent submits with different requestIds get distinct numbers', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => submitAs(CITIZEN)));
    const nos = results.map((r) => expectOk(r).no);
    expect(new Set(nos).size).toBe(8);
  });

  it('two staff racing the same transition: exactly one succeeds, the other gets CONFLICT with the status', async () => {
    const { id } = expectOk(await submitAs(CITIZEN));
    const [a, b] = await Promise.all([
      call('affairs', 'act', { id, action: 'accept' }, POLICE_CLERK),
      call('affairs', 'act', { id, action: 'accept' }, POLICE_CLERK_2),
    ]);
    const oks = [a, b].filter((r) => r.ok);
    const fails = [a, b].filter((r) => !r.ok);
    expect(oks).toHaveLength(1);
    expect(fails[0]).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('“办理中”') });
    const v = expectOk(await call('affairs', 'get', { id }, CITIZEN));
    expect(v.timeline.filter((e: { action: string }) => e.action === 'accept')).toHaveLength(1);
    expect((await docs('outbox')).filter((e) => e.applicationStatus === 'accepted')).toHaveLength(1);
  });

  it('accept racing reject: one wins', async () => {
    const { id } = expectOk(await submitAs(CITIZEN));
    const res = await Promise.all([
      call('affairs', 'act', { id, action: 'accept' }, POLICE_CLERK),
      call('affairs', 'act', { id, action: 'reject', comment: '不符合条件' }, POLICE_CLERK_2),
    ]);
    expect(res.filter((r) => r.ok)).toHaveLength(1);
    expect(res.find((r) => !r.ok)).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('affairs: access', () => {
  it('another citizen gets NOT_FOUND, not FORBIDDEN', async () => {
    const { id } = expectOk(await submitAs(CITIZEN));
    for (const [action, params] of [['get', { id }], ['withdraw', { id }], ['supplement', { id, materials: [] }]] as const) {
      expect(await callBad('affairs', action, params, OTHER_CITIZEN)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    }
    expect(await call('affairs', 'get', { id: 'A000000000000000000000000' }, CITIZEN)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(expectOk(await call('affairs', 'mine', {}, OTHER_CITIZEN)).items).toEqual([]);
  });

  it('a citizen cannot call staff actions; staff of another department cannot act or read', async () => {
    const { id } = expectOk(await submitAs(CITIZEN));
    expect(await call('affairs', 'act', { id, action: 'accept' }, CITIZEN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call('affairs', 'queue', {}, CITIZEN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call('affairs', 'act', { id, action: 'accept' }, HRSS_CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '该办件不属于您所在部门' });
    expect(await call('affairs', 'get', { id }, HRSS_CLERK)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call('affairs', 'reveal', { id }, HRSS_CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(expectOk(await call('affairs', 'get', { id }, CITIZEN)).status).toBe('submitted');
  });

  it('the queue shows only the department, sorted by due date, with counts', async () => {
    const a = expectOk(await submitAs(CITIZEN));
    const b = expectOk(await submitAs(OTHER_CITIZEN));
    const hrssFile = await upload(CITIZEN, 'h2.jpg', JPEG);
    expectOk(await call('affairs', 'submit', { matterId: hrssMatter.implementationCode, requestId: 'hrss-00001', form: goodForm, materials: [{ materialId: HOUSEHOLD, fileID: hrssFile }] }, CITIZEN));
    expectOk(await call('affairs', 'act', { id: a.id, action: 'accept' }, POLICE_CLERK));
    const q = expectOk(await call('affairs', 'queue', {}, POLICE_CLERK));
    expect(q.items.map((i: { id: string }) => i.id).sort()).toEqual([a.id, b.id].sort());
    expect(q.counts).toMatchObject({ submitted: 1, accepted: 1, completed: 0 });
    expect(q.items.find((i) => i.id === a.id)?.applicantName).toBe('张*');
    const only = expectOk(await call('affairs', 'queue', { status: 'accepted' }, POLICE_CLERK));
    expect(only.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    const hrss = expectOk(await call('affairs', 'queue', {}, HRSS_CLERK));
    expect(hrss.items).toHaveLength(1);
  });

  it('unmasking is for the handling department only, and every unmasking is logged', async () => {
    const { id } = expectOk(await submitAs(CITIZEN));
    const revealed = expectOk(await call('affairs', 'reveal', { id }, POLICE_CLERK));
    expect(revealed.form).toEqual({ idNumber: GOOD_ID, phone: '13812345678' });
    expect(await call('affairs', 'reveal', { id }, CITIZEN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const logs = await docs('access_logs');
    expect(logs).toEqual([expect.objectContaining({ openid: POLICE_CLERK, applicationId: id, fields: ['idNumber', 'phone'] })]);
    const found = expectOk(await call('affairs', 'lookup', { idNumber: GOOD_ID }, POLICE_CLERK));
    expect(found.map((x: { id: string }) => x.id)).toEqual([id]);
    expect(expectOk(await call('affairs', 'lookup', { idNumber: GOOD_ID }, HRSS_CLERK))).toEqual([]);
  });
});

describe('affairs: bad input writes nothing', () => {
  async function expectNothingWritten() {
    expect(await docs('applications')).toEqual([]);
    expect(await docs('outbox')).toEqual([]);
  }

  it.each([
    ['an unknown matter', async () => ({ matterId: '11999900MB0X99999999' }), 'NOT_FOUND', '未找到该事项'],
    ['a matter not online', async () => ({ matterId: offlineMatter.implementationCode }), 'INVALID_INPUT', '暂不支持在线申办'],
    ['a missing required field', async () => ({ form: { ...goodForm, name: '' } }), 'INVALID_INPUT', '申请人姓名不能为空'],
    ['a wrong ID check digit', async () => ({ form: { ...goodForm, idNumber: BAD_ID } }), 'INVALID_INPUT', '公民身份号码校验位不正确'],
    ['a future date where not allowed', async () => ({ form: { ...goodForm, lostDate: '2999-01-01' } }), 'INVALID_INPUT', '丢失日期不能晚于今天'],
    ['an unknown field', async () => ({ form: { ...goodForm, admin: 'yes' } }), 'INVALID_INPUT', '不是本事项表单的字段'],
    ['a missing required material', async () => ({ materials: [] }), 'INVALID_INPUT', '请上传必要材料：居民户口簿'],
    ['another user\'s file', async () => ({ materials: [{ materialId: HOUSEHOLD, fileID: await upload(OTHER_CITIZEN, 'theirs.jpg', JPEG) }] }), 'FORBIDDEN', '只能使用本人上传的文件'],
    ['a file outside uploads/', async () => ({ materials: [{ materialId: HOUSEHOLD, fileID: (await sdk.uploadFile({ cloudPath: 'public/x.jpg', fileContent: JPEG })).fileID }] }), 'FORBIDDEN', '只能使用本人上传的文件'],
    ['a missing file', async () => ({ materials: [{ materialId: HOUSEHOLD, fileID: `cloud://local-env.local/uploads/${CITIZEN}/nope.jpg` }] }), 'INVALID_INPUT', '文件不存在'],
    ['a 50 MB upload', async () => ({ materials: [{ materialId: HOUSEHOLD, fileID: await upload(CITIZEN, 'big.jpg', Buffer.concat([JPEG, Buffer.alloc(50 * 1024 * 1024)])) }] }), 'PAYLOAD_TOO_LARGE', '超过10MB'],
    ['an .exe renamed .jpg', async () => ({ materials: [{ materialId: HOUSEHOLD, fileID: await upload(CITIZEN, 'virus.jpg', EXE) }] }), 'INVALID_INPUT', '不是图片'],
    ['an unknown material', async () => ({ materials: [{ materialId: 'mzzzzzzz', fileID: await upload(CITIZEN, 'a.jpg', JPEG) }] }), 'INVALID_INPUT', '不是本事项要求的材料'],
    ['an operator object as matterId', async () => ({ matterId: { $gt: '' } }), 'INVALID_INPUT', '事项编号'],
  ] as const)('%s', async (_name, patch, code, message) => {
    const fileID = await upload(CITIZEN, 'ok.jpg', JPEG);
    const params = { matterId: onlineMatter.implementationCode, requestId: 'bad-input-01', form: goodForm, materials: [{ materialId: HOUSEHOLD, fileID }], ...(await patch()) };
    const res = await callBad('affairs', 'submit', params, CITIZEN);
    expect(res).toMatchObject({ ok: false, code });
    expect(!res.ok && res.message).toContain(message);
    await expectNothingWritten();
  });

  it('accepts WebP, PNG, HEIC and PDF by content, whatever the name', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]);
    const heic = Buffer.concat([Buffer.alloc(4), Buffer.from('ftypheic'), Buffer.alloc(8)]);
    for (const [i, content] of [png, webp, heic, PDF].entries()) {
      const fileID = await upload(CITIZEN, `scan-${i}.bin`, content);
      expectOk(await call('affairs', 'submit', { matterId: onlineMatter.implementationCode, requestId: `types-000${i}`, form: goodForm, materials: [{ materialId: HOUSEHOLD, fileID }] }, CITIZEN));
    }
    const mimes = (await docs('applications')).map((a) => a.materials[0].mime).sort();
    expect(mimes).toEqual(['application/pdf', 'image/heic', 'image/png', 'image/webp']);
  });
});

describe('affairs: drafts, bundles, calendar', () => {
  it('a draft survives and is encrypted at rest; submit clears it', async () => {
    const fileID = await upload(CITIZEN, 'd.jpg', JPEG);
    const { id } = expectOk(await call('affairs', 'saveDraft', { matterId: onlineMatter.implementationCode, form: { idNumber: GOOD_ID }, materials: [{ materialId: HOUSEHOLD, fileID }] }, CITIZEN));
    expect(JSON.stringify(await docs('drafts'))).not.toContain(GOOD_ID);
    const d = expectOk(await call('affairs', 'getDraft', { matterId: onlineMatter.implementationCode }, CITIZEN));
    expect(d).toMatchObject({ id, form: { idNumber: GOOD_ID }, materials: [{ materialId: HOUSEHOLD, fileID }] });
    expect(expectOk(await call('affairs', 'getDraft', { matterId: onlineMatter.implementationCode }, OTHER_CITIZEN))).toBeNull();
    expect(await call('affairs', 'saveDraft', { matterId: onlineMatter.implementationCode, form: {}, materials: [], draftId: id }, OTHER_CITIZEN)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(expectOk(await call('affairs', 'mine', { status: 'draft' }, CITIZEN)).items).toHaveLength(1);
    expectOk(await call('affairs', 'submit', { matterId: onlineMatter.implementationCode, requestId: 'from-draft-1', form: goodForm, materials: [{ materialId: HOUSEHOLD, fileID }] }, CITIZEN));
    expect(expectOk(await call('affairs', 'getDraft', { matterId: onlineMatter.implementationCode }, CITIZEN))).toBeNull();
  });

  it('一件事: one submission creates one application per matter under one bundle', async () => {
    const newborn = [
      matterWith({ name: '出生医学证明首次签发', lifeEvents: ['newborn'], department: { code: 'health', name: '示例市卫生健康委员会', creditCode: '11999900MB0W58023E' } }),
      matterWith({ name: '新生儿医保参保登记', lifeEvents: ['newborn'], department: { code: 'healthcare-security', name: '示例市医疗保障局', creditCode: '11999900MB1Y66210N' } }),
    ];
    expectOk(await call('matters', 'import', { format: 'json', content: JSON.stringify({ matters: newborn }) }, ADMIN));
    const def = expectOk(await call('affairs', 'bundleForm', { lifeEvent: 'newborn' }, CITIZEN));
    expect(def.matters).toHaveLength(2);
    expect(def.fields.map((f: { key: string }) => f.key)).toEqual(['name', 'idNumber', 'phone', 'lostDate', 'delivery']); // asked once
    expect(def.materials.find((m) => m.id === HOUSEHOLD)?.matterIds).toHaveLength(2);
    const fileID = await upload(CITIZEN, 'hk.jpg', JPEG);
    const params = { lifeEvent: 'newborn', requestId: 'bundle-0001', matterIds: def.matters.map((m: { id: string }) => m.id), form: goodForm, materials: [{ materialId: HOUSEHOLD, fileID }] };
    const [r1, r2] = await Promise.all([call('affairs', 'submitBundle', params, CITIZEN), call('affairs', 'submitBundle', params, CITIZEN)]);
    const b = expectOk(r1);
    expect(expectOk(r2).bundleId).toBe(b.bundleId);
    expect(b.applications).toHaveLength(2);
    const apps = await docs('applications');
    expect(apps).toHaveLength(2);
    expect(new Set(apps.map((a) => a.bundleId))).toEqual(new Set([b.bundleId]));
    expect(new Set(apps.map((a) => a.department))).toEqual(new Set(['health', 'healthcare-security']));
  });

  it('the override table is admin-only and moves deadlines; staff see uncovered years', async () => {
    expect(await call('affairs', 'setCalendarDays', { days: [] }, POLICE_CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const cal = createCalendar();
    const today = shanghaiDate();
    const plain = cal.addWorkdays(today, 5).date;
    const closeDays = cal.nextWorkdays(cal.addWorkdays(today, 1).date, 1).dates;
    expectOk(await call('affairs', 'setCalendarDays', { days: closeDays.map((date) => ({ date, workday: false, name: '系统停机' })) }, ADMIN));
    const { id } = expectOk(await submitAs(CITIZEN));
    const accepted = expectOk(await call('affairs', 'act', { id, action: 'accept' }, POLICE_CLERK));
    expect(accepted.dueDate).toBe(cal.nextWorkdays(cal.addWorkdays(plain, 1).date, 1).dates[0]);
    const table = expectOk(await call('affairs', 'calendar', {}, POLICE_CLERK));
    expect(table.days).toEqual([{ date: closeDays[0], workday: false, name: '系统停机' }]);
    const year = Number(today.slice(0, 4));
    expect(table.uncoveredYears).toEqual([year, year + 1].filter((y) => y > 2026));
  });
});
