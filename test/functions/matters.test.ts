import { mattersToCsv } from '../../core/matter/import-format';
import { matterSchema } from '../../core/matter/schema';
import { makeMatter } from '../fixtures/matter-factory';
import cloud = require('../../local-cloud/sdk');
import { ADMIN, CITIZEN, POLICE_CLERK, call, callRaw, expectOk, startCloud } from './harness';
import { sdk } from '../../local-cloud';

const police = { code: 'psb', name: '示例市公安局', creditCode: '11999900MB0P12301G' };
const tax = { code: 'tax', name: '国家税务总局示例市税务局', creditCode: '11999900MB0T80032F' };

const catalogue = [
  makeMatter({ name: '居民身份证补领', keywords: ['身份证丢了'], department: police, themes: ['户籍'] }),
  makeMatter({ name: '居民身份证换领', keywords: ['身份证过期'], department: police, themes: ['户籍'] }),
  makeMatter({ name: '新生儿出生登记', keywords: ['报户口'], department: police, themes: ['户籍', '婚育'], lifeEvents: ['newborn'] }),
  makeMatter({ name: '个人所得税综合所得汇算清缴', keywords: ['个税退税'], department: tax, themes: ['税务'],
    channels: { onsiteVisits: 0, onlineDepth: 4, mobile: true, appointment: false, postal: false, scope: '跨省通办' } }),
];

async function importAs(openid: string, matters = catalogue, dryRun = false) {
  return call('matters', 'import', { format: 'json', content: JSON.stringify({ version: 1, matters }), dryRun }, openid);
}

/** The published version's stored rows, by 实施编码. */
async function publishedRows(): Promise<{ implementationCode: string; updatedAt: string }[]> {
  const db = cloud.database();
  const { published } = (await db.collection('meta').doc('catalogue').get()).data as { published: string };
  const { data } = await db.collection('matter_versions').where({ catalogueVersion: published }).limit(1000).get();
  return (data as { implementationCode: string; updatedAt: string }[]).sort((a, b) => a.implementationCode.localeCompare(b.implementationCode));
}

async function matterCount() {
  return expectOk(await call('matters', 'home')).totals.matters;
}

beforeEach(async () => {
  startCloud();
  expectOk(await call('account', 'setStaff', { openid: POLICE_CLERK, name: '李警官', role: 'staff', departments: ['psb'], active: true }, ADMIN));
});

