/** zod at the edge of the affairs function: only checked scalars reach a query. */
import { z } from '../../../core/zod-zh';
import { APPLICATION_STATUSES, RESULT_DECISIONS, STAFF_ACTIONS } from '../../../core/affairs/model';
import { MATERIAL_ID_RE } from '../../../core/matter/form';

export const matterId = z.string().trim().regex(/^[0-9A-Za-z-]{6,60}$/, '事项编号格式不正确');
export const appId = z.string().trim().regex(/^[AB][0-9a-f]{24}$/, '办件编号格式不正确');
/** The 办件编号 citizens and staff read (BJ + YYYYMMDD + 6 digits); lower-case input is accepted. */
export const applicationNo = z.string().trim().toUpperCase().regex(/^BJ\d{14}$/, '办件编号应为 BJ 加 14 位数字');
export const requestId = z.string().trim().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号须为8-64位字母、数字、下划线或连字符');
export const fileID = z.string().trim().min(10).max(300).regex(/^cloud:\/\/[^\s]+$/, '文件编号格式不正确');
export const materialIdParam = z.string().trim().regex(MATERIAL_ID_RE, '材料编号格式不正确');

const formValue = z.union([
  z.string().max(500, '不能超过500个字符'),
  z.number(),
  z.boolean(),
  z.array(z.string().max(60)).max(30),
]);
export const formValues = z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, '字段键格式不正确'), formValue)
  .refine((r) => Object.keys(r).length <= 40, '表单最多40个字段');

export const materialRefs = z.array(z.object({ materialId: materialIdParam, fileID }).strict()).max(30, '一次最多附30个文件');

export const status = z.enum(APPLICATION_STATUSES);
export const staffAction = z.enum(STAFF_ACTIONS);
export const page = z.number().int().min(1).max(500).default(1);
export const comment = z.string().trim().max(500, '意见不能超过500个字').optional();
export const caseResult = z.object({
  decision: z.enum(RESULT_DECISIONS),
  fileID: fileID.optional(),
  expressNo: z.string().trim().regex(/^[A-Za-z0-9]{6,30}$/, '快递单号应为6-30位字母或数字').optional(),
}).strict();

const LABELS: Record<string, string> = {
  matterId: '事项编号', no: '办件编号', requestId: '请求编号', form: '表单', materials: '申请材料', materialId: '材料编号', fileID: '文件',
  id: '办件编号', status: '状态', page: '页码', action: '办理操作', comment: '意见', result: '办理结果', decision: '结果',
  expressNo: '快递单号', fields: '字段', draftId: '草稿编号', lifeEvent: '一件事', matterIds: '事项', idNumber: '身份证号',
  days: '日期', date: '日期', workday: '是否工作日', name: '名称', coveredYears: '已录入年份', params: '参数',
};

export function affairsLabel(path: (string | number)[]): string {
  return path.map((p) => (typeof p === 'number' ? `第${p + 1}项` : LABELS[p] ?? p)).join('·');
}
