/**
 * The two writes of the affairs function. Each is one transaction: the application(s), their
 * timeline entry and their outbox event land together or not at all, and the status the
 * transition was computed from is re-read inside it (the precondition), so of two staff racing
 * the same step exactly one wins and the other gets CONFLICT with the current status.
 */
import { shanghaiDate } from '../../../core/calendar/workdays';
import { DomainError } from '../../../core/envelope';
import { transition, type TransitionInput } from '../../../core/affairs/machine';
import type { ApplicationDoc } from '../../../core/affairs/model';
import { applicationNo, statusEvent } from '../../../core/affairs/view';
import { transact, txGet } from '../../shared/transaction';
import type { Transaction } from '../../shared/cloud';
import { APPLICATIONS, BUNDLES, COUNTERS, loadCalendar, OUTBOX, withoutId } from '../repo';

export type NewApplication = Omit<ApplicationDoc, 'no' | 'timeline' | 'version' | 'status' | 'submittedAt' | 'updatedAt' | 'sortDue'>;

const clean = <T>(doc: T): T => JSON.parse(JSON.stringify(doc)) as T;

export interface BundleDoc {
  _id: string;
  openid: string;
  lifeEvent: string;
  applicationIds: string[];
  createdAt: string;
}

/**
 * Creates applications (one, or a bundle's) with their numbers, timelines and outbox events.
 * Idempotent: if the first id already exists (same openid + requestId), returns what is stored.
 */
export async function createApplications(items: NewApplication[], bundle?: Omit<BundleDoc, 'createdAt'>): Promise<{ apps: ApplicationDoc[]; created: boolean }> {
  return transact(async (t) => {
    const existing = await txGet<ApplicationDoc>(t, APPLICATIONS, items[0]._id);
    if (existing) {
      const rest = await Promise.all(items.slice(1).map((i) => txGet<ApplicationDoc>(t, APPLICATIONS, i._id)));
      return { apps: [existing, ...rest.filter((x): x is ApplicationDoc => !!x)], created: false };
    }
    const at = new Date().toISOString();
    const today = shanghaiDate(at);
    const counterId = today.replace(/-/g, '');
    const counter = await txGet<{ seq: number }>(t, COUNTERS, counterId);
    let seq = counter?.seq ?? 0;
    const apps: ApplicationDoc[] = [];
    for (const item of items) {
      seq += 1;
      const out = transition({ status: 'draft', caseKind: item.caseKind, version: 0 }, { action: 'submit' }, {
        calendar: await loadCalendar(), at, today, promisedDays: item.promisedDays, statutoryDays: item.statutoryDays, by: '申请人',
      });
      const app: ApplicationDoc = clean({
        ...item, no: applicationNo(today, seq), status: out.status, timeline: out.entries, version: out.version,
        sortDue: today, submittedAt: at, updatedAt: at,
      });
      await t.collection(APPLICATIONS).doc(app._id).set({ data: withoutId(app) });
      const ev = statusEvent(app);
      await t.collection(OUTBOX).doc(ev._id).set({ data: withoutId(clean(ev)) });
      apps.push(app);
    }
    await t.collection(COUNTERS).doc(counterId).set({ data: { seq } });
    if (bundle) await t.collection(BUNDLES).doc(bundle._id).set({ data: withoutId({ ...bundle, createdAt: at }) });
    return { apps, created: true };
  });
}

/**
 * Applies one transition to a stored application. `extra` adds the fields the transition
 * carries (replaced materials, a result) computed from the freshly read record.
 */
export async function commitTransition(
  id: string,
  input: TransitionInput,
  by: string,
  extra: (app: ApplicationDoc) => Partial<ApplicationDoc> = () => ({}),
  /** Runs in the same transaction once the transition is decided (the case's bill: issued on 受理, checked on 办结). */
  within?: (t: Transaction, next: ApplicationDoc) => Promise<void>,
): Promise<ApplicationDoc> {
  const calendar = await loadCalendar();
  const committed = await transact(async (t) => {
    const app = await txGet<ApplicationDoc>(t, APPLICATIONS, id);
    if (!app) throw new DomainError('NOT_FOUND', '没有找到该办件');
    const at = new Date().toISOString();
    const today = shanghaiDate(at);
    const out = transition(app, input, { calendar, at, today, promisedDays: app.promisedDays, statutoryDays: app.statutoryDays, by });
    const next: ApplicationDoc = { ...app, ...extra(app), status: out.status, version: out.version, timeline: [...app.timeline, ...out.entries], updatedAt: at };
    if (out.clock) next.clock = out.clock;
    if (out.result) next.result = out.result;
    if (out.supplementFrom !== undefined) next.supplementFrom = out.supplementFrom ?? undefined;
    if (out.supplementRequest !== undefined) next.supplementRequest = out.supplementRequest ?? undefined;
    if (out.suspendReason !== undefined) next.suspendReason = out.suspendReason ?? undefined;
    if (next.supplementRequest && out.supplementRequest) {
      next.supplementRequest = {
        ...out.supplementRequest,
        materialNames: out.supplementRequest.materials.map((m) => app.materialDefs.find((d) => d.id === m)?.name ?? m),
        fieldLabels: out.supplementRequest.fields.map((f) => app.formFields.find((d) => d.key === f)?.label ?? f),
      };
      const last = next.timeline[next.timeline.length - 1];
      last.materials = next.supplementRequest.materialNames;
      last.fields = next.supplementRequest.fieldLabels;
    }
    next.dueDate = next.clock?.dueDate;
    next.sortDue = next.clock?.dueDate ?? app.sortDue;
    const stored = clean(next);
    if (within) await within(t, stored);
    await t.collection(APPLICATIONS).doc(id).set({ data: withoutId(stored) });
    const ev = statusEvent(stored, input.comment?.trim() || undefined);
    await t.collection(OUTBOX).doc(ev._id).set({ data: withoutId(clean(ev)) });
    return stored;
  });
  // The event is committed; transact() has asked push to deliver it now (the timer sweep is the fallback).
  return committed;
}
