import { decide, resolveActor, type Actor, type Permission } from '../../core/policy';

const citizen = resolveActor('c1', [], null);
const otherCitizen = resolveActor('c2', [], null);
const psbClerk = resolveActor('s-psb', [], { role: 'staff', departments: ['psb'], active: true });
const taxClerk = resolveActor('s-tax', [], { role: 'staff', departments: ['tax'], active: true });
const hallStaff = resolveActor('s-hall', [], { role: 'staff', departments: [], halls: ['hall-center'], active: true });
const agent = resolveActor('s-agent', [], { role: 'staff', departments: [], grants: ['consult', 'knowledge'], active: true });
const pusher = resolveActor('s-push', [], { role: 'staff', departments: [], grants: ['push'], active: true });
const approver = resolveActor('s-approve', [], { role: 'staff', departments: [], grants: ['approve'], active: true });
const admin = resolveActor('a1', ['a1'], null);
const admin2 = resolveActor('a2', [], { role: 'admin', departments: [], active: true });

const allowed = (actor: Actor, p: Permission, r?: Parameters<typeof decide>[2]) => decide(actor, p, r).allowed;
const reason = (actor: Actor, p: Permission, r?: Parameters<typeof decide>[2]) => {
  const d = decide(actor, p, r);
  return d.allowed ? 'ALLOWED' : d.reason;
};

describe('resource-aware policy', () => {
  it('checks imports against the department of each matter, stored and incoming', () => {
    expect(allowed(psbClerk, 'catalogue:import', { department: 'psb' })).toBe(true);
    expect(reason(psbClerk, 'catalogue:import', { department: 'tax' })).toBe('FORBIDDEN');
    expect(allowed(admin, 'catalogue:import', { department: 'tax' })).toBe(true);
    expect(reason(citizen, 'catalogue:import', { department: 'psb' })).toBe('FORBIDDEN');
  });

  it('lets a citizen see only their own records and answers NOT_FOUND for anyone else', () => {
    expect(allowed(citizen, 'citizen:own', { ownerOpenid: 'c1' })).toBe(true);
    expect(reason(otherCitizen, 'citizen:own', { ownerOpenid: 'c1' })).toBe('NOT_FOUND');
    expect(reason(psbClerk, 'citizen:own', { ownerOpenid: 'c1' })).toBe('NOT_FOUND');
  });

  it('opens a case to its owner and the handling department only', () => {
    const caseOfPsb = { ownerOpenid: 'c1', department: 'psb' };
    expect(allowed(citizen, 'case:read', caseOfPsb)).toBe(true);
    expect(allowed(psbClerk, 'case:read', caseOfPsb)).toBe(true);
    expect(allowed(admin, 'case:read', caseOfPsb)).toBe(true);
    expect(reason(taxClerk, 'case:read', caseOfPsb)).toBe('NOT_FOUND');
    expect(reason(otherCitizen, 'case:read', caseOfPsb)).toBe('NOT_FOUND');
  });

  it('lets only the handling department act on a case', () => {
    expect(reason(citizen, 'case:handle')).toBe('FORBIDDEN');
    expect(allowed(psbClerk, 'case:handle')).toBe(true); // role gate before the case is loaded
    expect(allowed(psbClerk, 'case:handle', { department: 'psb', ownerOpenid: 'c1' })).toBe(true);
    expect(reason(taxClerk, 'case:handle', { department: 'psb', ownerOpenid: 'c1' })).toBe('FORBIDDEN');
    // Owning a case does not let a citizen handle it.
    expect(reason(citizen, 'case:handle', { department: 'psb', ownerOpenid: 'c1' })).toBe('FORBIDDEN');
  });

  it('gates hall operations by the hall', () => {
    expect(allowed(hallStaff, 'hall:operate', { hall: 'hall-center' })).toBe(true);
    expect(reason(hallStaff, 'hall:operate', { hall: 'hall-exit-entry' })).toBe('FORBIDDEN');
    expect(reason(psbClerk, 'hall:operate', { hall: 'hall-center' })).toBe('FORBIDDEN');
    expect(reason(citizen, 'hall:operate')).toBe('FORBIDDEN');
    expect(allowed(admin, 'hall:manage', { hall: 'hall-exit-entry' })).toBe(true);
  });

  it('gives grants, not roles, the consult, knowledge and push duties', () => {
    expect(allowed(agent, 'consult:answer')).toBe(true);
    expect(allowed(agent, 'knowledge:manage')).toBe(true);
    expect(reason(psbClerk, 'knowledge:manage')).toBe('FORBIDDEN');
    expect(allowed(pusher, 'push:campaign')).toBe(true);
    expect(reason(agent, 'push:campaign')).toBe('FORBIDDEN');
    expect(allowed(pusher, 'notice:publish')).toBe(true);
    expect(reason(citizen, 'notice:publish')).toBe('FORBIDDEN');
  });

  it('never lets anyone approve their own campaign, admins included', () => {
    expect(allowed(approver, 'push:approve', { createdBy: 's-push' })).toBe(true);
    expect(reason(approver, 'push:approve', { createdBy: 's-approve' })).toBe('FORBIDDEN');
    expect(reason(pusher, 'push:approve', { createdBy: 'a1' })).toBe('FORBIDDEN');
    expect(allowed(admin, 'push:approve', { createdBy: 'a2' })).toBe(true);
    expect(reason(admin, 'push:approve', { createdBy: 'a1' })).toBe('FORBIDDEN');
    expect(allowed(admin2, 'push:approve', { createdBy: 'a1' })).toBe(true);
  });

  it('never lets anyone handle, unmask or check in what they applied for or booked themselves', () => {
    // The clerk applied for a psb matter with their own account.
    const ownCase = { department: 'psb', ownerOpenid: 's-psb' };
    expect(reason(psbClerk, 'case:handle', ownCase)).toBe('FORBIDDEN');
    expect(decide(psbClerk, 'case:handle', ownCase)).toMatchObject({ message: expect.stringContaining('本人') });
    expect(reason(admin, 'case:handle', { department: 'psb', ownerOpenid: 'a1' })).toBe('FORBIDDEN');
    expect(allowed(admin2, 'case:handle', { department: 'psb', ownerOpenid: 'a1' })).toBe(true);
    // Reading one's own case stays open (as its applicant).
    expect(allowed(psbClerk, 'case:read', ownCase)).toBe(true);
    // Hall staff cannot check in or mark a no-show on their own booking.
    expect(reason(hallStaff, 'hall:operate', { hall: 'hall-center', ownerOpenid: 's-hall' })).toBe('FORBIDDEN');
    expect(allowed(hallStaff, 'hall:operate', { hall: 'hall-center', ownerOpenid: 'c1' })).toBe(true);
  });

  it('keeps the working-day calendar and staff management to admins', () => {
    expect(reason(psbClerk, 'calendar:manage')).toBe('FORBIDDEN');
    expect(allowed(admin2, 'calendar:manage')).toBe(true);
    expect(reason(resolveActor('', [], null), 'citizen:own', { ownerOpenid: '' })).toBe('UNAUTHENTICATED');
  });

  it('gives an inactive staff record no powers', () => {
    const gone = resolveActor('s-old', [], { role: 'staff', departments: ['psb'], grants: ['push'], halls: ['hall-center'], active: false });
    expect(gone).toMatchObject({ role: 'citizen', departments: [], halls: [], grants: [] });
    expect(reason(gone, 'push:campaign')).toBe('FORBIDDEN');
  });
});