describe('matters: import', () => {
  it('lets an admin import a catalogue and reports created, then updated', async () => {
    const first = expectOk(await importAs(ADMIN));
    expect(first).toMatchObject({ applied: true, total: 4, created: 4, updated: 0, errors: [] });
    const changed = catalogue.map((m) => ({ ...m, summary: `${m.summary}（修订）` }));
    const second = expectOk(await importAs(ADMIN, changed));
    expect(second).toMatchObject({ applied: true, created: 0, updated: 4 });
    expect(await matterCount()).toBe(4);
  });

  it('counts a re-import of identical data as 0 updates, in a dry run and applied, and keeps updatedAt', async () => {
    expectOk(await importAs(ADMIN));
    const before = await publishedRows();
    // Key order and omitted defaults differ from what is stored; the content does not.
    const reordered = catalogue.map((m) => Object.fromEntries(Object.entries(m).reverse().filter(([, v]) => !(Array.isArray(v) && v.length === 0))));
    expect(expectOk(await importAs(ADMIN, reordered as never, true))).toMatchObject({ dryRun: true, total: 4, created: 0, updated: 0 });
    expect(expectOk(await importAs(ADMIN, reordered as never))).toMatchObject({ applied: true, total: 4, created: 0, updated: 0 });
    const after = await publishedRows();
    expect(after.map((r) => [r.implementationCode, r.updatedAt])).toEqual(before.map((r) => [r.implementationCode, r.updatedAt]));

    // One changed field is one update, in the dry run as applied; only that row's updatedAt moves.
    const edited = catalogue.map((m, i) => (i === 1 ? { ...m, keywords: [...(m.keywords ?? []), '身份证到期'] } : m));
    expect(expectOk(await importAs(ADMIN, edited, true))).toMatchObject({ created: 0, updated: 1 });
    expect(expectOk(await importAs(ADMIN, [...edited, makeMatter({ name: '临时身份证办理', department: police })]))).toMatchObject({ created: 1, updated: 1 });
    const first = new Map(before.map((r) => [r.implementationCode, r.updatedAt]));
    const last = new Map((await publishedRows()).map((r) => [r.implementationCode, r.updatedAt]));
    expect(last.get(catalogue[0].implementationCode)).toBe(first.get(catalogue[0].implementationCode));
    expect(last.get(catalogue[1].implementationCode)).not.toBe(first.get(catalogue[1].implementationCode));
  });

  it('dry run reports what would change and writes nothing', async () => {
    const report = expectOk(await importAs(ADMIN, catalogue, true));
    expect(report).toMatchObject({ dryRun: true, applied: false, created: 4 });
    expect(await matterCount()).toBe(0);
  });

  it('forbids citizens and anonymous callers', async () => {
    expect(await importAs(CITIZEN)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const anon = await call('matters', 'import', { format: 'json', content: '[]' });
    expect(anon).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await matterCount()).toBe(0);
  });

  it('keeps staff to their own departments and writes nothing when one row is out of scope', async () => {
    const report = expectOk(await importAs(POLICE_CLERK));
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([expect.objectContaining({ row: 4, field: '实施主体', message: '您无权导入“国家税务总局示例市税务局”的事项' })]);
    expect(await matterCount()).toBe(0);
    const own = expectOk(await importAs(POLICE_CLERK, catalogue.slice(0, 3)));
    expect(own).toMatchObject({ applied: true, created: 3 });
  });

  it('rejects a CSV with broken rows as a whole, with row numbers', async () => {
    const csv = mattersToCsv(catalogue.map((m) => matterSchema.parse(m)));
    const lines = csv.split('\r\n');
    lines[2] = lines[2].replace(',国家税务总局', ',').replace(/,承诺件,/, ',快件,');
    lines[3] = '"unterminated,quote';
    const report = expectOk(await call('matters', 'import', { format: 'csv', content: lines.join('\r\n') }, ADMIN));
    expect(report.applied).toBe(false);
    expect(report.errors.map((e: { row: number }) => e.row)).toEqual(expect.arrayContaining([3, 4]));
    expect(report.errors.find((e) => e.row === 3)?.message).toContain('取值须为：即办件、承诺件');
    expect(await matterCount()).toBe(0);
  });

  it('imports a valid CSV and records an audit log entry', async () => {
    const importLogs = async () =>
      (await sdk.database().collection('import_logs').orderBy('at', 'asc').get()).data as Record<string, unknown>[];
    expect(await importLogs()).toEqual([]);
    const before = Date.now();
    const csv = mattersToCsv(catalogue.map((m) => matterSchema.parse(m)));
    expect(expectOk(await call('matters', 'import', { format: 'csv', content: csv }, ADMIN))).toMatchObject({ applied: true, created: 4 });
    const hits = expectOk(await call('matters', 'search', { q: '个税' }));
    expect(hits.hits[0].name).toBe('个人所得税综合所得汇算清缴');

    const [entry] = await importLogs();
    expect(entry).toMatchObject({ openid: ADMIN, format: 'csv', total: 4, created: 4, updated: 0, version: 1 });
    const at = Date.parse(String(entry.at));
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);

    // A second import by a clerk is its own entry, with its own caller, format and counts.
    expectOk(await importAs(POLICE_CLERK, catalogue.slice(0, 2)));
    const logs = await importLogs();
    expect(logs).toHaveLength(2);
    expect(logs[1]).toMatchObject({ openid: POLICE_CLERK, format: 'json', total: 2, created: 0, updated: 0 });
  });
});

describe('matters: import stays within departments (stored and incoming)', () => {
  const taxMatter = catalogue[3];

  it('refuses a clerk taking over another department\'s matter by its 实施编码, and writes nothing', async () => {
    expectOk(await importAs(ADMIN));
    const takeover = { ...taxMatter, name: '公安局接管的事项', department: police };
    const report = expectOk(await importAs(POLICE_CLERK, [catalogue[0], takeover]));
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([expect.objectContaining({
      row: 2, implementationCode: taxMatter.implementationCode, field: '实施编码',
      message: '该实施编码已登记为“国家税务总局示例市税务局”的事项，您无权修改或转移',
    })]);
    const cancel = { ...taxMatter, status: '取消' as const, department: police };
    expect(expectOk(await importAs(POLICE_CLERK, [cancel])).applied).toBe(false);
    const stored = expectOk(await call('matters', 'get', { id: taxMatter.implementationCode }));
    expect(stored).toMatchObject({ name: taxMatter.name, status: '在用', department: tax });
    expect(await matterCount()).toBe(4);
  });

  it('refuses a matter under the clerk\'s code dressed in another department\'s name and credit code', async () => {
    const forged = makeMatter({ name: '冒名事项', department: { code: 'psb', name: tax.name, creditCode: tax.creditCode } });
    const report = expectOk(await importAs(POLICE_CLERK, [forged]));
    expect(report.applied).toBe(false);
    expect(report.errors[0].message).toContain('实施主体与部门登记不一致');
    expect(await matterCount()).toBe(0);
  });

  it('stores the registry\'s name and credit code for a row that names its department by code only', async () => {
    const byCode = makeMatter({ name: '仅填部门代码的事项', department: { code: 'psb' } as never });
    expect(expectOk(await importAs(POLICE_CLERK, [byCode]))).toMatchObject({ applied: true, created: 1 });
    expect(expectOk(await call('matters', 'get', { id: byCode.implementationCode })).department).toEqual(police);
  });

  it('accepts a department an admin registered in the departments collection', async () => {
    const justice = { code: 'justice', name: '示例市司法局', creditCode: '11999900MB0S10001X' };
    const m = makeMatter({ name: '法律援助申请', department: justice });
    expect(expectOk(await importAs(ADMIN, [m])).errors[0].message).toContain('未登记');
    await cloud.database().collection('departments').add({ data: { _id: justice.code, name: justice.name, creditCode: justice.creditCode } });
    expect(expectOk(await importAs(ADMIN, [m]))).toMatchObject({ applied: true, created: 1 });
  });
});

