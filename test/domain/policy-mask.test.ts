import { coversDepartment, decide, parseAdminList, resolveActor } from '../../core/policy';
import { maskIdNumber, maskName, maskOpenid, maskPhone } from '../../core/mask';

describe('policy', () => {
  const staff = { role: 'staff' as const, departments: ['psb'], name: '李警官', active: true };

  it('derives roles from the admin list and active staff records only', () => {
    expect(resolveActor('a1', ['a1'], null).role).toBe('admin');
    expect(resolveActor('s1', [], staff).role).toBe('staff');
    expect(resolveActor('s1', [], { ...staff, active: false }).role).toBe('citizen');
    expect(resolveActor('c1', [], null).role).toBe('citizen');
    expect(resolveActor('', [''], null).role).toBe('citizen');
  });

  it('gates import to staff and staff management to admins', () => {
    const citizen = resolveActor('c1', [], null);
    const clerk = resolveActor('s1', [], staff);
    const admin = resolveActor('a1', ['a1'], null);
    expect(decide(citizen, 'catalogue:import')).toMatchObject({ allowed: false, reason: 'FORBIDDEN' });
    expect(decide(clerk, 'catalogue:import')).toEqual({ allowed: true });
    expect(decide(clerk, 'staff:manage')).toMatchObject({ allowed: false });
    expect(decide(admin, 'staff:manage')).toEqual({ allowed: true });
    expect(decide(resolveActor('', [], null), 'signed-in')).toMatchObject({ allowed: false, reason: 'UNAUTHENTICATED' });
    expect(decide(resolveActor('', [], null), 'public')).toEqual({ allowed: true });
  });

  it('limits staff to their departments', () => {
    const clerk = resolveActor('s1', [], staff);
    expect(coversDepartment(clerk, 'psb')).toBe(true);
    expect(coversDepartment(clerk, 'tax')).toBe(false);
    expect(coversDepartment(resolveActor('a1', ['a1'], null), 'tax')).toBe(true);
  });

  it('parses ADMIN_OPENIDS', () => {
    expect(parseAdminList(' a , b,,c ')).toEqual(['a', 'b', 'c']);
    expect(parseAdminList(undefined)).toEqual([]);
  });
});

describe('masking', () => {
  it('masks phone, ID, name and openid for display', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('110101199003077777')).toBe('110101********7777');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskOpenid('oABCDEFGHIJKLMN1234')).toBe('oABC****1234');
  });
});
