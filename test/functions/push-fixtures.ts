/** Writes outbox events of the shared schema (core/events/outbox.ts), as affairs/booking/consult will. */
import sdk = require('../../local-cloud/sdk');
import { eventId, type OutboxEvent } from '../../core/events/outbox';

let seq = 0;
export async function writeApplicationEvent(openid: string, applicationStatus: string, extra: Record<string, unknown> = {}): Promise<string> {
  seq += 1;
  const appId = (extra.applicationId as string) ?? `app${seq}`;
  const e = {
    _id: eventId('applicationStatus', appId, `${applicationStatus}-${seq}`), type: 'applicationStatus', openid, at: new Date().toISOString(), status: 'pending',
    page: `packages/affairs/pages/application/index?id=${appId}`, applicationId: appId, applicationNo: `SQ2025030400${seq}`,
    matterId: 'm-passport', matterName: '普通护照签发', applicationStatus, departmentName: '市公安局出入境管理支队', ...extra,
  } as OutboxEvent;
  await sdk.database().collection('outbox').add({ data: e });
  return e._id;
}

export async function writeBookingEvent(openid: string, type: 'bookingBooked' | 'bookingCancelled', bookingId: string, slotStart: string, hallId = 'hall-1'): Promise<string> {
  seq += 1;
  const e = {
    _id: eventId(type, bookingId, seq), type, openid, at: new Date().toISOString(), status: 'pending', page: `packages/booking/pages/detail/index?id=${bookingId}`,
    bookingId, bookingNo: `YY${seq}`, matterId: 'm-passport', matterName: '普通护照签发', hallId, hallName: '示例市民中心', hallAddress: '示例市人民路1号',
    slotStart, slotEnd: new Date(new Date(slotStart).getTime() + 30 * 60_000).toISOString(),
  } as OutboxEvent;
  await sdk.database().collection('outbox').add({ data: e });
  return e._id;
}

export function db() {
  return sdk.database();
}
