/**
 * WeChat send outcomes → what the dispatcher does. Codes from NOTES.md and the issue:
 * 43101 no quota (mark, never retry); 43004 the 服务号 follower has unfollowed (never retry; the
 * channel marks the follower); 47003/40003/40037/41030 permanent; -1/45009/45011/network/timeouts
 * retry with exponential backoff and jitter until a deadline; 40001/42001 token (one refresh, retry).
 */
export type Outcome =
  | { kind: 'sent' }
  | { kind: 'noQuota'; reason: 'no-quota' }
  | { kind: 'permanent'; reason: string }
  | { kind: 'retry'; reason: string; minDelayMs?: number }
  | { kind: 'token'; reason: 'token-expired' };

export const REASON_LABELS: Record<string, string> = {
  'no-quota': '用户无订阅额度（未订阅或已用完）',
  'invalid-data': '字段内容不符合规则（47003）',
  'invalid-openid': '用户标识无效（40003）',
  'invalid-template': '模板无效（40037）',
  'invalid-page': '跳转页面不存在（41030）',
  unfollowed: '用户已取消关注服务号（43004）',
  busy: '微信系统繁忙（-1）',
  'daily-quota': '当日调用次数已达上限（45009）',
  'rate-limited': '调用过于频繁（45011）',
  network: '网络错误',
  timeout: '请求超时',
  'token-expired': '接口凭证失效',
  'opted-out': '用户已关闭该类通知',
  'cs-window-closed': '客服消息窗口已关闭（用户48小时内未发消息，45015）',
  'cs-limit-reached': '客服消息条数已达上限（45047）',
  'oa-not-configured': '未配置服务号 AppID/AppSecret',
  'invalid-value': '字段无法生成合法内容',
  deadline: '重试超过截止时间',
  'no-channel': '无可用推送渠道',
  cancelled: '推送已取消',
  unknown: '发送结果未知（进程中断）',
  'template-not-configured': '未配置正式模板 ID（环境变量 PUSH_TEMPLATE_IDS / PUSH_OA_TEMPLATE_IDS），为免使用预览的假模板 ID，未发送',
};

/**
 * Our own code, never WeChat's: the template id is still the preview's fake one, so the request was
 * refused before it left (permanent; the one-time credit is refunded).
 */
export const TEMPLATE_NOT_CONFIGURED = -40037;

export function classify(errcode: number | undefined, transport?: 'network' | 'timeout'): Outcome {
  if (transport) return { kind: 'retry', reason: transport };
  switch (errcode) {
    case 0:
    case undefined:
      return { kind: 'sent' };
    case 43101:
      return { kind: 'noQuota', reason: 'no-quota' };
    case 43004:
      return { kind: 'permanent', reason: 'unfollowed' };
    case 47003:
      return { kind: 'permanent', reason: 'invalid-data' };
    case 40003:
      return { kind: 'permanent', reason: 'invalid-openid' };
    case 40037:
      return { kind: 'permanent', reason: 'invalid-template' };
    case TEMPLATE_NOT_CONFIGURED:
      return { kind: 'permanent', reason: 'template-not-configured' };
    case 41030:
      return { kind: 'permanent', reason: 'invalid-page' };
    case -1:
      return { kind: 'retry', reason: 'busy' };
    case 45009:
      return { kind: 'retry', reason: 'daily-quota', minDelayMs: 10 * 60_000 };
    case 45011:
      // Frequency limit: another sender (or a dispatcher over its share) used the rate; soon fine.
      return { kind: 'retry', reason: 'rate-limited', minDelayMs: 1000 };
    case 45015:
      return { kind: 'permanent', reason: 'cs-window-closed' };
    case 45047:
      return { kind: 'permanent', reason: 'cs-limit-reached' };
    case 40001:
    case 42001:
      return { kind: 'token', reason: 'token-expired' };
    default:
      return { kind: 'permanent', reason: `errcode-${errcode}` };
  }
}

export interface BackoffOptions { baseMs: number; capMs: number; random?: () => number }

/** Exponential backoff with jitter: uniform in [½, 1] × min(cap, base × 2^(attempt−1)). */
export function backoffMs(attempt: number, opts: BackoffOptions, minDelayMs = 0): number {
  const rnd = opts.random ?? Math.random;
  const exp = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(minDelayMs, Math.round(exp * (0.5 + rnd() * 0.5)));
}

/** Next retry time, or null when it would pass the deadline (→ fail with the last reason). */
export function nextRetryAt(now: number, attempt: number, deadline: number, opts: BackoffOptions, minDelayMs = 0): number | null {
  const at = now + backoffMs(attempt, opts, minDelayMs);
  return at > deadline ? null : at;
}
