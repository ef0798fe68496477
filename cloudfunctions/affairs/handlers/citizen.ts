/** Citizen actions: drafts, submit (single and 一件事 bundle), my applications, 补正, withdraw, 我的材料. */
import { z } from '../../../core/zod-zh';
import { publishedMatters } from '../../shared/catalogue';
import { shanghaiDate } from '../../../core/calendar/workdays';
import { DomainError } from '../../../core/envelope';
import { LIFE_EVENTS } from '../../../core/matter/taxonomy';
import { statusConflict } from '../../../core/affairs/machine';
import type { ApplicationDoc, MaterialDef } from '../../../core/affairs/model';
import { toSummary, toView } from '../../../core/affairs/view';
import type { FormField } from '../../../core/matter/form';
import type { Matter } from '../../../core/matter/schema';
import type { BundleDefinition, DraftView, MaterialRef, MyMaterial } from '../../../core/api';
import { bundleMaterialKey, combineBundle, issuerAmong, materialsToAsk } from '../../../core/affairs/bundle';
import { action, noParams } from '../../shared/router';
import { getDb } from '../../shared/cloud';
import { isOwnFile, tempUrls, type SealedFile } from '../files';
import {
  APPLICATIONS, applicationIdFor, bundleIdFor, DRAFTS, draftIdFor, getById, loadApplication, loadCalendar, loadMatter,
  pii, USER_MATERIALS, userMaterialIdFor,
} from '../repo';
import { assertOnline, checkForm, checkMaterials, materialDefsOf, sealForm } from './prepare';
import * as s from './schemas';
import { commitTransition, createApplications, type NewApplication } from './write';

const PAGE_SIZE = 20;
const lifeEventIds = LIFE_EVENTS.map((e) => e.id) as [string, ...string[]];
const lifeEventName = (id: string) => LIFE_EVENTS.find((e) => e.id === id)?.name ?? id;
/** A 一件事's draft is keyed like a matter's, by a name no 实施编码 can take. */
const bundleDraftKey = (lifeEvent: string) => `bundle:${lifeEvent}`;

interface DraftDoc {
  _id: string;
  openid: string;
  /** '' for a 一件事's draft. */
  matterId: string;
  /** The 一件事 name for its draft. */
  matterName: string;
  lifeEvent?: string;
  /** 一件事: the matters still chosen. */
  matterIds?: string[];
  formSealed: string;
  materials: MaterialRef[];
  savedAt: string;
}

function draftView(d: DraftDoc): DraftView {
  let form = {};
  try { form = JSON.parse(pii().decrypt(d.formSealed)); } catch (e) { console.error('[affairs] draft decrypt failed', d._id, e); }
  return {
    id: d._id, matterId: d.matterId, matterName: d.matterName, form, materials: d.materials, savedAt: d.savedAt,
    ...(d.lifeEvent ? { lifeEvent: d.lifeEvent, matterIds: d.matterIds ?? [] } : {}),
  };
}

export const saveDraft = action({
  permission: 'citizen:own',
  params: z.object({
    matterId: s.matterId.optional(), lifeEvent: z.enum(lifeEventIds).optional(), matterIds: z.array(s.matterId).max(10).optional(),
    form: s.formValues, materials: s.materialRefs, draftId: z.string().regex(/^D[0-9a-f]{24}$/, '草稿编号格式不正确').optional(),
  }).strict().refine((p) => !p.matterId !== !p.lifeEvent, { message: '请指明事项或一件事（二者选一）', path: ['matterId'] }),
  authorize: async (p, { actor }) => {
    if (!p.draftId) return { resource: { ownerOpenid: actor.openid }, entity: null };
    const d = await getById<DraftDoc>(DRAFTS, p.draftId);
    return d ? { resource: { ownerOpenid: d.openid }, entity: d } : null;
  },
  notFound: '没有找到该草稿',
  handler: async (p, { actor, entity }) => {
    for (const m of p.materials) if (!isOwnFile(m.fileID, actor.openid)) throw new DomainError('FORBIDDEN', '只能使用本人上传的文件');
    const target = p.lifeEvent ? await bundleDraftTarget(p.lifeEvent, p.matterIds ?? []) : draftTarget(assertOnline(await loadMatter(p.matterId!)));
    const id = entity?._id ?? draftIdFor(actor.openid, target.key);
    const doc: Omit<DraftDoc, '_id'> = {
      openid: actor.openid, ...target.fields,
      formSealed: pii().encrypt(JSON.stringify(p.form)), materials: p.materials, savedAt: new Date().toISOString(),
    };
    await getDb().collection(DRAFTS).doc(id).set({ data: doc });
    return { id };
  },
});

function draftTarget(matter: Matter) {
  return { key: matter._id, fields: { matterId: matter._id, matterName: matter.name } };
}

