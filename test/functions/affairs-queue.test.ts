/** The staff queue's search by 办件编号: any status, only within the caller's departments; a paused case has no stale due date. */
import { makeOnlineMatter } from '../fixtures/online-matter';
import { ADMIN, CITIZEN, POLICE_CLERK, call, expectOk, startCloud } from './harness';

process.env.PUSH_KICK = 'off';
const HRSS_CLERK = 'staff-hrss-openid';

const matter = makeOnlineMatter();

beforeEach(async () => {
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: POLICE_CLERK, name: '李警官', role: 'staff', departments: ['psb'], active: true }, ADMIN));
  expectOk(await call('account', 'setStaff', { openid: HRSS_CLERK, name: '赵科员', role: 'staff', departments: ['hrss'], active: true }, ADMIN));
  expect(expectOk(await call('matters', 'import', { format: 'json', content: JSON.stringify({ version: 1, matters: [matter] }) }, ADMIN)).applied).toBe(true);
});

const submit = async (requestId: string) => expectOk(await call('affairs', 'submit', {
  matterId: matter.implementationCode, requestId, form: { name: '张三' }, materials: [],
}, CITIZEN));

it('finds one case by 办件编号 in any status within the department, nothing elsewhere', async () => {
  const a = await submit('req-queue-search-1');
  await submit('req-queue-search-2');
  expectOk(await call('affairs', 'act', { id: a.id, action: 'accept' }, POLICE_CLERK));
  expectOk(await call('affairs', 'act', { id: a.id, action: 'complete', comment: '办结', result: { decision: '准予', expressNo: 'SF1000001' } }, POLICE_CLERK));

  const found = expectOk(await call('affairs', 'queue', { no: a.no.toLowerCase() }, POLICE_CLERK));
  expect(found.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([[a.id, 'completed']]);
  expect(found.total).toBe(1);
  expect(expectOk(await call('affairs', 'queue', { no: a.no }, HRSS_CLERK)).items).toEqual([]);
  expect(await call('affairs', 'queue', { no: 'BJ123' }, POLICE_CLERK)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('办件编号') });
});

it('lists a suspended case with its days left and no due date', async () => {
  const a = await submit('req-queue-paused-1');
  expectOk(await call('affairs', 'act', { id: a.id, action: 'accept' }, POLICE_CLERK));
  expectOk(await call('affairs', 'act', { id: a.id, action: 'suspend', comment: '组织专家评审' }, POLICE_CLERK));
  const [row] = expectOk(await call('affairs', 'queue', { status: 'suspended' }, POLICE_CLERK)).items;
  expect(row).toMatchObject({ id: a.id, urgency: 'paused', workdaysLeft: expect.any(Number) });
  expect(row).not.toHaveProperty('dueDate');
});
