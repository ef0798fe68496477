/**
 * 在线申办 seed for the preview: forms on the 示例市 catalogue (seed/matter-forms.json, merged
 * before import; seed/matters.json itself stays the plain catalogue) and demo applications in
 * every status, spread over departments and due dates (some overdue), owned by local-citizen and
 * local-citizen-2, so the queues of local-staff-psb and local-staff-hrss look like real ones.
 *
 * Demo applications are built with the same core state machine the function uses, backdated,
 * and written straight into the local database with deterministic ids: re-running overwrites
 * them instead of adding more. They write no outbox events (nobody should get pushes for them).
 */
import * as fs from 'node:fs';
import { CATALOGUE_META_ID, META, MATTER_VERSIONS, matterRowId, rowToMatter, type StoredMatterRow } from '../../cloudfunctions/shared/catalogue';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { sdk } from '../../local-cloud';
import { addDays, createCalendar, shanghaiDate, shanghaiInstant } from '../../core/calendar/workdays';
import { createPiiCipher } from '../../cloudfunctions/shared/pii-cipher';
import { maskFormValue } from '../../core/mask';
import { idCheckChar, PII_FIELD_TYPES, type FormField, type FormValue } from '../../core/matter/form';
import { materialIdOf } from '../../core/matter/form';
import { transition, type TransitionInput } from '../../core/affairs/machine';
import type { ApplicationDoc } from '../../core/affairs/model';
import { applicationNo } from '../../core/affairs/view';
import type { Matter } from '../../core/matter/schema';
import { REPO_ROOT } from '../lib/repo';
import { USER_MATERIALS, userMaterialIdFor } from '../../cloudfunctions/affairs/repo';
import { evidenceFolder } from '../../cloudfunctions/affairs/files';
import { billDueOnAccept, billIdFor, PAY_BILLS, type ChargedMatter } from '../../cloudfunctions/shared/case-bill';
import { newBillDoc } from '../../core/pay/machine';
import { maskName } from '../../core/mask';

export const SEED_FORMS = path.join(REPO_ROOT, 'seed', 'matter-forms.json');

/** The catalogue JSON with each matter's 在线申办 form attached (by 实施编码). */
export function withMatterForms(catalogueJson: string): string {
  const catalogue = JSON.parse(catalogueJson) as { matters: Record<string, unknown>[] };
  const { forms } = JSON.parse(fs.readFileSync(SEED_FORMS, 'utf8')) as { forms: Record<string, { fields: unknown[] }> };
  for (const m of catalogue.matters) {
    const form = forms[m.implementationCode as string];
    if (form) m.form = form;
  }
  return JSON.stringify(catalogue);
}

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

const idFor = (first17: string) => first17 + idCheckChar(first17);

interface Person { openid: string; name: string; idNumber: string; phone: string; address: string }
const PEOPLE: Person[] = [
  { openid: 'local-citizen', name: '张三', idNumber: idFor('33010619880412301'), phone: '13812345678', address: '示例市新城区人民路88号3幢201室' },
  { openid: 'local-citizen-2', name: '李四', idNumber: idFor('33010219920721452'), phone: '13955556666', address: '示例市老城区解放街12号5单元602室' },
];

interface Spec {
  matterId: string;
  owner: 0 | 1;
  /** Path of transitions after submit, with how many calendar days after the previous step each happens. */
  steps: [TransitionInput, number][];
  /** Calendar days ago it was submitted. */
  daysAgo: number;
}

const PSB_RESIDENCE = '11999900MB0P12301G3002011103000';
const PSB_MOVE_IN = '11999900MB0P12301G3000711104002';
const PSB_NEWBORN = '11999900MB0P12301G3000711104001';
const EXIT_ENDORSE = '11999900MB0P12328T3000111102002';
const HRSS_CARD = '11999900MB0R45012H3002011501002';
const HRSS_UNEMPLOY = '11999900MB0R45012H3000511504000';
const HCS_TRAVEL = '11999900MB1Y66210N3002014002000';
const HCS_CHRONIC = '11999900MB1Y66210N3000714003000';
const EXIT_PASSPORT = '11999900MB0P12328T3000111101001';

