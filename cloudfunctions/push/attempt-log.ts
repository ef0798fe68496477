/**
 * Attempt log lines of one batch, written with one insert after it. The delivery record stays
 * the authority (status, attempts, errcode, reason are written with each outcome); a dispatcher
 * that dies mid-batch loses only these log lines, never an outcome.
 */
import type { Delivery } from '../../core/push/delivery';
import { C, db } from './repo';

export class AttemptLog {
  private lines: Record<string, unknown>[] = [];
  constructor(private readonly owner: string) {}
  add(d: Delivery, result: string, errcode: number | undefined, durationMs: number, reason?: string): void {
    this.lines.push({
      deliveryId: d._id, campaignId: d.campaignId ?? null, eventId: d.source === 'event' ? d.sourceId : null, openid: d.openid, channel: d.channel,
      at: new Date().toISOString(), result, errcode: errcode ?? null, durationMs, reason: reason ?? null, dispatcher: this.owner,
    });
  }
  async flush(): Promise<void> {
    while (this.lines.length) {
      const part = this.lines.splice(0, 100);
      await db().collection(C.attempts).add({ data: part as never });
    }
  }
}
