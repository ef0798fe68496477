/**
 * A small known dataset for the metrics tests, written the way each owning function stores its
 * records (only the fields the metrics read), all dated yesterday (Asia/Shanghai), plus the seed
 * catalogue imported through matters.import.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sdk, invokeFunction } from '../../local-cloud';
import { importCatalogueFile } from '../../scripts/lib/import-file';
import { addDays, shanghaiDate } from '../../core/calendar/workdays';
import { ADMIN, expectOk } from './harness';

export const PSB_MATTER = '11999900MB0P12301G3002011103000';
const HOUR = 3600_000;

export const today = () => shanghaiDate(new Date());
export const yesterday = () => addDays(today(), -1);
/** Noon of a Shanghai day, as an ISO instant. */
export const noonOf = (date: string, plusMs = 0) => new Date(Date.parse(`${date}T12:00:00+08:00`) + plusMs).toISOString();

const set = (collection: string, id: string, data: Record<string, unknown>) => sdk.database().collection(collection).doc(id).set({ data });

export async function importSeedCatalogue(): Promise<void> {
  const content = fs.readFileSync(path.join(__dirname, '../../seed/matters.json'), 'utf8');
  const invoke = (name: string, data: unknown, openid?: string) => invokeFunction(name, data, openid ? { OPENID: openid } : {});
  expectOk((await importCatalogueFile(invoke, { format: 'json', content, name: 'matters.json' }, ADMIN)) as never);
}

export async function application(id: string, o: { status: string; department: string; endedAt: string; dueDate?: string; usedDays?: number; supplemented?: boolean; openid?: string }) {
  const timeline = [
    ...(o.supplemented ? [{ seq: 1, at: o.endedAt, action: 'requestSupplement', status: 'supplement', by: '部门' }] : []),
    { seq: 2, at: o.endedAt, action: o.status === 'completed' ? 'complete' : o.status === 'rejected' ? 'reject' : 'accept', status: o.status, by: '部门' },
  ];
  await set('applications', id, {
    no: `BJ${id}`, openid: o.openid ?? 'citizen-openid', requestId: id, matterId: PSB_MATTER, matterName: '居住证申领', department: o.department,
    departmentName: o.department, caseKind: '承诺件', promisedDays: 5, statutoryDays: 20, status: o.status, formFields: [], materialDefs: [], form: {}, pii: {},
    idHashes: [], materials: [], deferredMaterials: [], timeline, version: 1, sortDue: o.dueDate ?? '9999',
    ...(o.dueDate ? { dueDate: o.dueDate, clock: { promisedDays: 5, statutoryDays: 20, acceptedOn: o.endedAt.slice(0, 10), usedDays: o.usedDays ?? 0, runningSince: null, dueDate: o.dueDate, statutoryDueDate: o.dueDate, uncoveredYears: [] } } : {}),
    submittedAt: o.endedAt, updatedAt: o.endedAt,
  });
}

export async function rating(targetId: string, o: { level: number; department?: string; createdAt: string; excluded?: boolean; isDefault?: boolean }) {
  await set('evaluation_ratings', `R:application:${targetId}`, {
    openid: 'citizen-openid', requestId: targetId, targetType: 'application', targetId, matterId: PSB_MATTER, title: '居住证申领',
    ...(o.department ? { department: o.department, departmentName: o.department } : {}), level: o.level, options: [], optionsVersion: '1',
    isDefault: !!o.isDefault, ...(o.excluded ? { excluded: true } : {}), endedAt: o.createdAt, createdAt: o.createdAt,
  });
}

/**
 * Yesterday: psb completed A1 (on time, 2 days) and A2 (late, 8 days, 补正), hrss completed A3
 * (即办件); psb A4 still open and overdue. Ratings: A2 ★2 (psb, its ticket contacted and
 * rectified late), A3 ★4 excluded by an upheld appeal (hrss). Bookings of a psb matter: one
 * checked in, one no-show, one cancelled, in a slot of 10. Consult: 3 bot answers (one handoff,
 * one thumbs-down), one inbox question answered after 30 minutes. Push: an event sent in 3 s and
 * opened, one failed 43101, one campaign message sent.
 */
