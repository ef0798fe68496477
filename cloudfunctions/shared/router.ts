/**
 * Action router shared by every domain function (tcb-router style): `index.ts` only lists
 * actions; this module checks the call at the edge, asks the policy (first on role, then on the
 * resource the call acts on), runs the handler and always answers with the envelope. Nothing raw
 * ever escapes.
 *
 * The action table is typed against `core/api.ts`: a handler whose params schema or result
 * drifts from the contract fails the type-check, not a citizen's page.
 */
import { ZodError, type ZodType, type ZodTypeAny } from 'zod';
import { z } from '../../core/zod-zh';
import { DomainError, fail, ok, type Envelope } from '../../core/envelope';
import { decide, type Actor, type Permission, type Resource } from '../../core/policy';
import type { ActionName, FunctionName, ParamsOf, ResultOf } from '../../core/api';
import { loadActor } from './actor';
import { getCloud } from './cloud';

export interface ActionContext {
  actor: Actor;
  /** Milliseconds left before the platform kills this invocation (from the function's configured timeout). */
  remainingMs: () => number;
  /** The function's clock: the system clock on WeChat; tests inject their own through `RouterOptions.clock`. */
  now: () => Date;
}

/** What WeChat passes as `main`'s second argument (the subset we read). */
export interface InvocationContext {
  time_limit_in_ms?: number;
  getRemainingTimeInMillis?: () => number;
}

/** WeChat's default function timeout, used only when the platform tells us nothing. */
const DEFAULT_TIME_LIMIT_MS = 3000;

export function budgetOf(context: InvocationContext | undefined, startedAt = Date.now()): () => number {
  if (context && typeof context.getRemainingTimeInMillis === 'function') {
    const fn = context.getRemainingTimeInMillis.bind(context);
    return () => Math.max(0, fn());
  }
  const limit = context?.time_limit_in_ms && context.time_limit_in_ms > 0 ? context.time_limit_in_ms : DEFAULT_TIME_LIMIT_MS;
  return () => Math.max(0, limit - (Date.now() - startedAt));
}

/** What `authorize` found: the resource(s) the policy decides on, and the loaded record for the handler. */
export interface Authorized<E> {
  resource: Resource | Resource[];
  entity: E;
}

export interface ActionDef<S extends ZodTypeAny, R, E = undefined> {
  permission: Permission;
  params: S;
  /**
   * Loads what the call acts on so the policy can decide with it. `null` means it does not exist
   * (NOT_FOUND). The handler receives the loaded entity; it must not decide access itself.
   */
  authorize?: (params: z.output<S>, ctx: ActionContext) => Promise<Authorized<E> | null>;
  /** NOT_FOUND message when `authorize` finds nothing. */
  notFound?: string;
  handler: (params: z.output<S>, ctx: ActionContext & { entity: E }) => Promise<R>;
}

export function action<S extends ZodTypeAny, R, E = undefined>(def: ActionDef<S, R, E>): ActionDef<S, R, E> {
  return def;
}

/**
 * The table a function's `index.ts` passes to `createRouter`: exactly the contract's actions,
 * each schema accepting the contract's params (both ways: it may neither require more nor accept
 * less) and each handler returning the contract's result.
 */
export type ActionTable<F extends FunctionName> = {
  [A in ActionName<F>]: TableEntry<ParamsOf<F, A>, ResultOf<F, A>>;
};
interface TableEntry<P, R> {
  permission: Permission;
  params: ZodType<any, any, P>;
  authorize?: (params: any, ctx: ActionContext) => Promise<Authorized<any> | null>;
  notFound?: string;
  handler: (params: any, ctx: any) => Promise<R>;
}
/**
 * The other direction of the params check: the schema may not accept a field the contract does
 * not name (values may be narrower than the contract's types: enums, lengths).
 */
type AcceptsContract<F extends FunctionName, T> = {
  [A in keyof T]: A extends ActionName<F>
    ? T[A] extends { params: infer S extends ZodTypeAny }
      ? [Exclude<KeysOf<z.input<S>>, KeysOf<ParamsOf<F, A>>>] extends [never] ? T[A] : { params: 'schema accepts fields the contract lacks' }
      : never
    : never;
};
type KeysOf<T> = T extends unknown ? keyof T : never;

/** A timer trigger's handler; gets no caller identity by design. */
export type TimerHandler = (event: TimerEvent, ctx: { remainingMs: () => number; now: () => Date }) => Promise<unknown>;
export interface TimerEvent { Type: 'Timer'; TriggerName: string; Time: string }

/**
 * A platform entry point that is neither a client action nor a timer (customer-service message
 * push, HTTP access service). `recognise` must decide from `getWXContext()` — what WeChat itself
 * reports — never from the event body alone, which any client can forge. Its reply is returned
 * as is (WeChat expects its own shapes there, not our envelope).
 */
export interface PlatformEntry {
  name: string;
  recognise: (event: unknown, wxContext: Record<string, unknown>) => boolean;
  handle: (event: unknown, wxContext: Record<string, unknown>, ctx: { remainingMs: () => number; now: () => Date }) => Promise<unknown>;
}

export interface RouterOptions {
  timers?: Record<string, TimerHandler>;
  entries?: PlatformEntry[];
  /** Chinese label for a params path, supplied by the domain (e.g. 申请材料第1项·名称). */
  labels?: (path: (string | number)[]) => string;
  /** Where "now" comes from (default the system clock); injected by tests, never switched by configuration. */
  clock?: () => Date;
}

const systemClock = () => new Date();

