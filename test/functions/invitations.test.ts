/**
 * Staff onboarding by one-time invitation: admin creates → employee previews and binds with the
 * openid WeChat reports → admin sees the binding and can revoke it. Single use under 20
 * concurrent accepts, expiry, and no re-binding by staff already in the department.
 */
import { CODE_PATTERN } from '../../core/account/invitation';
import { ADMIN, CITIZEN, POLICE_CLERK, call, callBad, expectOk, startCloud } from './harness';

const NEWCOMER = 'newcomer-openid-0001';

async function create(params: Record<string, unknown> = {}, openid = ADMIN) {
  return call('account', 'createInvitation', { role: 'staff', departments: ['psb'], ...params }, openid);
}

async function whoami(openid: string) {
  return expectOk(await call('account', 'whoami', {}, openid));
}

beforeEach(async () => {
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: POLICE_CLERK, name: '李警官', role: 'staff', departments: ['psb'], active: true }, ADMIN));
});

describe('account: staff invitations', () => {
  it('only admins create invitations; the code is short, the QR path points at the join page, expiry defaults to 72 h', async () => {
    expect(await create({}, POLICE_CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await create({}, CITIZEN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const inv = expectOk(await create({ grants: ['consult'], halls: ['city-hall'] }));
    expect(inv.code).toMatch(CODE_PATTERN);
    expect(inv.path).toBe(`packages/staff/pages/join/index?code=${inv.code}`);
    expect(inv.status).toBe('open');
    const hours = (Date.parse(inv.expiresAt) - Date.parse(inv.createdAt)) / 3600_000;
    expect(hours).toBe(72);
    expect(inv).toMatchObject({ role: 'staff', departments: ['psb'], halls: ['city-hall'], grants: ['consult'] });
  });

  it('refuses a staff invitation without a department, with a Chinese message', async () => {
    const res = await create({ departments: [] });
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(res.ok ? '' : res.message).toContain('请至少选择一个所属部门');
  });

  it('binds the caller by their WeChat openid, not by anything in the body', async () => {
    const inv = expectOk(await create({ grants: ['consult'] }));
    const preview = expectOk(await call('account', 'previewInvitation', { code: inv.code.toLowerCase() }, NEWCOMER));
    expect(preview).toMatchObject({ status: 'open', departments: ['psb'], alreadyStaff: false });

    // A forged openid field is refused at the edge.
    expect(await callBad('account', 'acceptInvitation', { code: inv.code, name: '王小明', openid: 'someone-else' }, NEWCOMER))
      .toMatchObject({ ok: false, code: 'INVALID_INPUT' });

    const me = expectOk(await call('account', 'acceptInvitation', { code: inv.code, name: ' 王小明 ' }, NEWCOMER));
    expect(me).toMatchObject({ openid: NEWCOMER, role: 'staff', departments: ['psb'], grants: ['consult'], name: '王小明' });
    expect(await whoami(NEWCOMER)).toMatchObject({ role: 'staff', departments: ['psb'], name: '王小明' });

    const listed = expectOk(await call('account', 'listInvitations', {}, ADMIN));
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ code: inv.code, status: 'used', boundName: '王小明', boundOpenidMasked: 'newc****0001', boundActive: true });
    expect(JSON.stringify(listed)).not.toContain(NEWCOMER);
  });

  it('is single-use under 20 concurrent accepts of one code', async () => {
    const inv = expectOk(await create());
    const callers = Array.from({ length: 20 }, (_, i) => `racer-openid-${String(i).padStart(4, '0')}`);
    const results = await Promise.all(callers.map((openid, i) => call('account', 'acceptInvitation', { code: inv.code, name: `员工${i}` }, openid)));
    const wins = results.filter((r) => r.ok);
    expect(wins).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) {
      expect(r).toMatchObject({ code: 'CONFLICT', message: '该邀请码已被使用，每个邀请码只能绑定一人' });
    }
    const staffRoles = await Promise.all(callers.map(async (o) => (await whoami(o)).role));
    expect(staffRoles.filter((r) => r === 'staff')).toHaveLength(1);
  });

  it('cannot be used after expiry, after revocation, or by staff already in the department', async () => {
    const inv = expectOk(await create({ expiresInHours: 1 }));
    // Only the clock moves; the local cloud's own scheduling stays real.
    jest.useFakeTimers({ now: Date.now() + 2 * 3600_000, doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    try {
      expect(await call('account', 'acceptInvitation', { code: inv.code, name: '迟到者' }, NEWCOMER))
        .toMatchObject({ ok: false, code: 'CONFLICT', message: '该邀请码已过期，请联系管理员重新生成' });
    } finally {
      jest.useRealTimers();
    }

    const clerkInv = expectOk(await create());
    expect(expectOk(await call('account', 'previewInvitation', { code: clerkInv.code }, POLICE_CLERK))).toMatchObject({ alreadyStaff: true });
    expect(await call('account', 'acceptInvitation', { code: clerkInv.code, name: '李警官' }, POLICE_CLERK))
      .toMatchObject({ ok: false, code: 'CONFLICT', message: '您已是该部门的工作人员，无需再次绑定' });

    const revoked = expectOk(await call('account', 'revokeInvitation', { code: clerkInv.code }, ADMIN));
    expect(revoked.status).toBe('revoked');
    expect(await call('account', 'acceptInvitation', { code: clerkInv.code, name: '王小明' }, NEWCOMER))
      .toMatchObject({ ok: false, code: 'CONFLICT', message: '该邀请码已被管理员撤销' });
    expect((await whoami(NEWCOMER)).role).toBe('citizen');

    expect(await call('account', 'acceptInvitation', { code: 'ZZZZZZZZ', name: '王小明' }, NEWCOMER))
      .toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('staff of another department gain the new department; revoking a used invitation deactivates the binding', async () => {
    const tax = expectOk(await create({ departments: ['tax'] }));
    const me = expectOk(await call('account', 'acceptInvitation', { code: tax.code, name: '李警官' }, POLICE_CLERK));
    expect(me.departments).toEqual(['psb', 'tax']);

    const inv = expectOk(await create());
    expectOk(await call('account', 'acceptInvitation', { code: inv.code, name: '王小明' }, NEWCOMER));
    expect(await call('account', 'revokeInvitation', { code: inv.code }, POLICE_CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const revoked = expectOk(await call('account', 'revokeInvitation', { code: inv.code }, ADMIN));
    expect(revoked).toMatchObject({ status: 'revoked', boundActive: false, boundName: '王小明' });
    expect((await whoami(NEWCOMER)).role).toBe('citizen');
    expect(await call('account', 'revokeInvitation', { code: inv.code }, ADMIN)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('refuses names with control or bidi-override characters', async () => {
    const inv = expectOk(await create());
    const res = await call('account', 'acceptInvitation', { code: inv.code, name: '王\u202e明' }, NEWCOMER);
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(res.ok ? '' : res.message).toMatch(/^姓名/);
  });
});

describe('account: Chinese on screen', () => {
  it('setStaff errors name the field and the reason in Chinese only', async () => {
    for (const openid of ['', 'has space']) {
      const res = await call('account', 'setStaff', { openid, name: '王', role: 'staff', departments: ['psb'], active: true }, ADMIN);
      expect(res.ok).toBe(false);
      expect(res.ok ? '' : res.message).not.toMatch(/[A-Za-z]/);
    }
  });
});
