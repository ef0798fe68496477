import type { BookingView, HallAdminView, SlotView, StaffBookingView } from '../../core/api';
import { qrPayload } from '../../core/booking/codes';
import { BOOKING_STATUS_LABELS, type Booking, type BookingRules, type Hall, type Slot, type SlotTemplate } from '../../core/booking/model';
import { cancelDeadline } from '../../core/booking/rules';
import { maskOpenid } from '../../core/mask';

export function slotView(s: Slot, staff = false): SlotView {
  const v: SlotView = {
    slotId: s._id, start: s.start, end: s.end, capacity: s.capacity, left: s.state === 'closed' ? 0 : s.left, date: s.date, startAt: s.startAt,
  };
  if (s.state === 'closed') {
    v.closed = true;
    if (s.closedReason) v.closedReason = s.closedReason;
  }
  if (staff) {
    v.held = s.held;
    v.left = s.left;
    if (s.closing) v.closing = true;
  }
  return v;
}

export function bookingView(b: Booking, rules: BookingRules, now: Date): BookingView {
  const deadline = cancelDeadline(b, rules);
  const v: BookingView = {
    id: b._id, no: b.no, code: b.code, qr: qrPayload(b.code), status: b.status, statusLabel: BOOKING_STATUS_LABELS[b.status],
    matterId: b.matterId, matterName: b.matterName, hallId: b.hallId, hallName: b.hallName, hallAddress: b.hallAddress,
    groupName: b.groupName, date: b.date, start: b.start, end: b.end, startAt: b.startAt, endAt: b.endAt,
    cancellable: b.status === 'booked' && now.getTime() <= deadline.getTime(), cancelDeadline: deadline.toISOString(),
  };
  if (b.applicationId) v.applicationId = b.applicationId;
  if (b.cancelReason) v.cancelReason = b.cancelReason;
  if (b.cancelledBy) v.cancelledBy = b.cancelledBy;
  if (b.checkedInAt) v.checkedInAt = b.checkedInAt;
  return v;
}

export function staffBookingView(b: Booking, now: Date): StaffBookingView {
  const v: StaffBookingView = {
    id: b._id, no: b.no, status: b.status, statusLabel: BOOKING_STATUS_LABELS[b.status], matterName: b.matterName,
    groupName: b.groupName, slotId: b.slotId, start: b.start, end: b.end, maskedOpenid: maskOpenid(b.openid),
    noShowable: b.status === 'booked' && Date.parse(b.endAt) <= now.getTime(),
  };
  if (b.applicationId) v.applicationId = b.applicationId;
  if (b.checkedInAt) v.checkedInAt = b.checkedInAt;
  if (b.cancelReason) v.cancelReason = b.cancelReason;
  return v;
}

export function hallAdminView(h: Hall, templates: SlotTemplate[], matterNames: Record<string, string>): HallAdminView {
  const byGroup = new Map(templates.map((t) => [t.group, t]));
  return {
    hallId: h._id, name: h.name, address: h.address, hours: h.hours, active: h.active,
    groups: h.groups.map((g) => {
      const t = byGroup.get(g.id);
      return { ...g, template: t ? { slotMinutes: t.slotMinutes, capacity: t.capacity, weekly: t.weekly, ...(t.makeUpWeekday ? { makeUpWeekday: t.makeUpWeekday } : {}) } : null };
    }),
    matterNames,
  };
}
