/**
 * Resolves a campaign audience to candidates, then one recipient per person (core/push/audience).
 * Sources: the ledger (template or category subscribers), the outbox (applicants of a matter,
 * bookers of a hall and day — only the outbox schema is relied on), and oa_followers.
 */
import type { Audience } from '../../core/push/api-types';
import { dedupeRecipients, type Candidate, type Recipient } from '../../core/push/audience';
import { canSend, type LedgerEntry } from '../../core/push/ledger';
import { shanghaiDateOf } from './time';
import type { Template } from '../../core/push/templates';
import { loadCatalogue } from '../../core/push/catalogue';
import { oaEnabled } from './channels';
import { C, _, getAll } from './repo';

type Ledger = LedgerEntry & { _id: string };

async function ledgerFor(template: Template): Promise<Map<string, Ledger>> {
  const rows = await getAll<Ledger>(C.ledger, { templateId: _().eq(template.templateId) });
  return new Map(rows.map((r) => [r.openid, r]));
}

async function openidsOf(a: Audience, template: Template): Promise<{ mp: Set<string>; oa: boolean }> {
  const mp = new Set<string>();
  let oa = false;
  const walk = async (x: Audience): Promise<void> => {
    switch (x.type) {
      case 'templateSubscribers': {
        const rows = await getAll<Ledger>(C.ledger, { templateId: _().eq(x.templateId) });
        for (const r of rows) if (canSend(r)) mp.add(r.openid);
        return;
      }
      case 'categorySubscribers': {
        const ids = loadCatalogue(process.env).templates.filter((t) => t.category === x.category).map((t) => t.templateId);
        const rows = await getAll<Ledger>(C.ledger, { templateId: _().in(ids) });
        for (const r of rows) if (canSend(r)) mp.add(r.openid);
        return;
      }
      case 'matterApplicants': {
        const rows = await getAll<{ openid: string }>(C.outbox, { type: _().eq('applicationStatus'), matterId: _().eq(x.matterId) });
        for (const r of rows) mp.add(r.openid);
        return;
      }
      case 'hallDayBookers': {
        const rows = await getAll<{ openid: string; type: string; bookingId: string; slotStart: string }>(
          C.outbox, { type: _().in(['bookingBooked', 'bookingCancelled']), hallId: _().eq(x.hallId) });
        const booked = new Map<string, string>();
        const cancelled = new Set<string>();
        for (const r of rows) {
          if (shanghaiDateOf(r.slotStart) !== x.date) continue;
          if (r.type === 'bookingBooked') booked.set(r.bookingId, r.openid);
          else cancelled.add(r.bookingId);
        }
        for (const [id, openid] of booked) if (!cancelled.has(id)) mp.add(openid);
        return;
      }
      case 'oaFollowers':
        oa = true;
        return;
      case 'union':
        for (const y of x.of) await walk(y);
    }
  };
  await walk(a);
  void template;
  return { mp, oa };
}

/** The exact recipients: deliverable now (ledger credit or long-term; or OA follower), not opted out, one per person. */
export async function resolveAudience(a: Audience, template: Template): Promise<Recipient[]> {
  const { mp, oa } = await openidsOf(a, template);
  const ledger = await ledgerFor(template);
  const settings = await getAll<{ _id: string; off?: string[]; unionid?: string }>(C.settings, { off: _().all([template.category]) });
  const optedOut = new Set(settings.map((s) => s._id));
  const optedOutUnion = new Set(settings.map((s) => s.unionid).filter(Boolean) as string[]);
  const candidates: Candidate[] = [];
  for (const openid of mp) {
    if (optedOut.has(openid)) continue;
    const entry = ledger.get(openid);
    candidates.push({ channel: 'mp', openid, unionid: entry?.unionid, deliverable: canSend(entry) });
  }
  if (oa && oaEnabled(loadCatalogue(process.env), template.key)) {
    const followers = await getAll<{ _id: string; unionid?: string; subscribed: boolean }>(C.followers, { subscribed: true });
    for (const f of followers) {
      if (f.unionid && optedOutUnion.has(f.unionid)) continue;
      candidates.push({ channel: 'oa', openid: f._id, unionid: f.unionid, deliverable: true });
    }
  }
  return dedupeRecipients(candidates);
}
