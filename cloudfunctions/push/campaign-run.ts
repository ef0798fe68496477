/** A campaign's run in the dispatcher: scheduled → sending, its recipients expanded into deliveries, → done. */
import { withTracking } from '../../core/push/events';
import { PRIORITY } from '../../core/push/delivery';
import type { DispatchReport } from '../../core/push/api-types';
import type { Recipient } from '../../core/push/audience';
import { clientMsgIdOf } from './channels';
import { C, _, createIfAbsent, db } from './repo';

export async function startDueCampaigns(): Promise<void> {
  const now = Date.now();
  const { data } = await db().collection(C.campaigns).where({ status: _().eq('scheduled'), sendAtMs: _().lte(now) }).limit(20).get();
  for (const c of data) {
    await db().collection(C.campaigns).where({ _id: c._id, status: 'scheduled' }).update({ data: { status: 'sending', startedAt: new Date().toISOString() } });
  }
}

interface Chunk { _id: string; campaignId: string; n: number; recipients: Recipient[]; expanded: boolean }

export async function expandCampaigns(remainingMs: () => number, reserve: number, report: DispatchReport): Promise<number> {
  const { data: campaigns } = await db().collection(C.campaigns).where({ status: _().eq('sending'), expandedAll: _().neq(true) }).limit(10).get();
  let work = 0;
  for (const c of campaigns) {
    const { data: chunks } = await db().collection(C.chunks).where({ campaignId: _().eq(c._id), expanded: false }).orderBy('n', 'asc').limit(2).get();
    if (!chunks.length) {
      await db().collection(C.campaigns).where({ _id: c._id }).update({ data: { expandedAll: true } });
      continue;
    }
    for (const chunk of chunks as Chunk[]) {
      if (remainingMs() < reserve) return work;
      const now = Date.now();
      const docs = chunk.recipients.map((r) => {
        const id = `c:${c._id}:${r.person}`;
        return {
          _id: id, source: 'campaign', sourceId: c._id, campaignId: c._id, openid: r.openid, ...(r.unionid ? { unionid: r.unionid } : {}),
          channel: r.channel, templateKey: c.templateKey, templateId: c.templateId, category: c.category, data: c.rendered,
          page: withTracking(c.page, id), priority: c.priority === 'emergency' ? PRIORITY.emergency : PRIORITY.campaign,
          status: 'queued', nextAt: now, deadline: c.deadlineMs, attempts: 0, clientMsgId: clientMsgIdOf(id), createdAt: now, updatedAt: now,
        };
      });
      // One batch insert when none exists yet; after a crash mid-chunk, one by one (duplicates skipped).
      try {
        await db().collection(C.deliveries).add({ data: docs as never });
      } catch {
        for (const d of docs) await createIfAbsent(C.deliveries, d);
      }
      await db().collection(C.chunks).where({ _id: chunk._id }).update({ data: { expanded: true } });
      report.expanded += docs.length;
      work += 1;
    }
  }
  return work;
}

/** A failure reason shown on the campaign (by reason counts come from the deliveries). */
export async function noteReason(campaignId: string | undefined, reason: string): Promise<void> {
  if (campaignId) await db().collection(C.campaigns).where({ _id: campaignId }).update({ data: { reasons: _().addToSet(reason) } });
}

export async function finishCampaigns(): Promise<void> {
  const { data } = await db().collection(C.campaigns).where({ status: _().eq('sending'), expandedAll: true }).limit(10).get();
  for (const c of data) {
    const { total } = await db().collection(C.deliveries).where({ campaignId: _().eq(c._id), status: _().in(['queued', 'claimed', 'inflight']) }).count();
    if (total === 0) {
      await db().collection(C.campaigns).where({ _id: c._id, status: 'sending' }).update({ data: { status: 'done', finishedAt: new Date().toISOString() } });
    }
  }
}
