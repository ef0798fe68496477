/**
 * `npm start`: the whole 示例市智慧政务 preview on one machine, offline.
 *   1. builds the H5 front end (taro build --type h5; SKIP_H5_BUILD=1 or --skip-build skips it)
 *   2. starts the local cloud gateway with timers (PORT, DATA_DIR, ADMIN_OPENIDS honoured)
 *   3. seeds the data dir once (scripts/seed.ts: later starts add only seed steps not yet done,
 *      never overwriting what staff changed), and only then serves requests
 * Ctrl-C stops it cleanly.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startGateway, PREVIEW_IDENTITIES, type Gateway } from '../local-cloud/gateway';
import { invokeFunction } from '../local-cloud';
import { seedOnce } from './seed';
import { parseAdminList } from '../core/policy';
import { REPO_ROOT } from './lib/repo';
import { applyPreviewOaDefaults } from './lib/preview-oa-env';

const DEFAULT_PORT = 8787;

function buildH5(): Promise<void> {
  console.log('正在构建 H5 前端（taro build --type h5）…');
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['taro', 'build', '--type', 'h5'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env: { ...process.env, H5_GATEWAY_MODE: 'local' },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`H5 构建失败（${signal ?? `退出码 ${code}`}），请查看上方输出`)),
    );
  });
}

/** padEnd that counts CJK characters as two columns, as terminals draw them. */
function padWide(text: string, width: number): string {
  const cols = [...text].reduce((n, ch) => n + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(1, width - cols));
}

async function main(): Promise<void> {
  const skipBuild = process.argv.includes('--skip-build') || process.env.SKIP_H5_BUILD === '1';
  const staticDir = path.join(REPO_ROOT, 'dist-h5');
  if (!skipBuild) await buildH5();
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    console.warn('注意：dist-h5/index.html 不存在，页面将无法打开（去掉 --skip-build 重新运行）');
  }

  const admins = parseAdminList(process.env.ADMIN_OPENIDS || 'local-admin');
  // 服务号 (/http/consult/oa): the environment's settings, or dev values when none (see docs/consult.md).
  applyPreviewOaDefaults(process.env);
  let gateway: Gateway;
  try {
    gateway = await startGateway({
      port: process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT,
      dataDir: process.env.DATA_DIR ?? path.join(REPO_ROOT, '.data'),
      staticDir,
      adminOpenids: admins,
      localMode: true,
      trustLocalIdentityHeader: true,
      timers: true,
      // Seeding goes through the same function actions (and admin rights) the preview uses;
      // the gateway serves nobody until it is done.
      prepare: async () => {
        try {
          await seedOnce((name, data, openid) => invokeFunction(name, data, openid ? { OPENID: openid } : {}), admins[0]);
        } catch (err) {
          // The preview is still useful (and the error easier to chase) with the server up.
          console.error(`种子数据导入失败：${err instanceof Error ? err.message : String(err)}`);
          console.error('预览仍在运行，但示例数据可能不完整；修复后重新运行 npm start（只补写未完成的部分）');
        }
      },
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`端口 ${process.env.PORT ?? DEFAULT_PORT} 已被占用，可用 PORT=8788 npm start 换一个端口`);
    }
    throw err;
  }

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    console.log(`\n收到 ${signal}，正在关闭本地预览…`);
    gateway.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const url = `${gateway.url.replace('127.0.0.1', 'localhost')}/`;
  console.log('');
  console.log(`示例市智慧政务 本地预览已启动: ${url}`);
  console.log('可切换的预览身份：');
  for (const id of PREVIEW_IDENTITIES) console.log(`  ${padWide(id.label, 30)} ${padWide(id.openid, 18)} ${id.description}`);
  const timers = gateway.functions.flatMap((f) => f.triggers.map((t) => `${f.name}/${t.name}（${t.config}）`));
  if (timers.length) console.log(`定时触发器：${timers.join('，')}；立即触发：POST ${url}api/triggers/<函数>/<触发器>`);
  console.log('按 Ctrl-C 停止');
}

main().catch((err: unknown) => {
  console.error(`本地预览启动失败：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
