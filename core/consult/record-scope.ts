/**
 * Which of the caller's records a personal question is about, beyond a number: the matter it names
 * (by service object, 护照 ≠ 港澳通行证), the time it was submitted (上周, 昨天 … in Asia/Shanghai)
 * and whether it is about someone else's case at all (我老婆的护照). Pure.
 */
import dayjs from 'dayjs';
import { shanghaiDate } from '../shanghai-time';
import { objectsIn } from './objects';

/** Things asked about an object rather than the object of a case (社保卡密码 is still 社保卡). */
const ATTRIBUTES = new Set(['密码', '利率', '积分']);

/** The service objects a text names (护照, 社保卡, 户口 …). */
export function namedObjects(text: string): Set<string> {
  return new Set([...objectsIn(text)].filter((o) => !ATTRIBUTES.has(o)));
}

/** Broader words that cover narrower objects: "我的社保" may be the 社保卡 case; 签注 is on a 通行证. */
const COVERS: Record<string, string[]> = {
  社保: ['社保卡', '养老金', '失业', '医保', '生育'],
  签注: ['港澳通行证', '台湾通行证'],
  港澳通行证: ['签注'],
  台湾通行证: ['签注'],
};

const bigrams = (s: string): string[] => [...s].slice(0, -1).map((c, i) => c + s[i + 1]);

/**
 * Whether a record's matter is one of the named objects: it names the same object, or (a matter
 * the lexicon has no object for) the text repeats two characters of its name in a row.
 */
export function matterFits(named: Set<string>, text: string, matterName: string): boolean {
  const own = namedObjects(matterName);
  if (own.size) return [...own].some((o) => named.has(o) || [...named].some((n) => COVERS[n]?.includes(o)));
  return bigrams(matterName).some((b) => text.includes(b));
}

/** A span of Shanghai calendar days, both ends included (YYYY-MM-DD), and the words that named it. */
export interface Period { label: string; from: string; to: string }

const TIME_WORDS: [RegExp, (today: dayjs.Dayjs) => [dayjs.Dayjs, dayjs.Dayjs]][] = [
  [/今天|今日/, (t) => [t, t]],
  [/昨天|昨日/, (t) => [t.subtract(1, 'day'), t.subtract(1, 'day')]],
  [/前天/, (t) => [t.subtract(2, 'day'), t.subtract(2, 'day')]],
  [/前几天|前两天|前些天|前些日子/, (t) => [t.subtract(7, 'day'), t.subtract(1, 'day')]],
  // Weeks run Monday to Sunday, as in China.
  [/这周|本周|这个星期|这星期|这礼拜|这个礼拜|本星期/, (t) => [monday(t), t]],
  [/上周|上个星期|上星期|上礼拜|上个礼拜/, (t) => [monday(t).subtract(7, 'day'), monday(t).subtract(1, 'day')]],
  [/这个月|本月|这月/, (t) => [t.startOf('month'), t]],
  [/上个月|上月/, (t) => [t.subtract(1, 'month').startOf('month'), t.subtract(1, 'month').endOf('month')]],
];

function monday(t: dayjs.Dayjs): dayjs.Dayjs {
  return t.subtract((t.day() + 6) % 7, 'day');
}

/** The first time word in `text`, as Shanghai days relative to `nowIso`; null when none. */
export function periodIn(text: string, nowIso: string): Period | null {
  const today = dayjs(shanghaiDate(nowIso));
  let first: { at: number; label: string; span: [dayjs.Dayjs, dayjs.Dayjs] } | null = null;
  for (const [re, span] of TIME_WORDS) {
    const m = re.exec(text);
    if (m && (!first || m.index < first.at)) first = { at: m.index, label: m[0], span: span(today) };
  }
  if (!first) return null;
  const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');
  return { label: first.label, from: fmt(first.span[0]), to: fmt(first.span[1]) };
}

/** Whether an instant (ISO) falls on one of the period's Shanghai days. */
export function within(period: Period, iso: string): boolean {
  const day = shanghaiDate(iso);
  return day >= period.from && day <= period.to;
}

/** The text without its time words (they name no matter: 上周 is not 个体工商户's 个). */
export function withoutTimeWords(text: string): string {
  return TIME_WORDS.reduce((t, [re]) => t.replace(new RegExp(re.source, 'g'), ''), text);
}

const RELATIVE = '老婆|老公|媳妇|妻子|丈夫|爱人|对象|男朋友|女朋友|爸爸|妈妈|老爸|老妈|父亲|母亲|父母|爸|妈|爷爷|奶奶|姥姥|姥爷|外公|外婆|公公|婆婆|岳父|岳母|儿子|女儿|闺女|孩子|小孩|儿媳|女婿|哥哥|姐姐|弟弟|妹妹|哥|姐|弟|妹|家人|家里人|亲戚|朋友|同学|同事|邻居|老人|领导';
/** 帮我妈办的, 给孩子约的: the caller acted for them, so the record is the caller's own. */
export const ON_BEHALF = new RegExp(`(?:帮|替|给|为)(?:我|我们)?(?:家|的)?(?:${RELATIVE}|他|她|他们|她们|别人|人家)`, 'g');
/** 我老婆的护照, 我爸约的, 她的社保卡: a case that is someone else's, not the caller's. */
const SOMEONE_ELSE = new RegExp(`(?:我|俺)(?:的|家|们家|那个|那位)?(?:${RELATIVE})(?:的|办的|申请的|提交的|交的|约的|预约的)|(?:他|她|他们|她们|别人|人家)(?:的|办的|申请的|约的|预约的)`);

/** Whether the text asks about someone else's case or booking (after acts on their behalf are set aside). */
export function aboutSomeoneElse(text: string): boolean {
  return SOMEONE_ELSE.test(text.replace(ON_BEHALF, ''));
}