const accept: TransitionInput = { action: 'accept', comment: '材料齐全，予以受理' };
const done = (decision: '准予' | '不予' = '准予'): TransitionInput => ({ action: 'complete', comment: decision === '准予' ? '经审核符合条件，准予办理' : '经审核不符合条件', result: { decision, expressNo: 'SF1402345678901' } });

const SPECS: Spec[] = [
  { matterId: PSB_RESIDENCE, owner: 0, daysAgo: 1, steps: [] },
  { matterId: PSB_MOVE_IN, owner: 1, daysAgo: 2, steps: [] },
  { matterId: PSB_RESIDENCE, owner: 1, daysAgo: 20, steps: [[accept, 1]] }, // overdue
  { matterId: PSB_MOVE_IN, owner: 0, daysAgo: 6, steps: [[accept, 0]] }, // due soon
  { matterId: PSB_NEWBORN, owner: 0, daysAgo: 1, steps: [[accept, 0]] },
  { matterId: PSB_RESIDENCE, owner: 0, daysAgo: 9, steps: [[accept, 1], [{ action: 'requestSupplement', comment: '居住地住址证明不清晰，请重新上传', materials: [materialIdOf('居住地住址证明')] }, 2]] },
  { matterId: PSB_MOVE_IN, owner: 1, daysAgo: 12, steps: [[accept, 1], [{ action: 'suspend', comment: '落户条件需公安与住建部门联合核查' }, 2]] },
  { matterId: EXIT_ENDORSE, owner: 1, daysAgo: 3, steps: [] },
  { matterId: EXIT_ENDORSE, owner: 0, daysAgo: 15, steps: [[done(), 0]] },
  { matterId: PSB_MOVE_IN, owner: 0, daysAgo: 30, steps: [[{ action: 'reject', comment: '迁入地址不在本辖区，请向迁入地派出所申请' }, 1]] },
  { matterId: PSB_RESIDENCE, owner: 1, daysAgo: 5, steps: [[{ action: 'withdraw' }, 1]] },
  { matterId: PSB_RESIDENCE, owner: 0, daysAgo: 25, steps: [[accept, 1], [done(), 6]] },
  { matterId: HRSS_CARD, owner: 0, daysAgo: 2, steps: [] },
  { matterId: HRSS_UNEMPLOY, owner: 1, daysAgo: 10, steps: [[accept, 1]] }, // overdue (3 days)
  { matterId: HRSS_CARD, owner: 1, daysAgo: 3, steps: [[accept, 0]] },
  { matterId: HRSS_UNEMPLOY, owner: 0, daysAgo: 4, steps: [[{ action: 'requestSupplement', comment: '请补充终止或解除劳动关系证明', materials: [materialIdOf('终止或解除劳动关系证明')] }, 1]] },
  { matterId: HCS_CHRONIC, owner: 0, daysAgo: 8, steps: [[accept, 1], [{ action: 'suspend', comment: '组织专家评审' }, 3]] },
  { matterId: HCS_TRAVEL, owner: 1, daysAgo: 1, steps: [] },
  { matterId: HCS_TRAVEL, owner: 0, daysAgo: 20, steps: [[done(), 0]] },
  { matterId: HCS_CHRONIC, owner: 1, daysAgo: 40, steps: [[accept, 1], [done('不予'), 12]] },
];

/**
 * Cases with the bill 受理 issued, a seed step of their own (added after the first previews were
 * seeded, so existing data dirs get them once too). Accepted yesterday: 120元 still 待缴费, so
 * 我的办件 shows the mark and 去缴费. Ids continue SPECS' numbering.
 */
const BILLED_SPECS: Spec[] = [
  { matterId: EXIT_PASSPORT, owner: 0, daysAgo: 2, steps: [[accept, 1]] },
];

function valueFor(f: FormField, p: Person, today: string): FormValue | undefined {
  switch (f.type) {
    case 'idNumber': return f.key === 'idNumber' || f.key === 'guardianIdNumber' ? p.idNumber : idFor('33010619450301201');
    case 'phone': return p.phone;
    case 'address': return p.address;
    case 'date': return addDays(today, -30);
    case 'select': return f.options?.[0];
    case 'health': return f.options?.[0] ?? '高血压';
    case 'bankCard': return '6217001234567890123';
    case 'permitNumber': return 'C12345678';
    case 'checkbox': return f.options?.length ? [f.options[0]] : true;
    case 'number': return 1800;
    case 'text': return /姓名/.test(f.label) ? (f.key === 'babyName' ? '张小宝' : f.key === 'elderName' ? '王秀英' : p.name) : /卡号|账号|号码/.test(f.label) ? '6217001234567890123' : '示例市人民医院';
  }
}

