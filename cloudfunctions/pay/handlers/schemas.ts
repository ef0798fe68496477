/** zod at the edge of the pay function. Amounts are never taken from a citizen; staff amounts are checked against the guide. */
import { z } from '../../../core/zod-zh';

export const billId = z.string().trim().regex(/^P[0-9a-f]{20}$/, '账单编号格式不正确');
export const applicationId = z.string().trim().regex(/^[AB][0-9a-f]{24}$/, '办件编号格式不正确');
export const requestId = z.string().trim().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号须为8-64位字母、数字、下划线或连字符');
export const fen = z.number().int('金额须为整数（分）').positive('金额须大于0').max(100_000_000, '金额过大');
export const reason = z.string().trim().min(2, '请填写原因（至少2个字）').max(200, '原因不能超过200个字');
export const items = z.array(z.object({ name: z.string().trim().min(1).max(60), amountFen: fen }).strict()).min(1).max(20);

const LABELS: Record<string, string> = {
  id: '账单编号', applicationId: '办件编号', requestId: '请求编号', amountFen: '金额', reason: '原因', items: '收费项目', name: '项目名称',
};
export function payLabel(path: (string | number)[]): string {
  return path.map((p) => (typeof p === 'number' ? `第${p + 1}项` : LABELS[p] ?? p)).join('·');
}
