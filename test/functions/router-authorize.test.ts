/**
 * The router's access path: role gate first, then the policy decides on the resource that
 * `authorize` loaded; handlers never see a call the policy refused. Plus the event-depth guard
 * and the time budget handed to handlers.
 */
import { z } from '../../core/zod-zh';
import { action, buildRouter, budgetOf, exceedsDepth, MAX_EVENT_DEPTH } from '../../cloudfunctions/shared/router';
import { configureLocalCloud, declareCollections, invokeFunction, registerFunction, resetLocalCloud } from '../../local-cloud';

const records: Record<string, { owner: string; department: string }> = {
  a1: { owner: 'citizen-1', department: 'psb' },
};
let handled: string[] = [];

const main = buildRouter({
  read: action({
    permission: 'case:read',
    params: z.object({ id: z.string() }).strict(),
    notFound: '没有找到该办件',
    authorize: async (p) => {
      const r = records[p.id];
      return r ? { resource: { ownerOpenid: r.owner, department: r.department }, entity: r } : null;
    },
    handler: async (p, { entity }) => { handled.push(`read:${p.id}`); return entity; },
  }),
  handle: action({
    permission: 'case:handle',
    params: z.object({ id: z.string() }).strict(),
    authorize: async (p) => {
      const r = records[p.id];
      return r ? { resource: { ownerOpenid: r.owner, department: r.department }, entity: r } : null;
    },
    handler: async (p) => { handled.push(`handle:${p.id}`); return 'done'; },
  }),
  budget: action({ permission: 'public', params: z.object({}).strict(), handler: async (_p, { remainingMs }) => remainingMs() }),
});

beforeEach(() => {
  resetLocalCloud();
  configureLocalCloud({ dataDir: ':memory:' });
  declareCollections(['staff']);
  registerFunction('demo', main);
  handled = [];
  process.env.ADMIN_OPENIDS = 'admin-1';
});

async function asStaff(openid: string, departments: string[]) {
  // The actor loader reads the `staff` collection; write the record the way account.setStaff does.
  const sdk = await import('../../local-cloud/sdk');
  const { runInvocation } = await import('../../local-cloud');
  await runInvocation({}, async () => {
    sdk.init({});
    await sdk.database().collection('staff').doc(openid).set({ data: { openid, name: '测试', role: 'staff', departments, active: true } });
  });
}

describe('router authorize step', () => {
  it('lets the owner and the handling department read, and hides the record from everyone else', async () => {
    await asStaff('staff-psb', ['psb']);
    await asStaff('staff-tax', ['tax']);
    expect(await invokeFunction('demo', { action: 'read', params: { id: 'a1' } }, { OPENID: 'citizen-1' })).toMatchObject({ ok: true });
    expect(await invokeFunction('demo', { action: 'read', params: { id: 'a1' } }, { OPENID: 'staff-psb' })).toMatchObject({ ok: true });
    const other = await invokeFunction('demo', { action: 'read', params: { id: 'a1' } }, { OPENID: 'citizen-2' });
    const missing = await invokeFunction('demo', { action: 'read', params: { id: 'nope' } }, { OPENID: 'citizen-2' });
    // Same answer whether it exists or not: nothing confirms someone else's record.
    expect(other).toEqual({ ok: false, code: 'NOT_FOUND', message: '没有找到该办件' });
    expect(missing).toEqual(other);
    expect(await invokeFunction('demo', { action: 'read', params: { id: 'a1' } }, { OPENID: 'staff-tax' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(handled).toEqual(['read:a1', 'read:a1']);
  });

  it('refuses a citizen at the role gate and another department at the resource', async () => {
    await asStaff('staff-tax', ['tax']);
    await asStaff('staff-psb', ['psb']);
    expect(await invokeFunction('demo', { action: 'handle', params: { id: 'a1' } }, { OPENID: 'citizen-1' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await invokeFunction('demo', { action: 'handle', params: { id: 'a1' } }, { OPENID: 'staff-tax' })).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '该办件不属于您所在部门' });
    expect(await invokeFunction('demo', { action: 'handle', params: { id: 'a1' } }, { OPENID: 'staff-psb' })).toEqual({ ok: true, data: 'done' });
    expect(await invokeFunction('demo', { action: 'handle', params: { id: 'a1' } }, { OPENID: 'admin-1' })).toEqual({ ok: true, data: 'done' });
    expect(handled).toEqual(['handle:a1', 'handle:a1']);
  });

  it('refuses events nested deeper than the limit with INVALID_INPUT, without walking them recursively', async () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 10_000; i += 1) { const next = {}; deep.x = next; deep = next; }
    expect(exceedsDepth(root, MAX_EVENT_DEPTH)).toBe(true);
    let ok: Record<string, unknown> = {};
    const shallow = ok;
    for (let i = 0; i < 10; i += 1) { const next = {}; ok.x = next; ok = next; }
    expect(exceedsDepth(shallow, MAX_EVENT_DEPTH)).toBe(false);
    // Straight into main, as WeChat would deliver it (the emulator's own copy is tested separately).
    const res = await main({ action: 'budget', params: root }) as { ok: boolean; code?: string; message?: string };
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(res.message).toContain('嵌套过深');
  });

  it('hands handlers the time left from the platform context', async () => {
    const withFn = budgetOf({ getRemainingTimeInMillis: () => 1234 });
    expect(withFn()).toBe(1234);
    const started = Date.now() - 500;
    const fromLimit = budgetOf({ time_limit_in_ms: 20_000 }, started);
    expect(fromLimit()).toBeLessThanOrEqual(19_500);
    expect(fromLimit()).toBeGreaterThan(19_000);
    expect(budgetOf(undefined, Date.now())()).toBeLessThanOrEqual(3000);
    const res = await main({ action: 'budget', params: {} }, { time_limit_in_ms: 60_000 }) as { ok: true; data: number };
    expect(res.data).toBeGreaterThan(59_000);
  });
});
