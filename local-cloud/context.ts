/**
 * Process-wide state of the local cloud: configuration, the SQLite store, the registry of
 * cloud-function handlers and the per-invocation identity. WeChat injects the caller's
 * identity into each function run; here `runInvocation` keeps it in an AsyncLocalStorage so
 * `getWXContext()` sees the right caller even when invocations run concurrently.
 */
import { clearDeclaredIndexes, declareIndexes } from './db/indexes';
import { AsyncLocalStorage } from 'async_hooks';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Store, type SinkRow } from './store/store';
import { jsonCopy, newRequestId, type AnyObject } from './util';
import { isTriggerSource, oversizedCallData } from './call-limits';
import { ensurePreviewPushTemplateIds } from './preview-config';

export interface LocalCloudOptions {
  /** Directory holding db.sqlite, or ':memory:' (tests). Default: $DATA_DIR, else ./.data (':memory:' under jest). */
  dataDir?: string;
  appid?: string;
  envId?: string;
  /** Base URL that serves `/storage/<cloudPath>`. Default: $LOCAL_CLOUD_PUBLIC_URL, else http://localhost:$PORT. */
  publicUrl?: string;
  /**
   * Default true, as on WeChat: reading or writing a collection that no registered function
   * declares (collections.json, `declareCollections`) and nobody created (`createCollection`)
   * rejects with -502005. `false` brings back auto-creation on first write (never use it in tests
   * of our functions: it hides a missing declaration).
   */
  strictCollections?: boolean;
}

export interface LocalCloudConfig {
  dataDir: string;
  appid: string;
  envId: string;
  publicUrl?: string;
  strictCollections: boolean;
}

export interface InvocationIdentity {
  OPENID?: string;
  UNIONID?: string;
  /** Trigger source: wx_client, wx_trigger, wx_http, ... Defaults to wx_client when OPENID is set. */
  SOURCE?: string;
  /** Overrides the configured appid for this invocation (rarely needed). */
  APPID?: string;
  CLIENTIP?: string;
}

export interface WXContext {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  ENV?: string;
  SOURCE?: string;
  CLIENTIP?: string;
}

export interface FunctionContext {
  request_id: string;
  function_name: string;
  function_version: string;
  namespace: string;
  memory_limit_in_mb: number;
  /** The function's configured timeout (config.json `timeout`, default 3 s). */
  time_limit_in_ms: number;
  /** Milliseconds left before the platform kills this invocation. */
  getRemainingTimeInMillis(): number;
}

export interface RegisterOptions {
  /** Collections this function declares (its collections.json, names or whole declarations with indexes); they exist while it is registered. */
  collections?: Iterable<CollectionRef>;
  /** Its configured timeout in ms (config.json `timeout` × 1000); default 3000, as on WeChat. */
  timeoutMs?: number;
}

/** WeChat's default function timeout. */
export const DEFAULT_TIME_LIMIT_MS = 3000;

export type FunctionHandler = (event: any, context: FunctionContext) => unknown;

interface Invocation {
  identity: InvocationIdentity;
  functionName?: string;
  requestId: string;
}

export interface SinkRecord {
  api: string;
  touser: string;
  payload: AnyObject;
  at: Date;
}

export const DEFAULT_APPID = 'wxlocal000000000000';
export const DEFAULT_ENV_ID = 'local-env';

let options: LocalCloudOptions = {};
let store: Store | null = null;
interface Registered {
  main: FunctionHandler;
  collections: ReadonlySet<string>;
  timeoutMs: number;
}

const registry = new Map<string, Registered>();
/** Collections declared without a function (`declareCollections`), e.g. by conformance tests. */
const declared = new Set<string>();
const als = new AsyncLocalStorage<Invocation>();

export function configureLocalCloud(opts: LocalCloudOptions = {}): LocalCloudConfig {
  const next = { ...opts };
  // A different data dir means a different database: drop the open handle.
  if (store && resolveDataDir(next) !== store.dataDir) {
    store.close();
    store = null;
  }
  options = next;
  ensureLocalPiiKey(resolveDataDir(next));
  ensurePreviewPushTemplateIds();
  return getLocalCloudConfig();
}