// `userInfo` is added by WeChat itself when the mini-program calls a function; tolerated, never trusted.
const callSchema = z.object({
  action: z.string().min(1).max(64).regex(/^[a-zA-Z][a-zA-Z0-9.]*$/, '操作名格式不正确'),
  params: z.unknown().optional(),
  userInfo: z.unknown().optional(),
}).strict();

const NO_PARAMS = z.object({}).strict();
export const noParams = NO_PARAMS;

/** Deeper than any real call; deeper input is refused before anything walks it recursively. */
export const MAX_EVENT_DEPTH = 64;

export function createRouter<F extends FunctionName, T extends ActionTable<F>>(
  _fn: F,
  actions: T & AcceptsContract<F, T>,
  options: RouterOptions = {},
) {
  return buildRouter(actions as unknown as Record<string, ActionDef<ZodTypeAny, unknown, unknown>>, options);
}

/** The untyped core of `createRouter`, for routers outside the contract (tests, fixtures). */
export function buildRouter(table: Record<string, ActionDef<any, any, any>>, options: RouterOptions = {}) {
  const labels = options.labels ?? defaultLabel;
  const timers = options.timers ?? {};
  const entries = options.entries ?? [];
  const now = options.clock ?? systemClock;

  return async function main(event: unknown, context?: InvocationContext): Promise<unknown> {
    const remainingMs = budgetOf(context);
    try {
      if (exceedsDepth(event, MAX_EVENT_DEPTH)) {
        return fail('INVALID_INPUT', `请求数据嵌套过深（超过${MAX_EVENT_DEPTH}层）`);
      }
      const wxContext = getCloud().getWXContext() as Record<string, unknown>;
      if (isTimerEvent(event, wxContext)) {
        const timer = timers[event.TriggerName];
        if (!timer) return fail('UNKNOWN_ACTION', `未知的定时任务：${event.TriggerName}`);
        return ok(await timer(event, { remainingMs, now }));
      }
      for (const entry of entries) {
        if (entry.recognise(event, wxContext)) return await entry.handle(event, wxContext, { remainingMs, now });
      }
      return await dispatch(event, remainingMs);
    } catch (e) {
      return toFail(e, labels);
    }
  };

  async function dispatch(event: unknown, remainingMs: () => number): Promise<Envelope<unknown>> {
    const call = callSchema.safeParse(event);
    if (!call.success) return fail('INVALID_INPUT', '请求格式不正确，须包含 action 与 params', describeIssues(call.error, labels));
    const def = Object.prototype.hasOwnProperty.call(table, call.data.action) ? table[call.data.action] : undefined;
    if (!def) return fail('UNKNOWN_ACTION', `不支持的操作：${call.data.action}`);

    const params = def.params.safeParse(call.data.params ?? {});
    if (!params.success) return fail('INVALID_INPUT', firstMessage(params.error, labels), describeIssues(params.error, labels));

    const actor = await loadActor();
    const gate = decide(actor, def.permission);
    if (!gate.allowed) return fail(gate.reason, gate.message);

    let entity: unknown;
    if (def.authorize) {
      const found = await def.authorize(params.data, { actor, remainingMs, now });
      if (!found) return fail('NOT_FOUND', def.notFound ?? '没有找到该记录');
      for (const resource of Array.isArray(found.resource) ? found.resource : [found.resource]) {
        const decision = decide(actor, def.permission, resource);
        if (!decision.allowed) return fail(decision.reason, decision.reason === 'NOT_FOUND' ? def.notFound ?? decision.message : decision.message);
      }
      entity = found.entity;
    }
    return ok(await def.handler(params.data, { actor, remainingMs, now, entity }));
  }
}

/**
 * Only WeChat's trigger service may run timers: a mini-program client can send any event body,
 * but it cannot make getWXContext() report SOURCE wx_trigger.
 */
function isTimerEvent(event: unknown, wxContext: Record<string, unknown>): event is TimerEvent {
  if (wxContext.SOURCE !== 'wx_trigger' || wxContext.OPENID) return false;
  return !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer'
    && typeof (event as { TriggerName?: unknown }).TriggerName === 'string';
}

/** Iterative, so a hostile 10 000-level event cannot overflow the stack here either. */
export function exceedsDepth(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(v as Record<string, unknown>)) {
      if (child && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

function defaultLabel(path: (string | number)[]): string {
  return path.map(String).join('.');
}

export function toFail(e: unknown, labels: (path: (string | number)[]) => string = defaultLabel) {
  if (e instanceof DomainError) return fail(e.code, e.message, e.details);
  if (e instanceof ZodError) return fail('INVALID_INPUT', firstMessage(e, labels), describeIssues(e, labels));
  // Unexpected: keep the cause in the function log, give the citizen a calm message.
  console.error('[router] unexpected error', e);
  return fail('INTERNAL', '系统繁忙，请稍后重试');
}

function describeIssues(error: ZodError, labels: (path: (string | number)[]) => string) {
  return error.issues.slice(0, 20).map((i) => ({ field: labels(i.path) || '参数', message: i.message }));
}

function firstMessage(error: ZodError, labels: (path: (string | number)[]) => string): string {
  const issue = error.issues[0];
  if (!issue) return '参数不正确';
  const field = issue.path.length ? labels(issue.path) : '参数';
  if (issue.code === 'unrecognized_keys') return `${field}包含不支持的字段：${issue.keys.join('、')}`;
  if (issue.code === 'invalid_type') return `${field}${issue.received === 'undefined' ? '不能为空' : '类型不正确'}`;
  // `答案不能为空` already names its field; `答案：答案不能为空` would say it twice.
  return issue.message.startsWith(field) ? issue.message : `${field}：${issue.message}`;
}
