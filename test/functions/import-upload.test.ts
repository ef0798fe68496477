/** Files above callFunction's ~100 KB go through cloud storage: `{ format, fileID }`. */
import { mattersToCsv } from '../../core/matter/import-format';
import { MAX_INLINE_IMPORT_BYTES } from '../../core/matter/import';
import { matterSchema } from '../../core/matter/schema';
import cloud = require('../../local-cloud/sdk');
import { makeMatter } from '../fixtures/matter-factory';
import { ADMIN, POLICE_CLERK, call, expectOk, startCloud } from './harness';

async function upload(cloudPath: string, content: string) {
  return (await cloud.uploadFile({ cloudPath, fileContent: Buffer.from(content, 'utf8') })).fileID;
}

beforeEach(async () => {
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: POLICE_CLERK, name: '李警官', role: 'staff', departments: ['psb'], active: true }, ADMIN));
});

describe('matters.import through cloud storage', () => {
  it('imports a 2 000-matter CSV by fileID', async () => {
    const matters = Array.from({ length: 2000 }, (_, i) => matterSchema.parse(makeMatter({ name: `批量事项${i}` })));
    const csv = mattersToCsv(matters);
    expect(Buffer.byteLength(csv)).toBeGreaterThan(1024 * 1024);
    const fileID = await upload(`uploads/${ADMIN}/catalogue.csv`, csv);
    const report = expectOk(await call('matters', 'import', { format: 'csv', fileID }, ADMIN));
    expect(report).toMatchObject({ applied: true, total: 2000, created: 2000, updated: 0 });
    expect(expectOk(await call('matters', 'home')).totals.matters).toBe(2000);
    const last = matters[1999];
    expect(expectOk(await call('matters', 'get', { id: last.implementationCode })).name).toBe('批量事项1999');
  }, 120_000);

  it('only takes the caller\'s own upload', async () => {
    const content = JSON.stringify([makeMatter()]);
    const adminsFile = await upload(`uploads/${ADMIN}/x.json`, content);
    expect(await call('matters', 'import', { format: 'json', fileID: adminsFile }, POLICE_CLERK)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const outside = await upload('public/x.json', content);
    expect(await call('matters', 'import', { format: 'json', fileID: outside }, ADMIN)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const missing = `cloud://local-env.local/uploads/${ADMIN}/none.json`;
    expect(await call('matters', 'import', { format: 'json', fileID: missing }, ADMIN)).toMatchObject({ ok: false, code: 'NOT_FOUND', message: expect.stringContaining('重新选择文件上传') });
    const mine = await upload(`uploads/${POLICE_CLERK}/x.json`, content);
    expect(expectOk(await call('matters', 'import', { format: 'json', fileID: mine }, POLICE_CLERK))).toMatchObject({ applied: true, created: 1 });
  });

  it('refuses inline content above 90 KB with a message that says to upload the file', async () => {
    // Between the function's 90 KB and WeChat's 100 KB data cap: the function must answer.
    const content = 'a'.repeat(MAX_INLINE_IMPORT_BYTES + 1);
    const res = await call('matters', 'import', { format: 'json', content }, ADMIN);
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect((res as { message: string }).message).toContain('上传');
    // Counted in bytes, as WeChat counts: 31 000 Chinese characters are 93 000 bytes.
    const chinese = await call('matters', 'import', { format: 'csv', content: '事'.repeat(31_000) }, ADMIN);
    expect(chinese).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('90 KB') });
    // A whole 60-matter export inline is over WeChat's 100 KB callFunction cap: the platform refuses it first.
    const matters = JSON.stringify(Array.from({ length: 60 }, () => makeMatter()));
    await expect(call('matters', 'import', { format: 'json', content: matters }, ADMIN)).rejects.toMatchObject({ errMsg: 'cloud.callFunction:fail data exceed max size' });
  });
});
