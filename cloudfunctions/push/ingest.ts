/**
 * Outbox events → deliveries. Each pending event is claimed (conditional update), mapped to a
 * template message or a customer-service text, and becomes exactly one delivery per recipient
 * (deterministic `_id`, created only if absent), so a re-run after a crash adds nothing twice.
 */
import type { OutboxEvent } from '../../core/events/outbox';
import { mapEvent, withTracking } from '../../core/push/events';
import { customerServiceFallback, eventDeliveryId, PRIORITY } from '../../core/push/delivery';
import { renderData } from '../../core/push/fields';
import { byKey, type Catalogue } from '../../core/push/templates';
import type { DispatchReport } from '../../core/push/api-types';
import { clientMsgIdOf } from './channels';
import type { DispatchConfig } from './dispatch-config';
import { C, _, createIfAbsent, db } from './repo';

export async function ingestOutbox(owner: string, cat: Catalogue, cfg: DispatchConfig, report: DispatchReport, remainingMs: () => number, reserve: number): Promise<number> {
  const { data } = await db().collection(C.outbox).where({ status: _().eq('pending') }).orderBy('at', 'asc').limit(50).get();
  let n = 0;
  for (const raw of data as OutboxEvent[]) {
    if (remainingMs() < reserve) break;
    const now = Date.now();
    const claim = await db().collection(C.outbox).where({ _id: raw._id, status: 'pending' })
      .update({ data: { status: 'claimed', owner, leaseUntil: now + cfg.leaseMs } });
    if (!claim.stats.updated) continue;
    n += 1;
    report.ingested += 1;
    const mapping = mapEvent(raw);
    if ('skip' in mapping) {
      await db().collection(C.outbox).where({ _id: raw._id, owner }).update({ data: { status: 'skipped', reason: mapping.skip, owner: null } });
      continue;
    }
    const id = eventDeliveryId(raw._id, raw.openid);
    const common = {
      _id: id, source: 'event' as const, sourceId: raw._id, openid: raw.openid,
      priority: PRIORITY.event + (raw.priority ?? 0), nextAt: now, deadline: new Date(raw.at).getTime() + cfg.eventDeadlineMs,
      attempts: 0, clientMsgId: clientMsgIdOf(id), createdAt: now, updatedAt: now,
    };
    if ('text' in mapping) {
      const fallback = raw.type === 'customerServiceReply' ? customerServiceFallback(raw) : undefined;
      await createIfAbsent(C.deliveries, {
        ...common, channel: mapping.text.channel, templateKey: 'consultReply', templateId: '', category: 'consult', page: raw.page,
        data: {}, messages: mapping.text.messages, sentParts: 0, status: 'queued', ...(fallback ? { fallback } : {}),
      });
    } else {
      const template = byKey(cat, mapping.push.templateKey);
      const base = {
        ...common, channel: 'mp' as const, templateKey: mapping.push.templateKey, templateId: template?.templateId ?? '', category: template?.category ?? 'case',
        page: withTracking(mapping.push.page || template?.page || 'pages/index/index', id),
      };
      const rendered = template ? renderData(template, mapping.push.raw) : { ok: false as const, reason: `模板 ${mapping.push.templateKey} 未配置`, field: '' };
      if (!rendered.ok) {
        await createIfAbsent(C.deliveries, { ...base, data: {}, status: 'failed', reason: 'invalid-value', detail: rendered.reason });
        report.failed += 1;
      } else {
        await createIfAbsent(C.deliveries, { ...base, data: rendered.data, status: 'queued' });
      }
    }
    await db().collection(C.outbox).where({ _id: raw._id, owner }).update({ data: { status: 'done', owner: null, deliveryId: id } });
  }
  return n;
}
