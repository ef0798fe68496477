/** Staff actions: the department queue, one application, transitions, unmasking (logged), lookup by ID. */
import { z } from '../../../core/zod-zh';
import { shanghaiDate } from '../../../core/calendar/workdays';
import { DomainError } from '../../../core/envelope';
import { APPLICATION_STATUSES, OPEN_STATUSES, type ApplicationDoc, type ApplicationStatus } from '../../../core/affairs/model';
import { toSummary } from '../../../core/affairs/view';
import { isValidIdNumber } from '../../../core/matter/form';
import { departmentScope, type Actor } from '../../../core/policy';
import { action } from '../../shared/router';
import { getDb } from '../../shared/cloud';
import { inspectFile, storeResultFile } from '../files';
import { ACCESS_LOGS, APPLICATIONS, loadApplication, loadCalendar, loadMatter, pii } from '../repo';
import { assertBillSettled, billDueOnAccept, billOnAccept, billRequired, type ChargedMatter } from '../../shared/case-bill';
import { maskName } from '../../../core/mask';
import type { Transaction } from '../../shared/cloud';
import { publishedMatters } from '../../shared/catalogue';
import { viewWithUrls } from './citizen';
import * as s from './schemas';
import { commitTransition } from './write';

const PAGE_SIZE = 20;

const forCase = async (p: { id: string }) => {
  const app = await loadApplication(p.id);
  return app ? { resource: { department: app.department, ownerOpenid: app.openid }, entity: app } : null;
};

/** The queue covers the departments the policy scopes the caller to; admins see every department. */
function departmentWhere(actor: Actor, _: any): Record<string, unknown> {
  const scope = departmentScope(actor);
  if (scope === 'all') return {};
  if (scope.length === 0) throw new DomainError('FORBIDDEN', '您尚未分配部门，无法查看办件');
  return { department: scope.length === 1 ? _.eq(scope[0]) : _.in(scope) };
}

/** The queue's matter filter: the matters of the same departments the policy scopes the caller to. */
function matterScope(actor: Actor, _: any): Record<string, unknown> {
  const scope = departmentScope(actor);
  return scope === 'all' ? { status: _.eq('在用') } : { 'department.code': _.in(scope), status: _.eq('在用') };
}

/** 缴费 on the case: 受理 issues the guide's fixed-fee bill; 办结 waits until it is paid or waived. */
async function caseBillStep(t: Transaction, app: ApplicationDoc, step: string, matter: ChargedMatter | null, by: string): Promise<void> {
  if (app.status === 'accepted' && step === 'accept') {
    await billOnAccept(t, {
      applicationId: app._id, applicationNo: app.no, openid: app.openid, department: app.department, departmentName: app.departmentName,
      matterId: app.matterId, matterName: app.matterName, payer: app.applicantName ? maskName(app.applicantName) : '申请人',
    }, matter, by);
  }
  if (app.status === 'completed' && app.result?.decision === '准予') await assertBillSettled(t, app._id, matter);
}

export const get = action({
  permission: 'case:read',
  params: z.object({ id: s.appId }).strict(),
  authorize: forCase,
  notFound: '没有找到该办件',
  handler: async (_p, { actor, entity }) => viewWithUrls(entity, entity.openid === actor.openid ? 'owner' : 'staff'),
});

export const queue = action({
  permission: 'staff',
  params: z.object({ status: s.status.optional(), matterId: s.matterId.optional(), no: s.applicationNo.optional(), page: s.page }).strict(),
  handler: async (p, { actor }) => {
    const db = getDb();
    const _ = db.command;
    const scope = departmentWhere(actor, _);
    const statusCond = p.status ? _.eq(p.status) : _.in([...OPEN_STATUSES]);
    // A 办件编号 names one case: found in any status, still only within the caller's departments.
    const where = p.no ? { ...scope, no: _.eq(p.no) }
      : { ...scope, status: statusCond, ...(p.matterId ? { matterId: _.eq(p.matterId) } : {}) };
    const counted = APPLICATION_STATUSES.filter((x) => x !== 'draft') as Exclude<ApplicationStatus, 'draft'>[];
    const [{ total }, { data }, cal, countList, matters] = await Promise.all([
      db.collection(APPLICATIONS).where(where).count(),
      db.collection(APPLICATIONS).where(where).orderBy('sortDue', 'asc').orderBy('submittedAt', 'asc').skip((p.page - 1) * PAGE_SIZE).limit(PAGE_SIZE).get(),
      loadCalendar(),
      Promise.all(counted.map((st) => db.collection(APPLICATIONS).where({ ...scope, status: _.eq(st), ...(p.matterId ? { matterId: _.eq(p.matterId) } : {}) }).count())),
      publishedMatters(matterScope(actor, _), { max: 100 })
        .then((data) => ({ data: data.map((m) => ({ _id: m._id, name: m.name, channels: m.channels })) })),
    ]);
    const today = shanghaiDate();
    const year = Number(today.slice(0, 4));
    return {
      items: (data as ApplicationDoc[]).map((a) => toSummary(a, cal, today)),
      total, page: p.page, pageSize: PAGE_SIZE,
      counts: Object.fromEntries(counted.map((st, i) => [st, countList[i].total])) as Record<Exclude<ApplicationStatus, 'draft'>, number>,
      matters: (matters.data as { _id: string; name: string; channels?: { onlineDepth?: number } }[])
        .filter((m) => (m.channels?.onlineDepth ?? 0) >= 3).map((m) => ({ id: m._id, name: m.name })),
      uncoveredYears: [year, year + 1].filter((y) => !cal.isCovered(y)),
    };
  },
});

