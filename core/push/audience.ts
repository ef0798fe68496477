/**
 * Audience resolution's pure part: candidates from several sources (mini-program subscribers,
 * OA followers) → one recipient per person. A person is their UNIONID when known, otherwise the
 * channel's openid. The mini-program channel is preferred when it has quota; an OA follower is
 * used otherwise.
 */
export type Channel = 'mp' | 'oa';

export interface Candidate {
  channel: Channel;
  openid: string;
  unionid?: string;
  /** Whether this channel can deliver now (mp: ledger quota or long-term; oa: following). */
  deliverable: boolean;
}

export interface Recipient {
  person: string;
  channel: Channel;
  openid: string;
  unionid?: string;
}

export function personKey(c: Pick<Candidate, 'channel' | 'openid' | 'unionid'>): string {
  return c.unionid ? `u:${c.unionid}` : `${c.channel}:${c.openid}`;
}

const rank = (c: Candidate) => (c.deliverable ? 0 : 2) + (c.channel === 'mp' ? 0 : 1);

export function dedupeRecipients(candidates: Candidate[]): Recipient[] {
  const best = new Map<string, Candidate>();
  for (const c of candidates) {
    const k = personKey(c);
    const cur = best.get(k);
    if (!cur || rank(c) < rank(cur)) best.set(k, c);
  }
  const out: Recipient[] = [];
  for (const [person, c] of best) {
    if (!c.deliverable) continue;
    out.push({ person, channel: c.channel, openid: c.openid, ...(c.unionid ? { unionid: c.unionid } : {}) });
  }
  return out.sort((a, b) => (a.person < b.person ? -1 : a.person > b.person ? 1 : 0));
}