async function bundleDraftTarget(lifeEvent: string, matterIds: string[]) {
  const available = await bundleMatters(lifeEvent);
  const stray = matterIds.filter((id) => !available.some((m) => m._id === id));
  if (stray.length) throw new DomainError('INVALID_INPUT', `事项${stray.join('、')}不属于该一件事或暂不支持在线申办`);
  return { key: bundleDraftKey(lifeEvent), fields: { matterId: '', matterName: lifeEventName(lifeEvent), lifeEvent, matterIds: [...new Set(matterIds)] } };
}

export const getDraft = action({
  permission: 'citizen:own',
  params: z.object({ matterId: s.matterId.optional(), lifeEvent: z.enum(lifeEventIds).optional() }).strict()
    .refine((p) => !p.matterId !== !p.lifeEvent, { message: '请指明事项或一件事（二者选一）', path: ['matterId'] }),
  handler: async (p, { actor }) => {
    const d = await getById<DraftDoc>(DRAFTS, draftIdFor(actor.openid, p.lifeEvent ? bundleDraftKey(p.lifeEvent) : p.matterId!));
    if (!d || d.openid !== actor.openid) return null;
    const view = draftView(d);
    // Only the caller's own files get a URL (a draft's refs were checked when saved; re-check anyway).
    const urls = await tempUrls(view.materials.filter((m) => isOwnFile(m.fileID, actor.openid)).map((m) => m.fileID));
    return { ...view, materials: view.materials.map((m) => ({ ...m, url: urls.get(m.fileID) })) };
  },
});

function newApplication(openid: string, requestId: string, matter: Matter, fields: FormField[], defs: MaterialDef[],
  sealed: ReturnType<typeof sealForm>, attached: Awaited<ReturnType<typeof checkMaterials>>, bundleId?: string): NewApplication {
  return {
    _id: applicationIdFor(openid, requestId, bundleId ? matter._id : undefined),
    openid, requestId, ...(bundleId ? { bundleId } : {}),
    matterId: matter._id, matterName: matter.name, matterType: matter.type, department: matter.department.code, departmentName: matter.department.name,
    caseKind: matter.timeLimit.caseKind, promisedDays: matter.timeLimit.promisedDays, statutoryDays: matter.timeLimit.statutoryDays,
    formFields: fields, materialDefs: defs, ...sealed, materials: attached.attached, deferredMaterials: attached.deferred,
  };
}

async function rememberMaterials(openid: string, apps: ApplicationDoc[]) {
  const db = getDb();
  const usedAt = new Date().toISOString();
  const seen = new Set<string>();
  for (const app of apps) {
    for (const m of app.materials) {
      if (seen.has(m.fileID)) continue;
      seen.add(m.fileID);
      await db.collection(USER_MATERIALS).doc(userMaterialIdFor(openid, m.fileID)).set({
        data: { openid, fileID: m.fileID, ...(m.sha256 ? { sha256: m.sha256 } : {}), materialId: m.materialId, name: m.name, mime: m.mime, size: m.size, usedAt },
      }).catch((e: unknown) => console.error('[affairs] remember material failed', e));
    }
  }
}

export const submit = action({
  permission: 'citizen:own',
  params: z.object({ matterId: s.matterId, requestId: s.requestId, form: s.formValues, materials: s.materialRefs }).strict(),
  handler: async (p, { actor }) => {
    // A retry of a call that already went through answers at once, whatever else changed.
    const replay = await loadApplication(applicationIdFor(actor.openid, p.requestId));
    if (replay && replay.openid === actor.openid) return { id: replay._id, no: replay.no, status: replay.status };
    const matter = assertOnline(await loadMatter(p.matterId));
    const today = shanghaiDate();
    const fields = matter.form?.fields ?? [];
    const values = checkForm(fields, p.form, today);
    const defs = materialDefsOf(matter);
    const attached = await checkMaterials(defs, p.materials, actor.openid);
    const item = newApplication(actor.openid, p.requestId, matter, fields, defs, sealForm(fields, values), attached);
    const { apps, created } = await createApplications([item]);
    const app = apps[0];
    if (created) {
      await rememberMaterials(actor.openid, apps);
      await getDb().collection(DRAFTS).doc(draftIdFor(actor.openid, matter._id)).remove().catch(() => undefined);
    }
    return { id: app._id, no: app.no, status: app.status };
  },
});

async function bundleMatters(lifeEvent: string): Promise<Matter[]> {
  const _ = getDb().command;
  const all = await publishedMatters({ lifeEvents: _.eq(lifeEvent), status: _.eq('在用') }, { max: 200 });
  return all.filter((m) => m.channels.onlineDepth >= 3 && (m.form?.fields?.length ?? 0) > 0);
}

export function combine(lifeEvent: string, matters: Matter[]): BundleDefinition {
  return combineBundle(lifeEvent, lifeEventName(lifeEvent), matters);
}

