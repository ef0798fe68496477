/**
 * The subscription ledger per (openid, template): one-time quota (each accept +1, each send −1),
 * the long-term flag and the last reject/ban/filter. 43101 from WeChat corrects it to "none".
 */
export type SubscribeResult = 'accept' | 'reject' | 'ban' | 'filter';

export interface LedgerEntry {
  openid: string;
  templateId: string;
  templateKey: string;
  kind: 'once' | 'long';
  quota: number;
  long: boolean;
  accepted: number;
  used: number;
  last?: { result: Exclude<SubscribeResult, 'accept'>; at: string };
  lastAcceptAt?: string;
  unionid?: string;
  updatedAt: string;
}

export function ledgerId(openid: string, templateId: string): string {
  return `${openid}:${templateId}`;
}

export function emptyEntry(openid: string, templateId: string, templateKey: string, kind: 'once' | 'long', at: string): LedgerEntry {
  return { openid, templateId, templateKey, kind, quota: 0, long: false, accepted: 0, used: 0, updatedAt: at };
}

/** One dialog result applied to an entry (pure). */
export function applyResult(entry: LedgerEntry, result: SubscribeResult, at: string): LedgerEntry {
  const next = { ...entry, updatedAt: at };
  if (result === 'accept') {
    next.accepted += 1;
    next.lastAcceptAt = at;
    if (entry.kind === 'long') next.long = true;
    else next.quota += 1;
    return next;
  }
  next.last = { result, at };
  // reject: declined this time (one-time credits already granted stay); long-term → off.
  if (entry.kind === 'long' && result !== 'filter') next.long = false;
  // ban: the user blocked the template entirely; nothing can be sent any more.
  if (result === 'ban') next.quota = 0;
  return next;
}

export function canSend(entry: Pick<LedgerEntry, 'kind' | 'quota' | 'long'> | null | undefined): boolean {
  if (!entry) return false;
  return entry.kind === 'long' ? entry.long : entry.quota > 0;
}

/** After a successful send: a one-time credit is used. */
export function afterSend(entry: LedgerEntry, at: string): LedgerEntry {
  return entry.kind === 'long' ? { ...entry, updatedAt: at } : { ...entry, quota: Math.max(0, entry.quota - 1), used: entry.used + 1, updatedAt: at };
}

/** WeChat said 43101: whatever we believed, there is no quota. */
export function after43101(entry: LedgerEntry, at: string): LedgerEntry {
  return { ...entry, quota: 0, long: false, updatedAt: at };
}
