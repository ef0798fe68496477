/**
 * `npm start` twice on one DATA_DIR, as a city's demo machine would run it:
 *   - the gateway answers only once the seed is done (the first page is never half empty);
 *   - what staff changed in between (knowledge base, halls and templates, notices, calendar
 *     overrides, staff) is still there after the restart: the seed runs once per data dir.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postJson } from '../gateway/http-client';
import { seedNotices } from '../../scripts/seed/push';

const ROOT = join(__dirname, '../..');
const ADMIN = 'local-admin';
const AGENT = 'local-agent';
let dir: string;
let port: number;
let child: ChildProcess | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
}

/** Starts the preview (no H5 build) and resolves with its output so far once it says it is up. */
function startPreview(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, PORT: String(port) };
  delete env.ADMIN_OPENIDS;
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/start.ts'), '--skip-build'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString('utf8');
      if (out.includes('本地预览已启动')) resolve();
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`预览提前退出（${code}）：\n${out}`)));
  });
}

function stopPreview(): Promise<void> {
  const proc = child;
  child = undefined;
  if (!proc || proc.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

const base = () => `http://localhost:${port}`;

async function call<T = any>(fn: string, action: string, params: unknown, openid: string): Promise<T> {
  const reply = await postJson(base(), fn, params === undefined ? { action } : { action, params }, { 'x-local-openid': openid });
  const env = reply.json?.result;
  if (!env?.ok) throw new Error(`${fn}.${action}: ${reply.status} ${JSON.stringify(reply.json)}`);
  return env.data as T;
}

/** The first answer the gateway gives, asked for from the moment the process starts (polling). */
async function firstAnswer(fn: string, data: unknown, openid: string, until: Promise<void>) {
  let started = false;
  void until.then(() => { started = true; }, () => { started = true; });
  for (;;) {
    try {
      return await postJson(base(), fn, data, { 'x-local-openid': openid });
    } catch (err) {
      // Nothing listening yet: ask again (the process is still booting).
      if (started) throw err;
      await new Promise((r) => setTimeout(r, 50)); // poll interval
    }
  }
}

const NEW_FAQ = {
  id: 'faq-local-test-restart',
  category: '其他',
  question: '示例市政务服务中心的停车场收费吗？',
  similar: [],
  keywords: ['停车场收费', '政务中心停车'],
  answer: '政务服务中心地下停车场办事群众前两小时免费。',
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'preview-restart-'));
  port = await freePort();
});
afterAll(async () => {
  await stopPreview();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start on one DATA_DIR, twice', () => {
  it('answers only once the seed is done: the first reply already has the seeded notices', async () => {
    const up = startPreview();
    const first = await firstAnswer('push', { action: 'notices', params: { limit: 50 } }, 'local-citizen', up);
    await up;
    expect(first.status).toBe(200);
    expect(first.json.result.ok).toBe(true);
    expect(first.json.result.data.map((n: { title: string }) => n.title)).toEqual(expect.arrayContaining(seedNotices().map((n) => n.title)));
  }, 240_000);

  it('keeps what staff changed (knowledge base, halls, templates, notices, calendar, staff) across a restart', async () => {
    // Knowledge base: an FAQ added by a merge import, and an edited seed answer.
    const merged = await call('consult', 'importKnowledge', { kb: { faqs: [NEW_FAQ], rules: [], synonyms: [] }, mode: 'merge' }, AGENT);
    expect(merged.applied).toBe(true);
    const { kb } = await call('consult', 'knowledge', undefined, AGENT);
    const edited = { ...kb.faqs[0], answer: `${kb.faqs[0].answer}（已由坐席更新）` };
    await call('consult', 'saveEntry', { kind: 'faq', entry: edited }, AGENT);
    // A hall renamed and a window's capacity changed.
    const halls = await call('booking', 'myHalls', undefined, ADMIN);
    const center = halls.find((h: { hallId: string }) => h.hallId === 'hall-center');
    const { matterNames: _names, ...hall } = center;
    await call('booking', 'saveHall', { ...hall, name: '示例市政务服务中心（新址）', groups: hall.groups.map(({ template: _t, ...g }: { template: unknown }) => g) }, ADMIN);
    const group = center.groups[0];
    await call('booking', 'saveTemplate', { hallId: 'hall-center', group: group.id, slotMinutes: group.template.slotMinutes, capacity: group.template.capacity + 5 }, ADMIN);
    // A notice, a calendar override and a renamed staff member.
    await call('push', 'publishNotice', { title: '重启测试公告', body: '<p>重启后仍在。</p>' }, ADMIN);
    await call('affairs', 'setCalendarDays', { days: [{ date: '2026-12-30', workday: false, name: '系统停机' }] }, ADMIN);
    const staff = await call('account', 'listStaff', undefined, ADMIN);
    const psb = staff.find((s: { openid: string }) => s.openid === 'local-staff-psb');
    await call('account', 'setStaff', { ...psb, name: '李警官改名' }, ADMIN);

    await stopPreview();
    await startPreview();

    const after = await call('consult', 'knowledge', undefined, AGENT);
    expect(after.kb.faqs.find((f: { id: string }) => f.id === NEW_FAQ.id)?.answer).toBe(NEW_FAQ.answer);
    expect(after.kb.faqs.find((f: { id: string }) => f.id === edited.id)?.answer).toBe(edited.answer);
    const asked = await call('consult', 'ask', { text: NEW_FAQ.question }, 'local-citizen');
    expect(JSON.stringify(asked)).toContain(NEW_FAQ.answer);
    const hallsAfter = await call('booking', 'myHalls', undefined, ADMIN);
    const centerAfter = hallsAfter.find((h: { hallId: string }) => h.hallId === 'hall-center');
    expect(centerAfter.name).toBe('示例市政务服务中心（新址）');
    expect(centerAfter.groups.find((g: { id: string }) => g.id === group.id).template.capacity).toBe(group.template.capacity + 5);
    const notices = await call('push', 'notices', { limit: 50 }, ADMIN);
    expect(notices.map((n: { title: string }) => n.title)).toContain('重启测试公告');
    const cal = await call('affairs', 'calendar', undefined, ADMIN);
    expect(cal.days).toContainEqual({ date: '2026-12-30', workday: false, name: '系统停机' });
    const staffAfter = await call('account', 'listStaff', undefined, ADMIN);
    expect(staffAfter.find((s: { openid: string }) => s.openid === 'local-staff-psb').name).toBe('李警官改名');
  }, 300_000);
});
