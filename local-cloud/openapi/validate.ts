/**
 * The checks WeChat applies before accepting openapi calls, so the offline sink rejects what
 * the real service would (a preview that "sends" an over-long thing value would otherwise
 * hide a production failure). Error codes and field naming follow WeChat's replies.
 */
import { isPlainObject, type AnyObject } from '../util';

export class WxApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`${errcode} ${errmsg}`);
  }
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const len = (s: string): number => [...s].length;
const TIME = '\\d{1,2}:\\d{2}(:\\d{2})?';
const DATE = '\\d{4}[年\\-/.]\\d{1,2}[月\\-/.]\\d{1,2}日?';
const TIME_RE = new RegExp(`^(${DATE}\\s*)?${TIME}$`);
const DATE_RE = new RegExp(`^${DATE}(\\s*${TIME})?$`);

/** Returns why a value is invalid for its key type (key `thing3` → type `thing`), or undefined. */
function checkDataValue(type: string, value: string): string | undefined {
  const ranged = (re: RegExp): boolean => value.split('~').every((part) => re.test(part.trim()));
  switch (type) {
    case 'thing':
      return len(value) > 20 ? 'exceeds 20 characters' : undefined;
    case 'number':
      return /^[-+]?\d+(\.\d+)?$/.test(value) && value.replace(/\D/g, '').length <= 32 ? undefined : 'must be a number of at most 32 digits';
    case 'letter':
      return /^[A-Za-z]{1,32}$/.test(value) ? undefined : 'must be at most 32 letters';
    case 'symbol':
      return /^[^\p{L}\p{N}\s]{1,5}$/u.test(value) ? undefined : 'must be at most 5 symbols';
    case 'character_string':
      return /^[\x20-\x7e]{1,32}$/.test(value) ? undefined : 'must be at most 32 digits, letters or symbols';
    case 'time':
      return ranged(TIME_RE) ? undefined : 'must be a 24-hour time such as 15:01 or 2019年10月1日 15:01';
    case 'date':
      return ranged(DATE_RE) ? undefined : 'must be a date such as 2019年10月1日 or 2019-10-01 15:01';
    case 'amount':
      return /^[¥￥$€£]?\d{1,10}(\.\d+)?元?$/.test(value) ? undefined : 'must be an amount: one currency symbol and at most 10 digits';
    case 'phone_number':
      return /^[\d+\-()\s]{1,17}$/.test(value) ? undefined : 'must be a phone number of at most 17 characters';
    case 'car_number':
      return len(value) <= 8 ? undefined : 'exceeds 8 characters';
    case 'name':
      return CJK.test(value) ? (len(value) <= 10 ? undefined : 'exceeds 10 Chinese characters') : len(value) <= 20 ? undefined : 'exceeds 20 characters';
    case 'phrase':
      return /^[\u4e00-\u9fa5]{1,5}$/.test(value) ? undefined : 'must be at most 5 Chinese characters';
    default:
      return undefined; // enum and unknown types: only WeChat knows the template's allowed values
  }
}

export function validateSubscribeSend(p: AnyObject): void {
  if (typeof p.touser !== 'string' || !p.touser) throw new WxApiError(40003, 'invalid openid');
  if (typeof p.templateId !== 'string' || !p.templateId) throw new WxApiError(40037, 'invalid template_id');
  if (p.miniprogramState !== undefined && !['developer', 'trial', 'formal'].includes(String(p.miniprogramState))) {
    throw new WxApiError(47003, 'argument invalid! miniprogram_state must be developer, trial or formal');
  }
  if (!isPlainObject(p.data) || Object.keys(p.data).length === 0) throw new WxApiError(47003, 'argument invalid! data is empty');
  for (const [key, entry] of Object.entries(p.data)) {
    const raw = isPlainObject(entry) ? entry.value : undefined;
    if (raw === undefined || raw === null || String(raw) === '') throw new WxApiError(47003, `argument invalid! data.${key}.value is empty`);
    const reason = checkDataValue(key.replace(/\d+$/, ''), String(raw));
    if (reason) throw new WxApiError(47003, `argument invalid! data.${key}.value ${reason}`);
  }
}

const CS_TYPES = ['text', 'image', 'link', 'miniprogrampage'];

export function validateCustomerServiceSend(p: AnyObject): void {
  if (typeof p.touser !== 'string' || !p.touser) throw new WxApiError(40003, 'invalid openid');
  if (typeof p.msgtype !== 'string' || !CS_TYPES.includes(p.msgtype)) throw new WxApiError(40008, 'invalid message type');
  const body = p[p.msgtype];
  if (!isPlainObject(body)) throw new WxApiError(47001, `data format error: ${p.msgtype} is missing`);
  if (p.msgtype === 'text' && (typeof body.content !== 'string' || !body.content)) throw new WxApiError(47001, 'data format error: text.content is empty');
  // As WeChat: a mini-program card needs its title, page and a cover uploaded as media (thumb_media_id).
  if (p.msgtype === 'miniprogrampage') {
    if (typeof body.title !== 'string' || !body.title || typeof body.pagepath !== 'string' || !body.pagepath) throw new WxApiError(47001, 'data format error: miniprogrampage.title or pagepath is empty');
    if (typeof body.thumb_media_id !== 'string' || !body.thumb_media_id) throw new WxApiError(40007, 'invalid media_id');
  }
}

/** Words that make the offline msgSecCheck answer `risky`, so tests and previews can exercise that path. */
export const SINK_RISKY_WORDS: readonly { word: string; label: number }[] = [
  { word: '测试违规词', label: 20001 },
  { word: '测试辱骂词', label: 20003 },
  { word: '测试诈骗词', label: 20008 },
];

export function validateMsgSecCheck(p: AnyObject): void {
  if (typeof p.content !== 'string' || !p.content) throw new WxApiError(47001, 'data format error: content is empty');
  if (len(p.content) > 2500) throw new WxApiError(47001, 'data format error: content exceeds 2500 characters');
  if (Number(p.version) === 2) {
    if (typeof p.openid !== 'string' || !p.openid) throw new WxApiError(40003, 'invalid openid');
    if (![1, 2, 3, 4].includes(Number(p.scene))) throw new WxApiError(40097, 'invalid args: scene must be 1, 2, 3 or 4');
  }
}

export function riskyWordIn(content: string): { word: string; label: number } | undefined {
  return SINK_RISKY_WORDS.find((w) => content.includes(w.word));
}

/**
 * Words that make the offline msgSecCheck v2 answer `review` (WeChat's "needs a person" verdict),
 * so tests drive that path through the emulated service rather than a switch in the function.
 */
export const SINK_REVIEW_WORDS: readonly { word: string; label: number }[] = [
  { word: '测试待审词', label: 21000 },
];

export function reviewWordIn(content: string): { word: string; label: number } | undefined {
  return SINK_REVIEW_WORDS.find((w) => content.includes(w.word));
}
