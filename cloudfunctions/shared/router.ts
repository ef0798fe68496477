/**
 * Action router shared by every domain function (tcb-router style): `index.ts` only lists
 * actions; this module checks the call at the edge, asks the policy, runs the handler and
 * always answers with the envelope. Nothing raw ever escapes.
 */
import { ZodError, type ZodTypeAny } from 'zod';
import { z } from '../../core/zod-zh';
import { DomainError, fail, ok, type Envelope } from '../../core/envelope';
import { decide, type Actor, type Permission } from '../../core/policy';
import { labelForPath } from '../../core/matter/import';
import { loadActor } from './actor';
import { getCloud } from './cloud';

export interface ActionContext {
  actor: Actor;
}

export interface ActionDef<S extends ZodTypeAny, R> {
  permission: Permission;
  params: S;
  handler: (params: z.output<S>, ctx: ActionContext) => Promise<R>;
}

export function action<S extends ZodTypeAny, R>(def: ActionDef<S, R>): ActionDef<S, R> {
  return def;
}

/** A timer trigger's handler; gets no caller identity by design. */
export type TimerHandler = (event: TimerEvent) => Promise<unknown>;
export interface TimerEvent { Type: 'Timer'; TriggerName: string; Time: string }

// `userInfo` is added by WeChat itself when the mini-program calls a function; tolerated, never trusted.
const callSchema = z.object({
  action: z.string().min(1).max(64).regex(/^[a-zA-Z][a-zA-Z0-9.]*$/, '操作名格式不正确'),
  params: z.unknown().optional(),
  userInfo: z.unknown().optional(),
}).strict();

const NO_PARAMS = z.object({}).strict();
export const noParams = NO_PARAMS;

export function createRouter(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  actions: Record<string, ActionDef<any, any>>,
  timers: Record<string, TimerHandler> = {},
) {
  return async function main(event: unknown): Promise<Envelope<unknown>> {
    try {
      if (isTimerEvent(event)) {
        const timer = timers[event.TriggerName];
        if (!timer) return fail('UNKNOWN_ACTION', `未知的定时任务：${event.TriggerName}`);
        return ok(await timer(event));
      }
      const call = callSchema.safeParse(event);
      if (!call.success) return fail('INVALID_INPUT', '请求格式不正确，须包含 action 与 params', describeIssues(call.error));
      const def = Object.prototype.hasOwnProperty.call(actions, call.data.action) ? actions[call.data.action] : undefined;
      if (!def) return fail('UNKNOWN_ACTION', `不支持的操作：${call.data.action}`);

      const params = def.params.safeParse(call.data.params ?? {});
      if (!params.success) return fail('INVALID_INPUT', firstMessage(params.error), describeIssues(params.error));

      const actor = await loadActor();
      const decision = decide(actor, def.permission);
      if (!decision.allowed) return fail(decision.reason, decision.message);
      return ok(await def.handler(params.data, { actor }));
    } catch (e) {
      return toFail(e);
    }
  };
}

/**
 * Only WeChat's trigger service may run timers: a mini-program client can send any event body,
 * but it cannot make getWXContext() report SOURCE wx_trigger.
 */
function isTimerEvent(event: unknown): event is TimerEvent {
  const { SOURCE, OPENID } = getCloud().getWXContext() as { SOURCE?: string; OPENID?: string };
  if (SOURCE !== 'wx_trigger' || OPENID) return false;
  return !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer'
    && typeof (event as { TriggerName?: unknown }).TriggerName === 'string';
}

export function toFail(e: unknown) {
  if (e instanceof DomainError) return fail(e.code, e.message, e.details);
  if (e instanceof ZodError) return fail('INVALID_INPUT', firstMessage(e), describeIssues(e));
  // Unexpected: keep the cause in the function log, give the citizen a calm message.
  console.error('[router] unexpected error', e);
  return fail('INTERNAL', '系统繁忙，请稍后重试');
}

function describeIssues(error: ZodError) {
  return error.issues.slice(0, 20).map((i) => ({ field: labelForPath(i.path) || '参数', message: i.message }));
}

function firstMessage(error: ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '参数不正确';
  const field = issue.path.length ? labelForPath(issue.path) : '参数';
  if (issue.code === 'unrecognized_keys') return `${field}包含不支持的字段：${issue.keys.join('、')}`;
  if (issue.code === 'invalid_type') return `${field}${issue.received === 'undefined' ? '不能为空' : '类型不正确'}`;
  return `${field}：${issue.message}`;
}
