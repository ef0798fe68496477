/** Params schemas of the evaluation function (zod at the edge) and the Chinese names of their fields. */
import { z } from '../../../core/zod-zh';
import { TARGET_TYPES, type Level } from '../../../core/evaluation/model';
import { RESOLUTIONS, TICKET_STATUSES } from '../../../core/evaluation/ticket';
import { safeText } from '../../../core/text/hygiene';
import { calendarDate } from '../../shared/params';

// An integer 1–5 is exactly a Level: the cast only tells zod's input type so (the contract's `level: Level`).
const level = z.number().int('评价等级为1–5星').min(1, '评价等级为1–5星').max(5, '评价等级为1–5星') as unknown as z.ZodType<Level, z.ZodTypeDef, Level>;
const id = z.string().min(1).max(80);
const note = z.string().trim().min(1, '处理说明不能为空').max(500, '处理说明不能超过500字');

export const rateParams = z.object({
  targetType: z.enum(TARGET_TYPES),
  targetId: id,
  level,
  options: z.array(z.string().max(20)).max(10).optional(),
  // Comments are shown to staff: no bidi overrides or other controls that render as something else.
  comment: safeText(z.string().max(300, '评价内容不能超过300字')).optional(),
  requestId: z.string().min(8).max(64),
}).strict();

export const followUpParams = z.object({
  id,
  comment: safeText(z.string().max(300, '追评内容不能超过300字')).optional(),
  handlingLevel: level.optional(),
}).strict();

export const ticketsParams = z.object({ status: z.enum(TICKET_STATUSES).optional() }).strict();
export const idParams = z.object({ id }).strict();

export const ticketStepParams = z.object({
  id,
  step: z.enum(['contact', 'resolve', 'rectified', 'feedback']),
  note,
  resolution: z.enum(RESOLUTIONS).optional(),
  dueDate: calendarDate('整改期限应为日期，如 2025-03-04').optional(),
}).strict();

export const reviewParams = z.object({ id, upheld: z.boolean(), note }).strict();

const LABELS: Record<string, string> = {
  targetType: '评价对象类型', targetId: '评价对象', level: '评价等级', options: '评价选项', comment: '评价内容',
  requestId: '请求编号', handlingLevel: '回访满意度', status: '工单状态', step: '处理环节', note: '处理说明',
  resolution: '处理方式', dueDate: '整改期限', upheld: '复核结论', id: '编号', matterId: '事项', months: '月数',
};

export function evaluationLabel(path: (string | number)[]): string {
  const key = path.filter((p) => typeof p === 'string').pop();
  return (key && LABELS[key]) || path.join('.');
}