const seedId = (openid: string, i: number) => `A${createHash('sha256').update(`seed\u0000${openid}\u0000${i}`).digest('hex').slice(0, 24)}`;

export async function seedAffairs(log: (s: string) => void = console.log): Promise<number> {
  const written = await seedSpecs(SPECS, 0);
  log(`已写入示例办件 ${written} 件（市民 张三、李四；公安局、出入境、人社局、医保局）`);
  return written;
}

export async function seedBilledCases(log: (s: string) => void = console.log): Promise<number> {
  const written = await seedSpecs(BILLED_SPECS, SPECS.length);
  log(`已写入待缴费示例办件 ${written} 件（市民 张三：普通护照签发，受理时开具的缴费单）`);
  return written;
}

async function seedSpecs(specs: Spec[], idBase: number): Promise<number> {
  const db = sdk.database();
  const cal = createCalendar();
  const pii = createPiiCipher(process.env.PII_KEY);
  const today = shanghaiDate();
  const files: Record<string, { img: { fileID: string; sha256: string }; pdf: { fileID: string; sha256: string } }> = {};
  for (const p of PEOPLE) {
    await sdk.uploadFile({ cloudPath: `uploads/${p.openid}/seed-scan.png`, fileContent: PNG_1X1 });
    await sdk.uploadFile({ cloudPath: `uploads/${p.openid}/seed-scan.pdf`, fileContent: PDF });
    // As a real submit does: applications hold sealed copies (evidence/…), not the uploads.
    const seal = async (content: Buffer, ext: string) => {
      const sha256 = createHash('sha256').update(content).digest('hex');
      return { fileID: (await sdk.uploadFile({ cloudPath: `${evidenceFolder(p.openid)}${sha256}.${ext}`, fileContent: content })).fileID, sha256 };
    };
    files[p.openid] = { img: await seal(PNG_1X1, 'png'), pdf: await seal(PDF, 'pdf') };
  }
  // Read the published catalogue version, as cloudfunctions/shared/catalogue.ts does.
  const { data: metas } = await db.collection(META).where({ _id: CATALOGUE_META_ID }).limit(1).get();
  const published = (metas[0] as { published?: string } | undefined)?.published ?? '';
  let written = 0;
  for (const [j, spec] of specs.entries()) {
    const i = idBase + j;
    const { data } = await db.collection(MATTER_VERSIONS).where({ _id: matterRowId(published, spec.matterId) }).limit(1).get();
    const row = data[0] as StoredMatterRow | undefined;
    const matter = row ? (rowToMatter(row) as Matter) : undefined;
    if (!matter) continue;
    const person = PEOPLE[spec.owner];
    const fields = matter.form?.fields ?? [];
    const form: Record<string, FormValue> = {};
    const sealed: ApplicationDoc['pii'] = {};
    for (const f of fields) {
      const v = valueFor(f, person, today);
      if (v === undefined) continue;
      if (PII_FIELD_TYPES.includes(f.type) && typeof v === 'string') {
        sealed[f.key] = pii.seal(v);
        form[f.key] = maskFormValue(f.type, v);
      } else form[f.key] = v;
    }
    const defs = matter.materials.map((m) => ({ id: m.id ?? materialIdOf(m.name), name: m.name, necessity: m.necessity }));
    const materials = defs.filter((d) => d.necessity === '必要').map((d, j) => ({
      materialId: d.id, name: d.name, ...(j % 2 ? files[person.openid].pdf : files[person.openid].img),
      mime: j % 2 ? 'application/pdf' : 'image/png', size: j % 2 ? PDF.length : PNG_1X1.length,
    }));
    let day = addDays(today, -spec.daysAgo);
    const at = (d: string, hm: string) => shanghaiInstant(d, hm).toISOString();
    const ctx = (by: string) => ({ calendar: cal, at: at(day, '10:00'), today: day, promisedDays: matter.timeLimit.promisedDays, statutoryDays: matter.timeLimit.statutoryDays, by });
    const submitted = transition({ status: 'draft', caseKind: matter.timeLimit.caseKind, version: 0 }, { action: 'submit' }, { ...ctx('申请人'), at: at(day, '09:12') });
    const app: ApplicationDoc = {
      _id: seedId(person.openid, i), no: applicationNo(day, 900 + i), openid: person.openid, requestId: `seed-${i}`,
      matterId: matter._id, matterName: matter.name, department: matter.department.code, departmentName: matter.department.name,
      caseKind: matter.timeLimit.caseKind, promisedDays: matter.timeLimit.promisedDays, statutoryDays: matter.timeLimit.statutoryDays,
      status: submitted.status, formFields: fields, materialDefs: defs, form, pii: sealed,
      idHashes: fields.filter((f) => f.type === 'idNumber' && sealed[f.key]).map((f) => sealed[f.key].h),
      applicantName: person.name, materials, deferredMaterials: [], timeline: submitted.entries, version: submitted.version,
      sortDue: day, submittedAt: at(day, '09:12'), updatedAt: at(day, '09:12'),
    };
    for (const [input, after] of spec.steps) {
      day = addDays(day, after);
      const by = input.action === 'withdraw' ? '申请人' : matter.department.name;
      const out = transition(app, input, ctx(by));
      app.status = out.status;
      app.version = out.version;
      app.timeline = [...app.timeline, ...out.entries];
      if (out.clock) app.clock = out.clock;
      if (out.result) app.result = out.result;
      if (out.supplementFrom !== undefined) app.supplementFrom = out.supplementFrom ?? undefined;
      if (out.suspendReason !== undefined) app.suspendReason = out.suspendReason ?? undefined;
      if (out.supplementRequest) {
        app.supplementRequest = { ...out.supplementRequest, materialNames: out.supplementRequest.materials.map((m) => defs.find((d) => d.id === m)?.name ?? m), fieldLabels: [] };
        app.timeline[app.timeline.length - 1].materials = app.supplementRequest.materialNames;
      }
      app.updatedAt = ctx(by).at;
    }
    app.dueDate = app.clock?.dueDate;
    app.sortDue = app.clock?.dueDate ?? app.sortDue;
    const { _id, ...rest } = JSON.parse(JSON.stringify(app)) as ApplicationDoc;
    await db.collection('applications').doc(_id).set({ data: rest });
    written += 1;
    await seedBillOnAccept(app, matter, spec.steps.some(([s]) => s.action === 'accept') ? ctx(matter.department.name).at : undefined);
    // As a real submit does: the files become the applicant's 我的材料, offered again in the next form.
    for (const m of materials) {
      await db.collection(USER_MATERIALS).doc(userMaterialIdFor(person.openid, m.fileID)).set({
        data: { openid: person.openid, fileID: m.fileID, sha256: m.sha256, materialId: m.materialId, name: m.name, mime: m.mime, size: m.size, usedAt: app.submittedAt },
      });
    }
  }
  return written;
}

/**
 * As 受理 does (cloudfunctions/shared/case-bill): a case still 办理中 whose guide charges fixed fees
 * online gets its unpaid bill, issued at the acceptance time. No outbox event: nobody is pushed
 * about seed data. The bill id is the case's, so re-running overwrites the same document.
 */
async function seedBillOnAccept(app: ApplicationDoc, matter: Matter, acceptedAt: string | undefined): Promise<void> {
  const items = billDueOnAccept(matter as unknown as ChargedMatter);
  if (!acceptedAt || app.status !== 'accepted' || !items) return;
  const bill = newBillDoc(billIdFor(app._id), {
    applicationId: app._id, applicationNo: app.no, openid: app.openid, department: app.department, departmentName: app.departmentName,
    matterId: app.matterId, matterName: app.matterName, payer: app.applicantName ? maskName(app.applicantName) : '申请人', items,
  }, matter.department.name, new Date(acceptedAt));
  const { _id, ...rest } = bill;
  await sdk.database().createCollection(PAY_BILLS).catch(() => undefined); // already there
  await sdk.database().collection(PAY_BILLS).doc(_id).set({ data: rest });
}
