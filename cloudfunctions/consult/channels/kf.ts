/**
 * Mini-program customer-service messages (`<button open-type="contact">`), delivered by
 * 云开发 → 设置 → 消息推送 as JSON events: text, image, miniprogrampage and the event
 * `user_enter_tempsession`.
 *
 * Recognition (never from the body alone): WeChat invokes the function itself, with
 * `getWXContext().OPENID` set to the user's openid and equal to the payload's `FromUserName`;
 * its `SOURCE` is not `wx_client`/`wx_devtools`, which is what every mini-program
 * `callFunction` reports. A client can put any body in `callFunction`, but cannot make SOURCE
 * differ from wx_client, so a forged payload from the app falls through to the action router.
 */
import type { PlatformEntry } from '../../shared/router';
import { assistantEventBody, botReplyText, firstDelivery, handleCitizenMessage, HANDOFF_REPLY, reachesPerson } from '../conversation';
import { miniProgramLink, replyPage } from './pages';
import type { Decision } from '../../../core/consult/engine';
import { DomainError } from '../../../core/envelope';
import { eventId, OUTBOX_COLLECTION, type CustomerServiceMessage } from '../../../core/events/outbox';
import { choiceBlock, withChoices } from '../../../core/consult/choice';
import { matterLinksLine } from '../../../core/consult/related-matters';
import { transact } from '../../shared/transaction';

const KF_TYPES = new Set(['text', 'image', 'miniprogrampage', 'event']);
const CLIENT_SOURCES = /^(wx_client|wx_devtools)/;

export interface KfPayload {
  ToUserName: string; FromUserName: string; CreateTime: number; MsgType: string;
  Content?: string; MsgId?: string | number; PicUrl?: string; MediaId?: string;
  Title?: string; AppId?: string; PagePath?: string; ThumbUrl?: string; ThumbMediaId?: string;
  Event?: string; SessionFrom?: string;
}

export function isKfPayload(event: unknown, wx: Record<string, unknown>): event is KfPayload {
  if (!event || typeof event !== 'object') return false;
  const e = event as Record<string, unknown>;
  if ('action' in e) return false;
  if (typeof wx.SOURCE === 'string' && CLIENT_SOURCES.test(wx.SOURCE)) return false;
  return typeof e.MsgType === 'string' && KF_TYPES.has(e.MsgType) && typeof e.FromUserName === 'string' && !!wx.OPENID && e.FromUserName === wx.OPENID;
}

export const WELCOME = '您好！我是示例市政务服务智能助手，请直接输入您要咨询的问题，例如“社保卡丢了怎么补办”。回复“人工”可转人工服务。';

/**
 * The answer as customer-service messages: text, or text and a page card for a matter, or a link;
 * a text carries the decision's numbered list (回复序号), a link is followed by it.
 */
