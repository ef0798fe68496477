/**
 * docs/deploy-console.md is generated from cloudfunctions/<fn>/collections.json and config.json
 * (`npm run docs:deploy`); the committed file must equal the generated one, so it cannot drift.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEPLOY_CONSOLE_DOC, generateDeployConsoleDoc } from '../../scripts/docs-deploy';
import { mergeCollections, readCollectionDeclarations } from '../../scripts/lib/collections';
import { FUNCTIONS_DIR } from '../../local-cloud/runtime/paths';
import { STORAGE_FOLDERS, STORAGE_SECURITY_RULES, storageFolderOf } from '../../cloudfunctions/shared/storage-paths';
import { evidenceFolder, resultPath } from '../../cloudfunctions/affairs/files';

function tmpFunctions(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collections-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

describe('docs/deploy-console.md', () => {
  it('is exactly what npm run docs:deploy generates from the repository (run it after changing collections.json)', () => {
    expect(fs.readFileSync(DEPLOY_CONSOLE_DOC, 'utf8')).toBe(generateDeployConsoleDoc());
  });

  it('names every declared collection of every function, with its description and permission', () => {
    const doc = fs.readFileSync(DEPLOY_CONSOLE_DOC, 'utf8');
    const declared = readCollectionDeclarations(FUNCTIONS_DIR).flatMap((f) => f.collections);
    expect(declared.length).toBeGreaterThan(0);
    for (const c of declared) expect(doc).toContain(`### \`${c.name}\`：${c.description}\n\n- 数据权限：所有用户不可读写（仅云函数）`);
  });

  it('follows collections.json: indexes with direction and uniqueness, env vars and timeouts from config.json', () => {
    const dir = tmpFunctions({
      'alpha/index.ts': 'export const main = async () => process.env.ALPHA_TOKEN;\n',
      'alpha/config.json': { timeout: 7, envVariables: { ALPHA_TOKEN: '第三方接口令牌' }, triggers: [{ name: 'nightly', type: 'timer', config: '0 0 2 * * * *' }] },
      'alpha/collections.json': { collections: [{ name: 'alpha_jobs', description: '夜间任务', indexes: [{ name: 'status_at', keys: { status: 1, at: -1 }, unique: true }] }] },
      'beta/index.ts': 'export const main = async () => 1;\n',
      'beta/config.json': {},
      'beta/collections.json': { collections: [{ name: 'alpha_jobs', description: '夜间任务（beta 写入）', indexes: [] }] },
    });
    const doc = generateDeployConsoleDoc(dir);
    expect(doc).toContain('| `alpha_jobs` | 夜间任务 | 所有用户不可读写（仅云函数） | alpha、beta | 1 |');
    expect(doc).toContain('| `status_at` | status 升序、at 降序 | 是 |');
    expect(doc).toContain('| `alpha` | 7 秒 | `ALPHA_TOKEN` | `nightly`：`0 0 2 * * * *` | — |');
    expect(doc).toContain('| `beta` | 3 秒 | — | — | — |');
    expect(doc).toContain('| `ALPHA_TOKEN` | alpha | 第三方接口令牌 |');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses conflicting index declarations and malformed files, in Chinese', () => {
    const conflict = mergeCollections([
      { functionName: 'a', collections: [{ name: 'outbox', description: '待发消息', indexes: [{ name: 'status_at', keys: { status: 1, at: 1 }, unique: false }] }] },
      { functionName: 'b', collections: [{ name: 'outbox', description: '待发消息', indexes: [{ name: 'status_at', keys: { status: 1 }, unique: false }] }] },
    ]);
    expect(conflict.problems).toEqual(['集合 outbox 的索引 status_at 在 a 与 b 中的声明不一致']);
    expect(conflict.collections[0].declaredBy).toEqual(['a', 'b']);

    const dir = tmpFunctions({
      'gamma/index.ts': 'export const main = async () => 1;\n',
      'gamma/config.json': {},
      'gamma/collections.json': { collections: [{ name: 'g', description: '说明', indexes: [{ name: 'x', keys: { a: 'asc' } }] }] },
    });
    expect(() => generateDeployConsoleDoc(dir)).toThrow('云函数 gamma 的集合 g 索引 x：字段 a 的方向 "asc" 无效，只能是 1（升序）、-1（降序）或 "2dsphere"（地理位置）');
    fs.writeFileSync(path.join(dir, 'gamma', 'collections.json'), JSON.stringify({ collections: [{ name: 'g', indexes: [] }] }));
    expect(() => generateDeployConsoleDoc(dir)).toThrow(/集合声明 .*gamma\/collections\.json 不合法：collections\.0\.description/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the production storage security rules (read and write) and one row per storage folder the code writes', () => {
    const doc = fs.readFileSync(DEPLOY_CONSOLE_DOC, 'utf8');
    expect(doc).toContain(`## 3. 云存储`);
    expect(doc).toContain('```json\n' + JSON.stringify(STORAGE_SECURITY_RULES, null, 2) + '\n```');
    expect(STORAGE_SECURITY_RULES.read).toBe(false);
    for (const f of STORAGE_FOLDERS) expect(doc).toContain(`| \`${f.prefix}\` | ${f.description} |`);
    // Every path the code writes lies in a declared folder, and only uploads/<own openid>/ is client-writable.
    expect(storageFolderOf('uploads/oCitizen/1700000000000-a.jpg')?.clientWrite).toBe(true);
    expect(storageFolderOf(`${evidenceFolder('oCitizen')}${'0'.repeat(64)}.jpg`)?.clientWrite).toBe(false);
    expect(storageFolderOf(resultPath('A123', 'pdf'))?.clientWrite).toBe(false);
    expect(storageFolderOf('elsewhere/x.jpg')).toBeUndefined();
  });
});
