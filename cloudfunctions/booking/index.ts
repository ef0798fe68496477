/** 预约: service-hall bookings with honest capacity. Routes only; handlers live beside it. */
import { createRouter } from '../shared/router';
import { book, cancel, days, halls, mine, rulesAction, slots } from './handlers/citizen';
import { checkIn, closeSlots, day, markNoShow, myHalls, saveHall, saveTemplate, setSlotCapacity } from './handlers/staff';
import { sweep } from './handlers/timer';

const LABELS: Record<string, string> = {
  matterId: '事项编码', hallId: '服务大厅', date: '日期', slotId: '预约时段', requestId: '请求编号', applicationId: '申办编号',
  id: '预约编号', capacity: '容量', from: '开始时间', to: '结束时间', reason: '关闭原因', code: '预约码', slotMinutes: '时段长度',
  group: '窗口', weekly: '每周时段', name: '名称', address: '地址', hours: '办公时间', groups: '窗口', matterIds: '办理事项',
  active: '启用状态', location: '窗口位置', makeUpWeekday: '调休上班日按周几排班',
};
const label = (path: (string | number)[]) => path.map((k) => (typeof k === 'number' ? `第${k + 1}项` : LABELS[k] ?? k)).join('·');

/** Every action this function answers, each with its params schema and permission. */
export const actions = {
  halls, slots, book, cancel, mine, setSlotCapacity, closeSlots, day, checkIn,
  days, rules: rulesAction, markNoShow, myHalls, saveHall, saveTemplate,
};

/** The router over a clock: WeChat runs it on the system clock; tests pass their own. */
export function bookingRouter(clock?: () => Date) {
  return createRouter('booking', actions, { timers: { sweep }, labels: label, clock });
}

export const main = bookingRouter();
