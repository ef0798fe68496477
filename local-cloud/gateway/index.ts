/**
 * The local preview's HTTP face: `callFunction` over HTTP, timer triggers, the H5 build and
 * the storage bucket, all on one plain node:http server.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FUNCTIONS_DIR, REPO_ROOT } from '../runtime/paths';
import { loadFunctions, type LoadedFunction } from '../runtime';
import { createScheduler, type TimerScheduler, type TimerTrigger } from '../timers';
import { fail, sendResult } from './http-util';
import { invokeWithDeadline } from './invoke';
import { configureLocalCloud, invoke, registerFunction } from './local-cloud-api';
import { startPreviewPay } from '../wechatpay/preview';
import { route, type RouteContext } from './routes';
import { parseAdminList } from '../../core/policy';
import { IDENTITY_HEADER } from './identities';
import { isLoopbackHost } from './host-check';

export { PREVIEW_IDENTITIES, IDENTITY_HEADER, publicIdentities, previewStaffRecords, type PreviewIdentity } from './identities';

export interface GatewayOptions {
  /** Default: env PORT, else 8787. 0 picks a free port (tests). */
  port?: number;
  /** Default: env HOST, else 127.0.0.1 — the preview trusts a header, so not on the LAN by default. */
  host?: string;
  /** Default: env DATA_DIR, else <repo>/.data. */
  dataDir?: string;
  /** The H5 build; default <repo>/dist-h5. */
  staticDir?: string;
  /** Default <repo>/cloudfunctions. */
  functionsDir?: string;
  /** Exposed to functions as process.env.ADMIN_OPENIDS. Default: env ADMIN_OPENIDS. */
  adminOpenids?: string[];
  /** Enables the preview-only endpoints (triggers, inbox, identities). Default: env LOCAL_MODE. */
  localMode?: boolean;
  /** Honour `x-local-openid` as the caller's OPENID. Default: same as localMode. */
  trustLocalIdentityHeader?: boolean;
  /** Run timer triggers on their schedules. Default false (tests fire them by hand). */
  timers?: boolean;
  /** 'bundle' (in-memory esbuild, default) or 'build' (build/cloudfunctions). */
  functionSource?: 'bundle' | 'build';
  appid?: string;
  envId?: string;
  /** Server-side log sink; default console.error. */
  log?: (line: string) => void;
  /**
   * Runs once the functions are loaded and before any request is served (the preview seeds
   * here): requests that arrive meanwhile wait, so nobody sees a half-written database.
   */
  prepare?: (gateway: { url: string; functions: LoadedFunction[] }) => Promise<void>;
}

export interface Gateway {
  url: string;
  port: number;
  functions: LoadedFunction[];
  scheduler: TimerScheduler;
  close(): Promise<void>;
}

const envFlag = (v: string | undefined): boolean => v === '1' || v === 'true' || v === 'yes';