export async function writeKnownDay(): Promise<void> {
  const day = yesterday();
  const at = noonOf(day);
  await application('A1', { status: 'completed', department: 'psb', endedAt: at, dueDate: addDays(day, 5), usedDays: 2 });
  await application('A2', { status: 'completed', department: 'psb', endedAt: at, dueDate: addDays(day, -3), usedDays: 8, supplemented: true });
  await application('A3', { status: 'completed', department: 'hrss', endedAt: at });
  await application('A4', { status: 'accepted', department: 'psb', endedAt: at, dueDate: '2020-01-02' });
  await rating('A2', { level: 2, department: 'psb', createdAt: noonOf(day, HOUR) });
  await rating('A3', { level: 4, department: 'hrss', createdAt: noonOf(day, HOUR), excluded: true });
  await set('evaluation_tickets', 'T:application:A2', {
    ratingId: 'R:application:A2', targetType: 'application', targetId: 'A2', targetNo: 'BJA2', title: '居住证申领', department: 'psb', unitName: '示例市公安局',
    level: 2, options: [], openid: 'citizen-openid', status: 'closed', dueDate: day, version: 4, resolution: 'immediate', contactedAt: noonOf(day, 2 * HOUR),
    rectified: true, rectifiedOnTime: false, timeline: [], createdAt: noonOf(day, HOUR), updatedAt: noonOf(day, 3 * HOUR),
  });
  for (const [id, status] of [['B1', 'checkedIn'], ['B2', 'noShow'], ['B3', 'cancelled']] as const) {
    await set('bookings', id, {
      no: `YY${id}`, code: '12345678', openid: 'citizen-openid', requestId: id, matterId: PSB_MATTER, matterName: '居住证申领', hallId: 'hall-center', hallName: '市民中心',
      hallAddress: '', group: 'g', groupName: 'g', slotId: 'S1', date: day, start: '09:00', end: '09:30', startAt: noonOf(day), endAt: noonOf(day, HOUR), status, createdAt: noonOf(day, -48 * HOUR),
    });
  }
  await set('booking_slots', 'S1', { hallId: 'hall-center', group: 'g', date: day, start: '09:00', end: '09:30', startAt: noonOf(day), endAt: noonOf(day, HOUR), capacity: 10, left: 7, held: 0, state: 'open' });
  for (const [id, type] of [['M1', 'answer'], ['M2', 'answer'], ['M3', 'handoff']] as const) {
    await set('consult_messages', id, { conversationId: 'cv1', openid: 'citizen-openid', role: 'bot', text: '答复', at, channel: 'app', type, question: `问题${id}`, day });
  }
  await set('consult_feedback', 'M2', { openid: 'citizen-openid', helpful: false, at, conversationId: 'cv1', question: '问题M2', key: '', answerId: null });
  await set('consult_inbox', 'Q1', { conversationId: 'cv1', openid: 'citizen-openid', question: '问题M3', status: 'answered', at, channel: 'app', answeredAt: noonOf(day, 30 * 60_000) });
  const created = Date.parse(at);
  const delivery = (id: string, extra: Record<string, unknown>) => set('push_deliveries', id, {
    source: 'event', sourceId: 'ev', openid: 'citizen-openid', channel: 'mp', templateKey: 'caseStatus', templateId: 't', category: 'case', data: {}, page: '',
    priority: 50, nextAt: created, deadline: created + HOUR, attempts: 1, clientMsgId: id, createdAt: created, updatedAt: created, ...extra,
  });
  await delivery('e:ev1:citizen-openid', { status: 'sent', sentAt: new Date(created + 3000).toISOString() });
  await delivery('e:ev2:citizen-openid', { status: 'failed', errcode: 43101 });
  await delivery('c:camp:citizen-openid', { source: 'campaign', campaignId: 'camp', status: 'sent', sentAt: new Date(created + 60_000).toISOString() });
  await set('push_opens', 'e:ev1:citizen-openid', { campaignId: null, openid: 'citizen-openid', at });
}
