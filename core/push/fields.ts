/**
 * Field values per WeChat's subscription-message rules (NOTES.md; 47003 otherwise). Each
 * formatter returns a valid value or a clear reason; a message with an invalid field is failed
 * before it is sent, never sent to collect a 47003.
 */
import type { FieldType, Template } from './templates';

export type FieldResult = { ok: true; value: string } | { ok: false; reason: string };

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const chars = (s: string) => [...s];
const ok = (value: string): FieldResult => ({ ok: true, value });
const bad = (reason: string): FieldResult => ({ ok: false, reason });

/** WeChat's `time` format: 2019年10月1日 15:01 (24-hour, no seconds), Asia/Shanghai. */
export function wechatTime(iso: string | Date): string | undefined {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return undefined;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}年${Number(get('month'))}月${Number(get('day'))}日 ${get('hour')}:${get('minute')}`;
}
export function wechatDate(iso: string | Date): string | undefined {
  const t = wechatTime(iso);
  return t?.split(' ')[0];
}
/** A slot as a range on one day: 2025年3月4日 09:00~09:30. */
export function wechatTimeRange(startIso: string, endIso: string): string | undefined {
  const a = wechatTime(startIso);
  const b = wechatTime(endIso);
  if (!a || !b) return undefined;
  const [da] = a.split(' ');
  const [db, tb] = b.split(' ');
  return da === db ? `${a}~${tb}` : `${a}~${b}`;
}

/** Truncates `thing` to 20 characters (19 + …), after flattening whitespace. */
export function truncateThing(s: string, max = 20): string {
  const flat = s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  const c = chars(flat);
  return c.length <= max ? flat : `${c.slice(0, max - 1).join('')}…`;
}

/**
 * What staff see beside each field when composing, with an example that validation accepts; the
 * refusal for a bad value repeats the same example, so hint and error never disagree.
 */
export const FIELD_HINTS: Record<FieldType, string> = {
  thing: '≤20字，超出自动截断', phrase: '≤5个汉字', time: '北京时间，如 2025-07-01 08:00', date: '如 2025-07-01',
  number: '数字，如 12', letter: '字母，如 ABC', symbol: '符号，如 ！', character_string: '数字、字母或符号，如 A123', amount: '金额，如 ¥100.00',
  phone_number: '电话，如 0571-12345678', car_number: '车牌号，如 浙A12345', name: '姓名，如 张三',
};

const TIME_RE = /^(\d{4}年\d{1,2}月\d{1,2}日\s)?\d{1,2}:\d{2}$/;
/** Beijing wall-clock time typed the way the compose hint shows it. */
const WALL_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})$/;

function wallTime(v: string): string | undefined {
  const m = WALL_RE.exec(v);
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number);
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
  return `${y}年${mo}月${d}日 ${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;
}
const DATE_RE = /^\d{4}年\d{1,2}月\d{1,2}日$/;
const ISO_RE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Makes `raw` a valid value of `type`, or says why it cannot be. Dates/times accept an ISO
 * instant (converted to WeChat's format in Asia/Shanghai) or a value already in that format.
 */
export function formatField(type: FieldType, raw: string | undefined | null): FieldResult {
  const v = (raw ?? '').toString().trim();
  if (!v) return bad('内容为空');
  switch (type) {
    case 'thing': {
      const t = truncateThing(v);
      return t ? ok(t) : bad('内容为空');
    }
    case 'phrase':
      return /^[\u4e00-\u9fa5]{1,5}$/.test(v) ? ok(v) : bad('须为不超过5个汉字的短语');
    case 'time': {
      const parts = v.split('~').map((p) => p.trim());
      const out: string[] = [];
      for (const p of parts) {
        if (TIME_RE.test(p)) out.push(p);
        else if (WALL_RE.test(p)) {
          const t = wallTime(p);
          if (!t) return bad('时间无效');
          out.push(t);
        } else if (ISO_RE.test(p)) {
          const t = wechatTime(p);
          if (!t) return bad('时间无效');
          out.push(t);
        } else return bad(`须为24小时制时间（${FIELD_HINTS.time}）`);
      }
      return out.length <= 2 ? ok(out.join('~')) : bad('时间段最多两个时间点');
    }
    case 'date': {
      const parts = v.split('~').map((p) => p.trim());
      const out: string[] = [];
      for (const p of parts) {
        if (DATE_RE.test(p) || /^\d{4}年\d{1,2}月\d{1,2}日\s\d{1,2}:\d{2}$/.test(p)) out.push(p);
        else if (ISO_RE.test(p)) {
          const d = p.length === 10 ? `${Number(p.slice(0, 4))}年${Number(p.slice(5, 7))}月${Number(p.slice(8, 10))}日` : wechatDate(p);
          if (!d) return bad('日期无效');
          out.push(d);
        } else return bad(`须为日期（${FIELD_HINTS.date}）`);
      }
      return ok(out.join('~'));
    }
    case 'number':
      return /^[-+]?\d+(\.\d+)?$/.test(v) && v.replace(/\D/g, '').length <= 32 ? ok(v) : bad('须为不超过32位的数字');
    case 'letter':
      return /^[A-Za-z]{1,32}$/.test(v) ? ok(v) : bad('须为不超过32个字母');
    case 'symbol':
      return /^[^\p{L}\p{N}\s]{1,5}$/u.test(v) ? ok(v) : bad('须为不超过5个符号');
    case 'character_string':
      return /^[\x20-\x7e]{1,32}$/.test(v) ? ok(v) : bad('须为不超过32位的数字、字母或符号');
    case 'amount': {
      const m = /^([¥￥$€£]?)(\d{1,10}(\.\d{1,2})?)元?$/.exec(v.replace(/,/g, ''));
      return m ? ok(`${m[1] || '¥'}${m[2]}`) : bad('须为金额：一个货币符号加不超过10位数字');
    }
    case 'phone_number':
      return /^[\d+\-()\s]{1,17}$/.test(v) ? ok(v) : bad('须为不超过17位的电话号码');
    case 'car_number':
      return chars(v).length <= 8 ? ok(v) : bad('车牌号不超过8位');
    case 'name':
      if (CJK.test(v)) return chars(v).length <= 10 ? ok(v) : bad('姓名不超过10个汉字');
      return chars(v).length <= 20 ? ok(v) : bad('姓名不超过20个字符');
  }
}

export type RenderResult =
  | { ok: true; data: Record<string, { value: string }> }
  | { ok: false; reason: string; field: string };

/** Formats every field of a template from raw values; the first invalid field fails the message. */
export function renderData(template: Template, raw: Record<string, string | undefined>): RenderResult {
  const data: Record<string, { value: string }> = {};
  for (const f of template.fields) {
    const r = formatField(f.type, raw[f.key]);
    if (!r.ok) return { ok: false, field: f.key, reason: `${f.label}${r.reason}` };
    data[f.key] = { value: r.value };
  }
  return { ok: true, data };
}

/** The message as WeChat shows it: title and "label: value" lines. */
export function renderPreview(template: Template, data: Record<string, { value: string }>): { title: string; lines: { label: string; value: string }[] } {
  return { title: template.title, lines: template.fields.map((f) => ({ label: f.label, value: data[f.key]?.value ?? '' })) };
}