export async function startGateway(options: GatewayOptions = {}): Promise<Gateway> {
  const env = process.env;
  const port = options.port ?? (env.PORT ? Number(env.PORT) : 8787);
  const host = options.host ?? env.HOST ?? '127.0.0.1';
  const dataDir = path.resolve(options.dataDir ?? env.DATA_DIR ?? path.join(REPO_ROOT, '.data'));
  const staticDir = path.resolve(options.staticDir ?? path.join(REPO_ROOT, 'dist-h5'));
  const functionsDir = path.resolve(options.functionsDir ?? FUNCTIONS_DIR);
  const localMode = options.localMode ?? envFlag(env.LOCAL_MODE);
  const trustHeader = options.trustLocalIdentityHeader ?? localMode;
  const log = options.log ?? ((line: string) => console.error(line));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口号无效：${String(port)}`);
  // Anyone who can reach a gateway that trusts x-local-openid can act as 管理员: never on the LAN.
  if (trustHeader && !isLoopbackHost(host)) {
    throw new Error(
      `本地预览信任请求头 ${IDENTITY_HEADER}（任何人都能冒充管理员），只能监听本机地址（127.0.0.1、localhost 或 ::1），不能监听 ${host}。` +
        '请去掉 HOST 设置；如需在局域网演示，请使用真实的微信云开发环境。',
    );
  }
  fs.mkdirSync(dataDir, { recursive: true });

  // In production ADMIN_OPENIDS is a function env var; in-process it is ours to set, and
  // to put back on close so a test's gateway doesn't leak it into the next one.
  const previousAdmins = env.ADMIN_OPENIDS;
  env.ADMIN_OPENIDS = parseAdminList(options.adminOpenids?.join(',') ?? env.ADMIN_OPENIDS).join(',');

  const functions = new Map<string, LoadedFunction>();
  // Requests wait for the functions (and `prepare`) instead of seeing an empty cloud.
  let markReady!: (ctx: RouteContext) => void;
  let markFailed!: () => void;
  const ready = new Promise<RouteContext | undefined>((resolve) => {
    markReady = resolve;
    markFailed = () => resolve(undefined);
  });
  const server = http.createServer((req, res) => {
    ready
      .then((ctx) => {
        if (!ctx) {
          req.resume();
          return sendResult(res, 503, fail('INTERNAL', '本地云启动失败，请查看终端输出'));
        }
        return route(ctx, req, res);
      })
      .catch((err: unknown) => {
        log(`[网关] ${req.method} ${req.url} 处理失败：${err instanceof Error ? err.stack ?? err.message : String(err)}`);
        if (!res.headersSent) sendResult(res, 500, fail('INTERNAL', '服务暂时不可用，请稍后再试'));
        else res.destroy();
      });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const actualPort = (server.address() as AddressInfo).port;
    const url = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${actualPort}`;
    const appid = options.appid ?? 'wx0000000000local';
    configureLocalCloud({
      dataDir,
      appid,
      envId: options.envId ?? 'local-env',
      publicUrl: url,
    });

    // The real SDK must never load here; the local one is whatever `wx-server-sdk` means in
    // this process (jest maps it; under tsx we load the emulator module directly).
    const sdk: unknown = require('../sdk');
    const loaded = await loadFunctions({
      functionsDir,
      repoRoot: REPO_ROOT,
      source: options.functionSource,
      buildDir: path.join(REPO_ROOT, 'build', 'cloudfunctions'),
      sdk,
      register: registerFunction,
    });
    for (const fn of loaded) functions.set(fn.name, fn);

    const triggers: TimerTrigger[] = loaded.flatMap((fn) =>
      fn.triggers.map((t) => ({ functionName: fn.name, triggerName: t.name, config: t.config })),
    );
    const scheduler = createScheduler({
      triggers,
      log,
      // Timers carry no OPENID; the deadline and error mapping match HTTP calls.
      invoke: async (name, event) => {
        const fn = functions.get(name);
        const outcome = await invokeWithDeadline(() => invoke(name, event, { source: 'wx_trigger' }), fn?.timeoutMs ?? 3000);
        if (outcome.kind === 'timeout') log(`[定时触发器] ${name}/${event.TriggerName} 执行超时`);
        if (outcome.kind === 'error') {
          const e = outcome.error;
          log(`[定时触发器] ${name}/${event.TriggerName} 抛出异常：${e instanceof Error ? e.stack ?? e.message : String(e)}`);
        }
        return outcome;
      },
    });
    const previewPay = localMode ? await startPreviewPay(appid, url, dataDir) : null;
    if (options.prepare) await options.prepare({ url, functions: loaded });
    // After `prepare`: no timer fires on a half-seeded database.
    if (options.timers) scheduler.start();
    markReady({ functions, scheduler, staticDir, localMode, trustLocalIdentityHeader: trustHeader, checkHost: localMode || trustHeader, log, ...(previewPay ? { payEmulator: previewPay.emulator } : {}) });

    let closed = false;
    return {
      url,
      port: actualPort,
      functions: loaded,
      scheduler,
      async close() {
        if (closed) return;
        closed = true;
        await scheduler.stop();
        await closeServer(server);
        await previewPay?.close();
        if (previousAdmins === undefined) delete env.ADMIN_OPENIDS;
        else env.ADMIN_OPENIDS = previousAdmins;
      },
    };
  } catch (err) {
    markFailed();
    await closeServer(server).catch(() => undefined);
    if (previousAdmins === undefined) delete env.ADMIN_OPENIDS;
    else env.ADMIN_OPENIDS = previousAdmins;
    throw err;
  }
}

function closeServer(server: http.Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    // Keep-alive browser connections would hold close() open forever.
    server.closeAllConnections();
  });
}