describe('department scope for staff listings', () => {
  it('is every department for admins, their own for staff, none for citizens', () => {
    const { departmentScope } = require('../../core/policy') as typeof import('../../core/policy');
    expect(departmentScope(admin)).toBe('all');
    expect(departmentScope(psbClerk)).toEqual(['psb']);
    expect(departmentScope(hallStaff)).toEqual([]);
    expect(departmentScope(citizen)).toEqual([]);
  });
});

describe('an agent opening a record beside an inbox question', () => {
  it('sees the asking citizen\'s own record, nobody else\'s, never their own, and only with the consult grant', () => {
    expect(allowed(agent, 'consult:answer', { ownerOpenid: 'c1', askerOpenid: 'c1' })).toBe(true);
    expect(allowed(admin, 'consult:answer', { ownerOpenid: 'c1', askerOpenid: 'c1' })).toBe(true);
    expect(reason(agent, 'consult:answer', { ownerOpenid: 'c2', askerOpenid: 'c1' })).toBe('NOT_FOUND');
    expect(reason(agent, 'consult:answer', { ownerOpenid: 'c1' })).toBe('NOT_FOUND');
    // The agent asked the question themselves: their own case is for a colleague.
    expect(reason(agent, 'consult:answer', { ownerOpenid: 's-agent', askerOpenid: 's-agent' })).toBe('FORBIDDEN');
    expect(reason(psbClerk, 'consult:answer', { ownerOpenid: 'c1', askerOpenid: 'c1' })).toBe('FORBIDDEN');
    expect(reason(citizen, 'consult:answer', { ownerOpenid: 'c1', askerOpenid: 'c1' })).toBe('FORBIDDEN');
  });
});