/**
 * One chosen matter's share of a bundle submission: its material list (a material another chosen
 * matter issues marked as provided, not asked) and the refs for it, from bundle ids to its own.
 */
function bundleShare(def: BundleDefinition, chosen: string[], m: Matter, refs: MaterialRef[]) {
  const defs: MaterialDef[] = m.materials.map((x) => {
    const issuer = issuerAmong(def.materials.find((b) => b.id === bundleMaterialKey(x))!, chosen);
    return { id: x.id, name: x.name, necessity: x.necessity, ...(issuer ? { providedBy: issuer.matterName } : {}) };
  });
  const asked = defs.filter((d) => !d.providedBy);
  const own = refs.flatMap((r) => {
    const mine = m.materials.find((x) => bundleMaterialKey(x) === r.materialId && asked.some((d) => d.id === x.id));
    return mine ? [{ materialId: mine.id, fileID: r.fileID }] : [];
  });
  return { defs, asked, own };
}

export const bundleForm = action({
  permission: 'signed-in',
  params: z.object({ lifeEvent: z.enum(lifeEventIds) }).strict(),
  handler: async (p) => {
    const def = combine(p.lifeEvent, await bundleMatters(p.lifeEvent));
    if (!def.matters.length) throw new DomainError('NOT_FOUND', '该一件事暂无可在线申办的事项');
    return def;
  },
});

export const submitBundle = action({
  permission: 'citizen:own',
  params: z.object({
    lifeEvent: z.enum(lifeEventIds), requestId: s.requestId, matterIds: z.array(s.matterId).min(1, '请至少选择一个事项').max(10),
    form: s.formValues, materials: s.materialRefs,
  }).strict(),
  handler: async (p, { actor }) => {
    const bundleId = bundleIdFor(actor.openid, p.requestId);
    const available = await bundleMatters(p.lifeEvent);
    const chosen = [...new Set(p.matterIds)].map((id) => {
      const m = available.find((x) => x._id === id);
      if (!m) throw new DomainError('INVALID_INPUT', `事项${id}不属于该一件事或暂不支持在线申办`);
      return m;
    });
    const def = combine(p.lifeEvent, chosen);
    const chosenIds = chosen.map((m) => m._id);
    const known = new Set(def.fields.map((f) => f.key));
    const stray = Object.keys(p.form).filter((k) => !known.has(k));
    if (stray.length) throw new DomainError('INVALID_INPUT', `表单包含不属于所选事项的字段：${stray.join('、')}`);
    const today = shanghaiDate();
    const cache = new Map<string, SealedFile>();
    const items: NewApplication[] = [];
    for (const m of chosen) {
      const fields = m.form.fields;
      const pick = Object.fromEntries(Object.entries(p.form).filter(([k]) => fields.some((f) => f.key === k)));
      let values;
      try { values = checkForm(fields, pick, today); } catch (e) {
        throw e instanceof DomainError ? new DomainError(e.code, `${m.name}：${e.message}`, e.details) : e;
      }
      const { defs, asked, own } = bundleShare(def, chosenIds, m, p.materials);
      let attached;
      try { attached = await checkMaterials(asked, own, actor.openid, undefined, cache); } catch (e) {
        throw e instanceof DomainError ? new DomainError(e.code, `${m.name}：${e.message}`, e.details) : e;
      }
      items.push(newApplication(actor.openid, p.requestId, m, fields, defs, sealForm(fields, values), attached, bundleId));
    }
    const wanted = materialsToAsk(def, chosenIds);
    const unused = p.materials.filter((r) => !wanted.some((d) => d.id === r.materialId));
    if (unused.length) throw new DomainError('INVALID_INPUT', '申请材料中有不属于所选事项的材料');
    const { apps, created } = await createApplications(items, { _id: bundleId, openid: actor.openid, lifeEvent: p.lifeEvent, applicationIds: items.map((i) => i._id) });
    if (created) {
      await rememberMaterials(actor.openid, apps);
      await getDb().collection(DRAFTS).doc(draftIdFor(actor.openid, bundleDraftKey(p.lifeEvent))).remove().catch(() => undefined);
    }
    return { bundleId, applications: apps.map((a) => ({ id: a._id, no: a.no, matterId: a.matterId, matterName: a.matterName, status: a.status })) };
  },
});