export function decisionMessages(d: Decision): CustomerServiceMessage[] {
  const r = d.answer?.reply;
  if (r && r.type === 'miniprogrampage') {
    return withPage(withChoices(d, d.answer!.content), r.title, replyPage(r));
  }
  if (r && r.type === 'link') {
    const block = choiceBlock(d);
    return [{ msgtype: 'link', link: { title: r.title, description: r.content.slice(0, 100), url: r.url, thumb_url: '' } }, ...(block ? [{ msgtype: 'text' as const, text: { content: block } }] : [])];
  }
  // A handoff says why (asked for a person, not a government matter…), as in the app and on 服务号.
  const text = withChoices(d, d.answer?.content ?? (d.type === 'handoff' ? botReplyText(d) : HANDOFF_REPLY));
  if (!d.matters?.length) return [{ msgtype: 'text', text: { content: text } }];
  // 相关办事指南: named under the text, and the first one as a page card (as a guide reply is sent).
  const guide = d.matters[0];
  return withPage(`${text}\n${matterLinksLine(d.matters)}`, guide.name, guide.guideLink.replace(/^\//, ''), true);
}

/**
 * A text followed by a mini-program card of a page. WeChat requires the card's cover as uploaded
 * media (`thumb_media_id`, 必填): with `KF_CARD_THUMB_MEDIA_ID` set the card is sent; without it the
 * page goes into the text as a mini-program text link (`MINIPROGRAM_APPID`), or by name.
 */
function withPage(text: string, title: string, pagepath: string, named = false): CustomerServiceMessage[] {
  const thumb = process.env.KF_CARD_THUMB_MEDIA_ID;
  if (thumb) return [{ msgtype: 'text', text: { content: text } }, { msgtype: 'miniprogrampage', miniprogrampage: { title, pagepath, thumb_media_id: thumb } }];
  const appid = process.env.MINIPROGRAM_APPID;
  if (appid) return [{ msgtype: 'text', text: { content: `${text}\n${miniProgramLink(appid, pagepath, `打开“${title}”`)}` } }];
  // `named`: the text already names the page.
  return [{ msgtype: 'text', text: { content: named ? text : `${text}\n请在小程序中查看“${title}”。` } }];
}

/**
 * Transferred to a person: WeChat's human customer service takes over, the assistant says nothing.
 * An off-topic message is declined by the assistant instead (no agent answers the weather).
 */
const isTransfer = (d: Decision) => reachesPerson(d) && !d.answer;

/** How long the entry waits for its messages to leave (WeChat waits for `success`, and retries). */
const SEND_WAIT_MS = 3000;

/**
 * Messages to the user that belong to no conversation record (the welcome, a refusal): one outbox
 * event, id from the delivery's dedupe key, delivered by the push dispatcher like every message.
 */
async function queueMessages(key: string, touser: string, messages: CustomerServiceMessage[], awaitKickMs: number): Promise<void> {
  const at = new Date().toISOString();
  await transact(async (t) => {
    await t.collection(OUTBOX_COLLECTION).doc(eventId('assistantMessage', key, 1)).set({ data: assistantEventBody(touser, at, messages) });
  }, { awaitKickMs });
}

export const kfEntry: PlatformEntry = {
  name: 'customer-service-message',
  recognise: isKfPayload,
  handle: async (event, _wx, { remainingMs, now }) => {
    const p = event as KfPayload;
    const at = new Date().toISOString();
    const wait = () => Math.max(0, Math.min(SEND_WAIT_MS, remainingMs() - 1500));
    const dedupeKey = p.MsgId !== undefined ? `kf:${p.MsgId}` : `kf:${p.FromUserName}:${p.CreateTime}`;
    if (!(await firstDelivery(dedupeKey, at))) return 'success';
    if (p.MsgType === 'event') {
      if (p.Event === 'user_enter_tempsession') await queueMessages(dedupeKey, p.FromUserName, [{ msgtype: 'text', text: { content: WELCOME } }], wait());
      return 'success';
    }
    const text = p.MsgType === 'text' ? String(p.Content ?? '') : p.MsgType === 'miniprogrampage' ? String(p.Title ?? '') : '';
    if (p.MsgType === 'image' || !text.trim()) {
      // Pictures need a person (and mediaCheckAsync before staff see them).
      return { MsgType: 'transfer_customer_service', ToUserName: p.FromUserName, FromUserName: p.ToUserName, CreateTime: Math.floor(Date.now() / 1000) };
    }
    try {
      const out = await handleCitizenMessage({
        openid: p.FromUserName, text, channel: 'kf', now: now(),
        answerBy: { messages: (d) => (isTransfer(d) ? [] : decisionMessages(d)), awaitKickMs: wait() },
      });
      // A number that picks nothing: the notice alone (nothing was stored, so nothing was queued).
      if (out.notice) await queueMessages(dedupeKey, p.FromUserName, [{ msgtype: 'text', text: { content: out.notice } }], wait());
      else if (isTransfer(out.decision)) {
        return { MsgType: 'transfer_customer_service', ToUserName: p.FromUserName, FromUserName: p.ToUserName, CreateTime: Math.floor(Date.now() / 1000) };
      }
    } catch (e) {
      // Only a DomainError's message is written for people; anything else stays in the log.
      if (!(e instanceof DomainError)) console.error('[consult] customer-service message failed', e);
      const message = e instanceof DomainError ? e.message : '系统繁忙，请稍后再试';
      await queueMessages(`${dedupeKey}:error`, p.FromUserName, [{ msgtype: 'text', text: { content: message } }], wait())
        .catch((err) => console.error('[consult] could not queue the failure notice', err));
    }
    return 'success';
  },
};
