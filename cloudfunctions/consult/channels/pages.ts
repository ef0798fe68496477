/**
 * Mini-program pages the text channels (服务号, 客服消息) point to: the page of a guide / 在线申办
 * reply, and the text link WeChat turns into a jump to it. One shape for both channels.
 */
import type { RichReply } from '../../../core/consult/kb';

type PageReply = Extract<RichReply, { type: 'miniprogrampage' }>;

/** The page a guide / 在线申办 reply opens (app.json path, no leading slash). */
export function replyPage(r: Pick<PageReply, 'target' | 'matterId'>): string {
  return r.target === 'apply'
    ? `packages/affairs/pages/apply/index?matterId=${encodeURIComponent(r.matterId)}`
    : `packages/matters/pages/guide/index?id=${encodeURIComponent(r.matterId)}`;
}

/**
 * A text link that opens the page in the mini-program (`data-miniprogram-*`); the href is where
 * clients too old for such links go instead.
 */
export function miniProgramLink(appid: string, pagepath: string, label: string): string {
  return `<a data-miniprogram-appid="${appid}" data-miniprogram-path="${pagepath.replace(/^\//, '')}" href="https://mp.weixin.qq.com">${label}</a>`;
}
