/** 差评工单 list order: open tickets first by due date (overdue lead), then closed ones by last update, newest first. */
import { sdk } from '../../local-cloud';
import { ADMIN, call, expectOk, POLICE_CLERK, startCloud } from './harness';
import { orderTickets } from '../../core/evaluation/ticket';

process.env.PUSH_KICK = 'off';

const HALL_CLERK = 'staff-hall-openid';

async function ticket(id: string, status: string, dueDate: string, updatedAt: string, extra: Record<string, unknown> = {}) {
  await sdk.database().collection('evaluation_tickets').doc(id).set({ data: {
    ratingId: `r-${id}`, targetType: 'application', targetId: `A-${id}`, targetNo: 'BJ1', title: '居民身份证补领', department: 'psb', unitName: '示例市公安局',
    level: 2, options: [], openid: 'citizen-openid', timeline: [], status, dueDate, version: 1, createdAt: updatedAt, updatedAt, ...extra,
  } });
}

beforeEach(async () => {
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: POLICE_CLERK, name: '李警官', role: 'staff', departments: ['psb'], active: true }, ADMIN));
  expectOk(await call('account', 'setStaff', { openid: HALL_CLERK, name: '窗口', role: 'staff', departments: ['psb'], halls: ['center'], active: true }, ADMIN));
});

it('lists the new 待回访 ticket before closed ones, overdue first, closed newest-updated first, each once', async () => {
  await ticket('closed-old', 'closed', '2000-01-01', '2026-10-01T00:00:00.000Z');
  await ticket('closed-new', 'closed', '2000-01-02', '2026-12-01T00:00:00.000Z', { hall: 'center' });
  await ticket('closed-mid', 'closed', '2099-01-01', '2026-11-01T00:00:00.000Z');
  await ticket('new', 'contacting', '2099-12-31', '2026-12-07T00:00:00.000Z');
  await ticket('overdue', 'rectifying', '2001-01-01', '2026-09-01T00:00:00.000Z', { hall: 'center' });
  const ids = (openid: string) => call('evaluation', 'tickets', {}, openid).then((r) => expectOk(r).items.map((t: { id: string }) => t.id));
  const expected = ['overdue', 'new', 'closed-new', 'closed-mid', 'closed-old'];
  expect(await ids(POLICE_CLERK)).toEqual(expected);
  expect(await ids(HALL_CLERK)).toEqual(expected);
  expect(await ids(ADMIN)).toEqual(expected);
  expect(expectOk(await call('evaluation', 'tickets', { status: 'closed' }, POLICE_CLERK)).items.map((t: { id: string }) => t.id)).toEqual(['closed-new', 'closed-mid', 'closed-old']);
  expect(expectOk(await call('evaluation', 'tickets', { status: 'contacting' }, POLICE_CLERK)).items.map((t: { id: string }) => t.id)).toEqual(['new']);
});

it('orderTickets is pure and stable', () => {
  const t = (_id: string, status: 'closed' | 'contacting', dueDate: string, updatedAt: string) => ({ _id, status, dueDate, updatedAt });
  expect(orderTickets([t('c', 'closed', '2020-01-01', '2026-01-02'), t('b', 'contacting', '2026-02-01', '2026-01-01'), t('a', 'contacting', '2026-01-01', '2026-01-01')]).map((x) => x._id))
    .toEqual(['a', 'b', 'c']);
});