describe('matters: text hygiene and report size', () => {
  it('refuses bidi overrides in matter texts and zero-width-only staff names, in Chinese', async () => {
    const report = expectOk(await importAs(ADMIN, [makeMatter({ summary: '办理\u202E须知' })]));
    expect(report.errors[0]).toMatchObject({ field: '事项简介', message: '不能包含改变文字方向的控制字符' });
    for (const name of ['\u200B\u200B', '李\u0000警官', '李\u202E警官', '李\uD800']) {
      const res = await call('account', 'setStaff', { openid: 'someone', name, role: 'staff', departments: ['psb'], active: true }, ADMIN);
      expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect((res as { message: string }).message).toMatch(/^姓名：/);
    }
  });

  it('reports at most 200 errors for 2 000 empty rows, with the totals', async () => {
    const content = JSON.stringify(Array.from({ length: 2000 }, () => ({})));
    const res = await call('matters', 'import', { format: 'json', content, dryRun: true }, ADMIN);
    const report = expectOk(res);
    expect(report).toMatchObject({ total: 2000, valid: 0, errorsTruncated: true });
    expect(report.errors).toHaveLength(200);
    expect(report.errorsTotal).toBeGreaterThan(2000);
    expect(JSON.stringify(res).length).toBeLessThan(50_000);
  });
});