let piiKeyFromDataDir = false;

/**
 * The PII_KEY (32 bytes, base64) personal data is encrypted with. On WeChat it is set in the
 * console; locally it is generated once per DATA_DIR and kept in `DATA_DIR/pii.key` (git-ignored,
 * never committed), so a restarted preview still decrypts its data. ':memory:' gets a fresh key.
 * A PII_KEY the operator set explicitly always wins.
 */
function ensureLocalPiiKey(dataDir: string): void {
  if (process.env.PII_KEY && !piiKeyFromDataDir) return;
  piiKeyFromDataDir = true;
  if (dataDir === ':memory:') {
    process.env.PII_KEY = randomBytes(32).toString('base64');
    return;
  }
  const file = path.join(dataDir, 'pii.key');
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    try {
      fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  process.env.PII_KEY = fs.readFileSync(file, 'utf8').trim();
}

function resolveDataDir(o: LocalCloudOptions): string {
  // Under jest an unconfigured test must never write into the developer's ./.data.
  return o.dataDir ?? process.env.DATA_DIR ?? (process.env.JEST_WORKER_ID ? ':memory:' : './.data');
}

export function getLocalCloudConfig(): LocalCloudConfig {
  return {
    dataDir: resolveDataDir(options),
    appid: options.appid ?? DEFAULT_APPID,
    envId: options.envId ?? DEFAULT_ENV_ID,
    publicUrl: options.publicUrl,
    strictCollections: options.strictCollections ?? true,
  };
}

/** The open store, opened lazily so importing the SDK has no side effects. */
export function getStore(): Store {
  if (!store) store = new Store(resolveDataDir(options));
  return store;
}

/**
 * For tests: closes the database (a ':memory:' one starts empty next time) and clears the
 * function registry and with it every collection declaration. Keeps the configuration.
 */
export function resetLocalCloud(): void {
  store?.close();
  store = null;
  registry.clear();
  declared.clear();
  clearDeclaredIndexes();
}

/** A collection name, or a collections.json entry whose `indexes` become SQLite expression indexes. */
export type CollectionRef = string | { name: string; indexes?: { name: string; keys: Record<string, unknown> }[] };

function refName(c: CollectionRef): string {
  if (typeof c === 'string') return c;
  if (c.indexes) declareIndexes(c.name, c.indexes);
  return c.name;
}

/**
 * Declares collections as existing (what creating them in the console does on WeChat) until the
 * next resetLocalCloud(). Functions declare theirs when registered; use this for code that runs
 * without a function (conformance tests, scripts).
 */
export function declareCollections(names: Iterable<CollectionRef>): void {
  for (const n of names) declared.add(refName(n));
}

/** Is `name` declared by a registered function or by `declareCollections`? */
export function isDeclaredCollection(name: string): boolean {
  if (declared.has(name)) return true;
  for (const r of registry.values()) if (r.collections.has(name)) return true;
  return false;
}

/** Every declared collection name, sorted. */
export function listDeclaredCollections(): string[] {
  const all = new Set(declared);
  for (const r of registry.values()) for (const c of r.collections) all.add(c);
  return [...all].sort();
}

export function runInvocation<T>(identity: InvocationIdentity, fn: () => Promise<T>, functionName?: string): Promise<T> {
  return als.run({ identity: { ...identity }, functionName, requestId: newRequestId() }, fn);
}

export function currentIdentity(): InvocationIdentity | undefined {
  return als.getStore()?.identity;
}

/** What wx-server-sdk's getWXContext() returns for the current invocation (keys without a value are omitted, as on WeChat). */
export function currentWXContext(): WXContext {
  const cfg = getLocalCloudConfig();
  const id = currentIdentity() ?? {};
  const ctx: WXContext = {
    OPENID: id.OPENID,
    APPID: id.APPID ?? cfg.appid,
    UNIONID: id.UNIONID,
    ENV: cfg.envId,
    SOURCE: id.SOURCE ?? (id.OPENID ? 'wx_client' : undefined),
    CLIENTIP: id.CLIENTIP,
  };
  for (const k of Object.keys(ctx) as (keyof WXContext)[]) if (ctx[k] === undefined) delete ctx[k];
  return ctx;
}

export function registerFunction(name: string, main: FunctionHandler, opts: RegisterOptions = {}): void {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIME_LIMIT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new Error(`local cloud: invalid timeoutMs ${String(opts.timeoutMs)} for "${name}"`);
  registry.set(name, { main, collections: new Set([...(opts.collections ?? [])].map(refName)), timeoutMs });
}

export function unregisterFunction(name: string): boolean {
  return registry.delete(name);
}

export function getFunction(name: string): FunctionHandler | undefined {
  return registry.get(name)?.main;
}

/** The configured timeout of a registered function (ms). */
export function timeoutOf(name: string): number | undefined {
  return registry.get(name)?.timeoutMs;
}

export function listFunctions(): string[] {
  return [...registry.keys()].sort();
}

/**
 * Runs a registered function the way WeChat does: the event is a JSON copy of `data`, and
 * when the caller is a mini-program user WeChat overwrites `event.userInfo` with
 * `{ appId, openId }` (so a client can never spoof it). Returns main's return value as is.
 */
export interface InvokeOptions {
  /** A shorter limit imposed by the trigger (HTTP access service: 5 s); never longer than the function's own. */
  timeLimitMs?: number;
}

/** Invocations still running (a fire-and-forget push kick outlives the call that made it). */
const running = new Set<Promise<unknown>>();

/**
 * Waits, at most `maxMs`, for every running invocation to settle: a test file that ends while a
 * post-commit kick still runs would otherwise log after its environment is gone.
 */
export async function settleInvocations(maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (running.size > 0 && Date.now() < deadline) {
    await Promise.race([Promise.allSettled([...running]), new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
  }
}

export function invokeFunction(name: string, data: unknown, identity: InvocationIdentity = {}, opts: InvokeOptions = {}): Promise<unknown> {
  const p = invokeRegistered(name, data, identity, opts);
  running.add(p);
  const done = () => { running.delete(p); };
  p.then(done, done);
  return p;
}

async function invokeRegistered(name: string, data: unknown, identity: InvocationIdentity, opts: InvokeOptions): Promise<unknown> {
  const entry = registry.get(name);
  if (!entry) throw new Error(`local cloud: function "${name}" is not registered`);
  // WeChat refuses oversized callFunction data before the function runs; so does the local cloud.
  const oversized = isTriggerSource(identity.SOURCE) ? null : oversizedCallData(data);
  if (oversized) throw oversized;
  const event = (data === undefined ? {} : jsonCopy(data)) as AnyObject;
  return runInvocation(
    identity,
    async () => {
      if (identity.OPENID) event.userInfo = { appId: identity.APPID ?? getLocalCloudConfig().appid, openId: identity.OPENID };
      const inv = als.getStore() as Invocation;
      const startedAt = Date.now();
      const limit = opts.timeLimitMs !== undefined ? Math.min(opts.timeLimitMs, entry.timeoutMs) : entry.timeoutMs;
      const context: FunctionContext = {
        request_id: inv.requestId,
        function_name: name,
        function_version: '$LATEST',
        namespace: getLocalCloudConfig().envId,
        memory_limit_in_mb: 256,
        time_limit_in_ms: limit,
        getRemainingTimeInMillis: () => Math.max(0, limit - (Date.now() - startedAt)),
      };
      return entry.main(event, context);
    },
    name,
  );
}

/** Calls recorded by `cloud.openapi.*` in sink mode (no WX_OPENAPI_BASE), oldest first. */
export function getOpenapiSink(filter: { touser?: string; api?: string } = {}): SinkRecord[] {
  return getStore()
    .listSink(filter)
    .map((r: SinkRow) => ({ api: r.api, touser: r.touser, payload: r.payload, at: r.at }));
}

export function clearOpenapiSink(): void {
  getStore().clearSink();
}