export const act = action({
  permission: 'case:handle',
  params: z.object({
    id: s.appId, action: s.staffAction, comment: s.comment, result: s.caseResult.optional(),
    materials: z.array(s.materialIdParam).max(30).optional(), fields: z.array(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/)).max(40).optional(),
  }).strict(),
  authorize: forCase,
  notFound: '没有找到该办件',
  handler: async (p, { actor, entity }) => {
    if (p.action === 'requestSupplement') {
      const unknownM = (p.materials ?? []).filter((m) => !entity.materialDefs.some((d) => d.id === m));
      if (unknownM.length) throw new DomainError('INVALID_INPUT', '要求补正的材料不是本事项的材料');
      const unknownF = (p.fields ?? []).filter((k) => !entity.formFields.some((f) => f.key === k));
      if (unknownF.length) throw new DomainError('INVALID_INPUT', `要求补正的字段不在本事项表单中：${unknownF.join('、')}`);
    }
    const matter = p.action === 'accept' || p.action === 'complete' ? await loadMatter(entity.matterId) : null;
    if (p.action === 'complete' && entity.status === 'submitted' && p.result?.decision === '准予' && billRequired(matter)) {
      // 即办件 of a charged matter: 当场办结 would grant it before the fee is paid (a submitted case has no
      // bill yet). The step stops at 受理, which issues a fixed-fee bill in its transaction (a variable
      // fee is billed by staff next, from the case's pay panel); the citizen sees 待缴费, and 办结
      // follows payment or waiver. The transition re-checks that the case is still 待受理.
      const comment = billDueOnAccept(matter) ? '即办件，当场受理；本事项收费，缴费或减免后办结' : '即办件，当场受理；本事项收费标准不固定，开具缴费单并缴费或减免后办结';
      const accepted = await commitTransition(p.id, { action: 'accept', comment },
        entity.departmentName, undefined, (t, app) => caseBillStep(t, app, 'accept', matter, actor.openid));
      return viewWithUrls(accepted, 'staff');
    }
    let result = p.result;
    if (p.action === 'complete' && result?.fileID) {
      const file = await inspectFile(result.fileID, actor.openid, '结果文书');
      result = { ...result, fileID: await storeResultFile(file, entity._id) };
    }
    const next = await commitTransition(p.id, {
      action: p.action, comment: p.comment, materials: p.materials, fields: p.fields, result,
    }, entity.departmentName, undefined, (t, app) => caseBillStep(t, app, p.action, matter, actor.openid));
    return viewWithUrls(next, 'staff');
  },
});

export const reveal = action({
  permission: 'case:handle',
  params: z.object({ id: s.appId }).strict(),
  authorize: forCase,
  notFound: '没有找到该办件',
  handler: async (_p, { actor, entity }) => {
    const cipher = pii();
    const form = Object.fromEntries(Object.entries(entity.pii ?? {}).map(([k, v]) => [k, cipher.decrypt(v.c)]));
    // The log is written before the data leaves: no unlogged unmasking.
    await getDb().collection(ACCESS_LOGS).add({ data: {
      openid: actor.openid, applicationId: entity._id, applicationNo: entity.no, department: entity.department,
      fields: Object.keys(form), purpose: 'reveal', at: new Date().toISOString(),
    } });
    return { form };
  },
});

export const lookup = action({
  permission: 'staff',
  params: z.object({ idNumber: z.string().trim().min(15).max(18) }).strict(),
  handler: async (p, { actor }) => {
    if (!isValidIdNumber(p.idNumber)) throw new DomainError('INVALID_INPUT', '身份证号不正确，请核对');
    const db = getDb();
    const _ = db.command;
    const h = pii().hash(p.idNumber);
    const { data } = await db.collection(APPLICATIONS).where({ ...departmentWhere(actor, _), idHashes: _.eq(h) }).orderBy('updatedAt', 'desc').limit(50).get();
    await db.collection(ACCESS_LOGS).add({ data: { openid: actor.openid, purpose: 'lookup', hits: data.length, at: new Date().toISOString() } });
    const cal = await loadCalendar();
    const today = shanghaiDate();
    return (data as ApplicationDoc[]).map((a) => toSummary(a, cal, today));
  },
});