describe('matters: browse', () => {
  beforeEach(async () => { expectOk(await importAs(ADMIN)); });

  it('home counts departments, themes, life events and 跑零次', async () => {
    const home = expectOk(await call('matters', 'home'));
    expect(home.totals).toEqual({ matters: 4, zeroVisit: 1, fullyOnline: 1 });
    expect(home.departments[0]).toEqual({ id: 'psb', name: '示例市公安局', count: 3 });
    expect(home.themes.find((t) => t.id === '户籍')?.count).toBe(3);
    expect(home.lifeEvents.find((e) => e.id === 'newborn')?.count).toBe(1);
  });

  it('lists by department, theme and life event with paging', async () => {
    const byDept = expectOk(await call('matters', 'list', { by: 'department', value: 'psb', pageSize: 2 }));
    expect(byDept).toMatchObject({ title: '示例市公安局', total: 3, page: 1, pageSize: 2 });
    expect(byDept.items).toHaveLength(2);
    const page2 = expectOk(await call('matters', 'list', { by: 'department', value: 'psb', pageSize: 2, page: 2 }));
    expect(page2.items).toHaveLength(1);
    expect(expectOk(await call('matters', 'list', { by: 'theme', value: '税务' })).items[0].name).toBe('个人所得税综合所得汇算清缴');
    expect(expectOk(await call('matters', 'list', { by: 'lifeEvent', value: 'newborn' })).title).toBe('新生儿出生');
  });

  it('searches in Chinese and pinyin initials', async () => {
    expect(expectOk(await call('matters', 'search', { q: '身份证丢了' })).hits[0].name).toBe('居民身份证补领');
    expect(expectOk(await call('matters', 'search', { q: 'sfz' })).hits.map((h: { name: string }) => h.name))
      .toEqual(expect.arrayContaining(['居民身份证补领', '居民身份证换领']));
    const none = expectOk(await call('matters', 'search', { q: '火星移民' }));
    expect(none.hits).toEqual([]);
    expect(none.suggestions.length).toBeGreaterThan(0);
  });

  it('sees a new import in search at once (catalogue version bump)', async () => {
    expect(expectOk(await call('matters', 'search', { q: '护照' })).hits).toEqual([]);
    expectOk(await importAs(ADMIN, [makeMatter({ name: '普通护照签发', themes: ['出入境'] })]));
    expect(expectOk(await call('matters', 'search', { q: '护照' })).hits[0].name).toBe('普通护照签发');
  });

  it('returns the full guide, and NOT_FOUND for unknown ids', async () => {
    const id = catalogue[0].implementationCode;
    const guide = expectOk(await call('matters', 'get', { id }));
    expect(guide).toMatchObject({ _id: id, name: '居民身份证补领', timeLimit: { statutoryDays: 60, promisedDays: 20 } });
    expect(guide.materials[0]).toMatchObject({ name: '居民户口簿', originals: 1, copies: 0, forms: ['纸质'] });
    expect(await call('matters', 'get', { id: 'NO-SUCH-MATTER' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('matters: bad input never throws and never writes', () => {
  beforeEach(async () => { expectOk(await importAs(ADMIN)); });

  it.each([
    ['no action', {}, 'INVALID_INPUT'],
    ['action not a string', { action: 42 }, 'INVALID_INPUT'],
    ['unknown action', { action: 'dropDatabase' }, 'UNKNOWN_ACTION'],
    ['prototype action', { action: 'constructor' }, 'UNKNOWN_ACTION'],
    ['extra top-level field', { action: 'home', openid: 'spoof' }, 'INVALID_INPUT'],
    ['extra param', { action: 'search', params: { q: '护照', where: {} } }, 'INVALID_INPUT'],
    ['missing param', { action: 'get', params: {} }, 'INVALID_INPUT'],
    ['mistyped param', { action: 'search', params: { q: 123 } }, 'INVALID_INPUT'],
    ['operator object as id', { action: 'get', params: { id: { $gt: '' } } }, 'INVALID_INPUT'],
    ['operator object as list value', { action: 'list', params: { by: 'department', value: { $ne: null } } }, 'INVALID_INPUT'],
    ['unknown theme', { action: 'list', params: { by: 'theme', value: '火星' } }, 'INVALID_INPUT'],
    ['page size over 20', { action: 'list', params: { by: 'theme', value: '户籍', pageSize: 100 } }, 'INVALID_INPUT'],
    ['params not an object', { action: 'search', params: 'q=护照' }, 'INVALID_INPUT'],
    ['event is an array', [1, 2], 'INVALID_INPUT'],
  ])('%s → %s', async (_name, event, code) => {
    const res = await callRaw('matters', event, CITIZEN);
    expect(res).toMatchObject({ ok: false, code });
    expect(typeof (res as { message: string }).message).toBe('string');
    expect((res as { message: string }).message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('a 10 MB string never reaches the function (WeChat’s 100 KB data cap); a 95 KB one is INVALID_INPUT; nothing is imported', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const refused = { errMsg: 'cloud.callFunction:fail data exceed max size' };
    await expect(call('matters', 'search', { q: huge })).rejects.toMatchObject(refused);
    await expect(call('matters', 'import', { format: 'csv', content: huge }, ADMIN)).rejects.toMatchObject(refused);
    const large = 'x'.repeat(95 * 1024);
    expect(await call('matters', 'search', { q: large })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await call('matters', 'import', { format: 'csv', content: large }, ADMIN)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await matterCount()).toBe(4);
  });

  it('tolerates the userInfo WeChat adds but never takes identity from it', async () => {
    const res = await callRaw('account', { action: 'whoami', userInfo: { openId: ADMIN } }, CITIZEN);
    expect(res).toMatchObject({ ok: true, data: { openid: CITIZEN, role: 'citizen' } });
  });
});

describe('account', () => {
  it('whoami reflects roles from ADMIN_OPENIDS and staff records, with a masked openid', async () => {
    expect(expectOk(await call('account', 'whoami', undefined, ADMIN))).toMatchObject({ role: 'admin' });
    expect(expectOk(await call('account', 'whoami', undefined, POLICE_CLERK))).toMatchObject({ role: 'staff', departments: ['psb'], name: '李警官' });
    const me = expectOk(await call('account', 'whoami', undefined, 'oCitizen1234567890'));
    expect(me).toMatchObject({ role: 'citizen', maskedOpenid: 'oCit****7890' });
    expect(await call('account', 'whoami')).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('only admins manage staff; deactivating revokes the role', async () => {
    expect(await call('account', 'listStaff', undefined, POLICE_CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(expectOk(await call('account', 'listStaff', undefined, ADMIN))).toEqual([expect.objectContaining({ openid: POLICE_CLERK })]);
    expectOk(await call('account', 'setStaff', { openid: POLICE_CLERK, name: '李警官', role: 'staff', departments: ['psb'], active: false }, ADMIN));
    expect(expectOk(await call('account', 'whoami', undefined, POLICE_CLERK)).role).toBe('citizen');
  });
});
