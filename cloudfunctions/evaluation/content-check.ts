/**
 * A rating's comment goes through WeChat `security.msgSecCheck` v2 while the rater is active:
 * `risky` is refused, `review` is kept but flagged (staff see it marked, it is never published),
 * and a failed check is treated as `review` so a comment is never lost nor published unchecked.
 */
import { DomainError } from '../../core/envelope';
import { getCloud } from '../shared/cloud';

export async function checkComment(openid: string, comment: string | undefined): Promise<{ comment?: string; flagged?: boolean }> {
  const text = comment?.trim();
  if (!text) return {};
  let suggest: unknown;
  try {
    const openapi = (getCloud() as any).openapi;
    const res = await openapi.security.msgSecCheck({ version: 2, openid, scene: 2, content: text.slice(0, 2500) });
    suggest = res?.result?.suggest;
  } catch (e) {
    console.error('[evaluation] msgSecCheck failed', e);
    suggest = 'review';
  }
  if (suggest === 'risky') throw new DomainError('CONTENT_RISKY', '评价内容含有不当信息，请修改后再提交');
  return suggest === 'review' ? { comment: text, flagged: true } : { comment: text };
}