export const mine = action({
  permission: 'citizen:own',
  params: z.object({ status: s.status.optional(), page: s.page }).strict(),
  handler: async (p, { actor }) => {
    const db = getDb();
    const _ = db.command;
    if (p.status === 'draft') {
      const where = { openid: _.eq(actor.openid) };
      const [{ total }, { data }] = await Promise.all([
        db.collection(DRAFTS).where(where).count(),
        db.collection(DRAFTS).where(where).orderBy('savedAt', 'desc').skip((p.page - 1) * PAGE_SIZE).limit(PAGE_SIZE).get(),
      ]);
      return {
        items: (data as DraftDoc[]).map((d) => ({
          id: d._id, no: '', matterId: d.matterId, matterName: d.matterName, departmentName: '', status: 'draft' as const, statusLabel: '草稿',
          ...(d.lifeEvent ? { lifeEvent: d.lifeEvent } : {}),
          submittedAt: d.savedAt, updatedAt: d.savedAt,
        })),
        total, page: p.page, pageSize: PAGE_SIZE,
      };
    }
    const where: Record<string, unknown> = { openid: _.eq(actor.openid), ...(p.status ? { status: _.eq(p.status) } : {}) };
    const [{ total }, { data }, cal] = await Promise.all([
      db.collection(APPLICATIONS).where(where).count(),
      db.collection(APPLICATIONS).where(where).orderBy('updatedAt', 'desc').skip((p.page - 1) * PAGE_SIZE).limit(PAGE_SIZE).get(),
      loadCalendar(),
    ]);
    const today = shanghaiDate();
    return { items: (data as ApplicationDoc[]).map((a) => toSummary(a, cal, today)), total, page: p.page, pageSize: PAGE_SIZE };
  },
});

const ownApplication = async (p: { id: string }) => {
  const app = await loadApplication(p.id);
  return app ? { resource: { ownerOpenid: app.openid }, entity: app } : null;
};

export async function viewWithUrls(app: ApplicationDoc, viewer: 'owner' | 'staff') {
  const cal = await loadCalendar();
  const view = toView(app, viewer, cal, shanghaiDate());
  const urls = await tempUrls([...app.materials.map((m) => m.fileID), ...(app.result?.fileID ? [app.result.fileID] : [])]);
  view.materials = view.materials.map((m) => ({ ...m, url: urls.get(m.fileID) }));
  if (view.result?.fileID) (view.result as { url?: string }).url = urls.get(view.result.fileID);
  return view;
}

export const supplement = action({
  permission: 'citizen:own',
  params: z.object({ id: s.appId, form: s.formValues.optional(), materials: s.materialRefs }).strict(),
  authorize: ownApplication,
  notFound: '没有找到该办件',
  handler: async (p, { actor, entity }) => {
    if (entity.status !== 'supplement' || !entity.supplementRequest) throw statusConflict(entity.status, 'supplement');
    const req = entity.supplementRequest;
    const formIn = p.form ?? {};
    const values = req.fields.length || Object.keys(formIn).length ? checkForm(entity.formFields, formIn, shanghaiDate(), req.fields) : {};
    const missing = req.fields.filter((k) => values[k] === undefined);
    if (missing.length) {
      const labels = missing.map((k) => entity.formFields.find((f) => f.key === k)?.label ?? k);
      throw new DomainError('INVALID_INPUT', `请填写要求补正的信息：${labels.join('、')}`);
    }
    const { attached } = await checkMaterials(entity.materialDefs, p.materials, actor.openid, req.materials);
    const sealed = sealForm(entity.formFields, values);
    const next = await commitTransition(p.id, { action: 'supplement' }, '申请人', (app) => {
      const named = app.supplementRequest?.materials ?? [];
      const piiAll = { ...app.pii, ...sealed.pii };
      return {
        form: { ...app.form, ...sealed.form },
        pii: piiAll,
        idHashes: app.formFields.filter((f) => f.type === 'idNumber' && piiAll[f.key]).map((f) => piiAll[f.key].h),
        materials: [...app.materials.filter((m) => !named.includes(m.materialId)), ...attached],
        deferredMaterials: (app.deferredMaterials ?? []).filter((m) => !named.includes(m)),
      };
    });
    await rememberMaterials(actor.openid, [next]);
    return viewWithUrls(next, 'owner');
  },
});

export const withdraw = action({
  permission: 'citizen:own',
  params: z.object({ id: s.appId }).strict(),
  authorize: ownApplication,
  notFound: '没有找到该办件',
  handler: async (p) => viewWithUrls(await commitTransition(p.id, { action: 'withdraw' }, '申请人'), 'owner'),
});

export const myMaterials = action({
  permission: 'citizen:own',
  params: noParams,
  handler: async (_p, { actor }) => {
    const db = getDb();
    const { data } = await db.collection(USER_MATERIALS).where({ openid: db.command.eq(actor.openid) }).orderBy('usedAt', 'desc').limit(50).get();
    const items = data as (MyMaterial & { openid: string })[];
    const urls = await tempUrls(items.map((i) => i.fileID));
    return items.map(({ openid: _o, _id: _i, ...m }: MyMaterial & { openid: string; _id?: string }) => ({ ...m, url: urls.get(m.fileID) }));
  },
});
