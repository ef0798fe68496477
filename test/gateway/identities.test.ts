/**
 * One preview-identity list (local-cloud/gateway/identities.ts): the seed creates exactly its
 * staff records, so each identity is who the switcher says it is.
 */
import { PREVIEW_IDENTITIES, previewStaffRecords } from '../../local-cloud/gateway/identities';
import { SEED_STAFF, seed } from '../../scripts/seed';
import { ADMIN, call, callRaw, expectOk, startCloud } from '../functions/harness';

describe('preview identities', () => {
  it('are the eight agreed people, each with a Chinese description', () => {
    expect(PREVIEW_IDENTITIES.map((i) => i.openid)).toEqual([
      'local-citizen', 'local-citizen-2', 'local-staff-psb', 'local-staff-hrss', 'local-staff-hall', 'local-agent', 'local-admin', 'local-admin-2',
    ]);
    for (const i of PREVIEW_IDENTITIES) expect(i.description).toMatch(/[\u4e00-\u9fa5]{6,}/);
    expect(SEED_STAFF).toEqual(previewStaffRecords());
    expect(SEED_STAFF.map((s) => s.openid)).toEqual(['local-staff-psb', 'local-staff-hrss', 'local-staff-hall', 'local-agent', 'local-admin', 'local-admin-2']);
  });

  it('after seeding, whoami answers for each identity exactly as the list says', async () => {
    startCloud();
    await seed((fn, data, openid) => callRaw(fn, data, openid), ADMIN, () => undefined);
    const who = async (openid: string) => expectOk(await call('account', 'whoami', {}, openid));
    expect(await who('local-citizen')).toMatchObject({ role: 'citizen', departments: [] });
    expect(await who('local-citizen-2')).toMatchObject({ role: 'citizen' });
    expect(await who('local-staff-psb')).toMatchObject({ role: 'staff', name: '李警官', departments: ['psb', 'exit-entry'], halls: [], grants: [] });
    expect(await who('local-staff-hrss')).toMatchObject({ role: 'staff', name: '王科员', departments: ['hrss', 'healthcare-security'] });
    expect(await who('local-staff-hall')).toMatchObject({ role: 'staff', name: '赵主任', departments: [], halls: ['hall-center'] });
    expect(await who('local-agent')).toMatchObject({ role: 'staff', name: '陈坐席', grants: ['consult', 'knowledge'] });
    expect(await who('local-admin-2')).toMatchObject({ role: 'admin', name: '数据局审批员' });
    expect(await who('local-admin')).toMatchObject({ role: 'admin', name: '数据局管理员' });
  });
});
