/**
 * 一件事 新生儿出生 on the seeded catalogue: materials declared equivalent are asked once, a
 * material the bundle itself issues (出生医学证明) is not asked, staff see the real applicant
 * (the parent, not the baby), and the bundle keeps a draft.
 */
import { sdk } from '../../local-cloud';
import { seed } from '../../scripts/seed';
import { materialsToAsk, type BundleDefinition } from '../../core/affairs/bundle';
import { idCheckChar, type FormField, type FormValue } from '../../core/matter/form';
import { ADMIN, call, callRaw, expectOk, present, startCloud } from './harness';

process.env.PUSH_KICK = 'off';

const CITIZEN = 'bundle-citizen';
const OTHER = 'bundle-citizen-2';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const ID17 = '33010619880412301';

function valueFor(f: FormField): FormValue {
  switch (f.type) {
    case 'idNumber': return ID17 + idCheckChar(ID17);
    case 'phone': return '13812345678';
    case 'bankCard': return '6222020200112233445';
    case 'permitNumber': return 'C12345678';
    case 'health': return f.options?.[0] ?? '高血压';
    case 'address': return '示例市新城区人民路88号3幢201室';
    case 'date': return '2026-11-20';
    case 'select': return f.options![0];
    case 'checkbox': return f.options?.length ? [f.options[0]] : true;
    case 'number': return 3200;
    case 'text': return f.key === 'babyName' ? '王小宝' : f.key === 'guardianName' ? '张三丰' : '示例市人民医院';
  }
}

let def: BundleDefinition;
const all = () => def.matters.map((m) => m.id);
const named = (name: string) => def.matters.find((m) => m.name === name)!.id;

beforeAll(async () => {
  startCloud();
  await seed((fn, data, openid) => callRaw(fn, data, openid), ADMIN, () => undefined);
  def = expectOk(await call('affairs', 'bundleForm', { lifeEvent: 'newborn' }, CITIZEN));
}, 120_000);

async function filesFor(openid: string, materials: { id: string; necessity: string }[]) {
  const refs = [];
  for (const m of materials.filter((x) => x.necessity === '必要')) {
    const { fileID } = await sdk.uploadFile({ cloudPath: `uploads/${openid}/${m.id}.png`, fileContent: PNG });
    refs.push({ materialId: m.id, fileID });
  }
  return refs;
}

const formOf = () => Object.fromEntries(def.fields.map((f) => [f.key, valueFor(f)]));

describe('一件事 新生儿出生', () => {
  it('asks for one parent ID card, and not for the 出生医学证明 the bundle issues', () => {
    const asked = materialsToAsk(def, all());
    expect(asked.filter((m) => /身份证/.test(m.name))).toHaveLength(1);
    expect(asked.some((m) => /出生医学证明》?$/.test(m.name) && !/登记表/.test(m.name))).toBe(false);
    // Without the matter that issues it, it is asked again.
    const without = all().filter((id) => id !== named('出生医学证明首次签发'));
    expect(materialsToAsk(def, without).map((m) => m.name)).toContain('《出生医学证明》');
  });

  it('submits without uploading what the bundle issues; staff see the parent as applicant', async () => {
    const materials = await filesFor(CITIZEN, materialsToAsk(def, all()));
    const res = expectOk(await call('affairs', 'submitBundle', { lifeEvent: 'newborn', requestId: 'newborn-0001', matterIds: all(), form: formOf(), materials }, CITIZEN));
    expect(res.applications).toHaveLength(def.matters.length);
    const household = present(res.applications.find((a) => a.matterName.startsWith('新生儿出生登记')), 'household application');
    const view = expectOk(await call('affairs', 'get', { id: household.id }, 'local-staff-psb'));
    expect(view.materialDefs.find((d: { name: string }) => d.name === '《出生医学证明》')).toMatchObject({ providedBy: '出生医学证明首次签发' });
    const queue = expectOk(await call('affairs', 'queue', { status: 'submitted' }, 'local-staff-psb'));
    const row = present(queue.items.find((a) => a.id === household.id), 'queue row');
    expect(row.applicantName).toBe('张*丰');
  });

  it('keeps a draft of the bundle: form, files and chosen matters, for its owner only; submitting clears it', async () => {
    const materials = await filesFor(OTHER, materialsToAsk(def, all()).slice(0, 1));
    const chosen = all().slice(1);
    const saved = expectOk(await call('affairs', 'saveDraft', { lifeEvent: 'newborn', matterIds: chosen, form: { babyName: '王小宝' }, materials }, OTHER));
    const draft = expectOk(await call('affairs', 'getDraft', { lifeEvent: 'newborn' }, OTHER));
    expect(draft).toMatchObject({ id: saved.id, lifeEvent: 'newborn', matterIds: chosen, form: { babyName: '王小宝' }, materials });
    expect(expectOk(await call('affairs', 'getDraft', { lifeEvent: 'newborn' }, CITIZEN))).toBeNull();
    const drafts = expectOk(await call('affairs', 'mine', { status: 'draft' }, OTHER));
    expect(drafts.items).toEqual([expect.objectContaining({ lifeEvent: 'newborn', matterName: '新生儿出生' })]);

    const all2 = await filesFor(OTHER, materialsToAsk(def, all()));
    expectOk(await call('affairs', 'submitBundle', { lifeEvent: 'newborn', requestId: 'newborn-0002', matterIds: all(), form: formOf(), materials: all2 }, OTHER));
    expect(expectOk(await call('affairs', 'getDraft', { lifeEvent: 'newborn' }, OTHER))).toBeNull();
  });
});
