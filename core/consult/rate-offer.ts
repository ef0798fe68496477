/**
 * 好差评 from the chat: a complaint (or a dispute over a decision) that reached a person also
 * offers the citizen to rate the case it is about, when they have one still open for rating. The
 * rating is theirs to give or not (自愿自主): the bot only shows the way to the rate page.
 *
 * Only a case that fits what the complaint names is offered: a complaint about 户政窗口 is not about
 * a 港澳通行证签注 (出入境). A complaint naming nothing identifiable offers the case that ended last;
 * one naming something none of the cases fits offers none.
 */
import type { PendingRating } from '../evaluation/api';
import { ratePagePath } from '../evaluation/pending';
import type { RateOffer } from './api';
import { namedObjects } from './record-scope';

export const RATE_OFFER_TEXT = '对办理结果不满意？可以评价该办件';
/** Handoff reasons after which the offer is shown. */
export const RATE_OFFER_REASONS: readonly string[] = ['complaint', 'dispute'];

/** A case open for rating, with who served it (department, or a booking's hall) when known. */
export type RateCandidate = PendingRating & { departmentName?: string };

const POLICE_OBJECTS = ['户口', '身份证', '临时身份证', '居住证', '护照', '港澳通行证', '台湾通行证', '签注', '签证', '驾驶证', '机动车', '行驶证'];

/**
 * Windows and departments as citizens name them: the service objects each handles and the words
 * of its department's name. `unless`: a more specific unit named in the same message wins
 * (公安局户政窗口 is 户政, not all of 公安).
 */
const SERVICE_UNITS: { words: RegExp; objects: string[]; departments: string[]; unless?: RegExp }[] = [
  { words: /户政|户籍|派出所/, objects: ['户口', '身份证', '临时身份证', '居住证'], departments: [] },
  { words: /出入境/, objects: ['护照', '港澳通行证', '台湾通行证', '签注', '签证'], departments: ['出入境'] },
  { words: /车管|交警|交管|驾管/, objects: ['驾驶证', '机动车', '行驶证'], departments: ['交通警察', '交警', '车辆管理'] },
  { words: /公安/, objects: POLICE_OBJECTS, departments: ['公安'], unless: /户政|户籍|派出所|出入境|车管|交警|交管|驾管/ },
  { words: /人社|人力资源|社保局|社保中心|社保窗口|就业/, objects: ['社保', '社保卡', '失业', '养老金'], departments: ['人力资源', '社会保障', '人社'] },
  { words: /医保/, objects: ['医保', '生育'], departments: ['医疗保障', '医保'] },
  { words: /公积金/, objects: ['公积金'], departments: ['公积金'] },
  { words: /不动产|房管|自然资源|国土/, objects: ['不动产'], departments: ['自然资源', '不动产'] },
  { words: /民政|婚姻登记|婚登/, objects: ['结婚', '离婚', '低保', '残疾', '死亡'], departments: ['民政'] },
  { words: /税务/, objects: ['个税'], departments: ['税务'] },
  { words: /市场监管|市场监督|工商/, objects: ['营业执照', '个体户', '公司'], departments: ['市场监督', '市场监管'] },
  { words: /教育局/, objects: ['上学', '升学考试'], departments: ['教育'] },
  { words: /卫健|卫生健康/, objects: ['生育'], departments: ['卫生健康', '卫健'] },
];

/** What the complaint names: service objects (its own, and those of the windows it names) and department words. */
function namedIn(text: string): { objects: Set<string>; departments: string[] } {
  const objects = namedObjects(text);
  const departments: string[] = [];
  for (const u of SERVICE_UNITS) {
    if (!u.words.test(text) || u.unless?.test(text)) continue;
    u.objects.forEach((o) => objects.add(o));
    departments.push(...u.departments);
  }
  return { objects, departments };
}

/** Two-character pieces that every case and hall shares: they name nothing. */
const GENERIC = new Set(['窗口', '办理', '工作', '人员', '示例', '例市', '管理', '中心', '服务', '申领', '登记', '申请', '大厅', '政务', '居民', '市民', '支队', '大队']);

const bigrams = (s: string): Set<string> => {
  const chars = [...s.replace(/[\s（）()·,，。.!！?？]/g, '')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) if (!GENERIC.has(chars[i] + chars[i + 1])) out.add(chars[i] + chars[i + 1]);
  return out;
};

/**
 * How well a case fits the complaint; null when it is about another service object than the one
 * named (身份证 named, 社会保障卡申领 offered).
 */
export function complaintFit(text: string, c: RateCandidate): number | null {
  const named = namedIn(text);
  const own = namedObjects(c.title);
  const sharedObjects = [...own].filter((o) => named.objects.has(o)).length;
  if (named.objects.size && own.size && !sharedObjects) return null;
  const said = bigrams(text);
  const words = [...bigrams(`${c.title}${c.departmentName ?? ''}`)].filter((b) => said.has(b)).length;
  const department = named.departments.some((d) => c.departmentName?.includes(d)) ? 1 : 0;
  return 3 * sharedObjects + 3 * department + words;
}

/**
 * The case to offer: the fitting one the message names most (latest ended on a tie); with nothing
 * identifiable named, the one that ended last. `pending` must be the caller's own, read by their openid.
 */
export function rateOfferFor(text: string, pending: readonly RateCandidate[]): RateOffer | null {
  if (!pending.length) return null;
  const named = namedIn(text);
  const scored = pending.map((c) => ({ c, fit: complaintFit(text, c) }));
  const fitting = scored.filter((x): x is { c: RateCandidate; fit: number } => x.fit !== null && x.fit > 0);
  const namesSomething = named.objects.size > 0 || named.departments.length > 0;
  const pool = fitting.length ? fitting : namesSomething ? [] : scored.map((x) => ({ c: x.c, fit: 0 }));
  const best = pool.sort((a, b) => b.fit - a.fit || b.c.endedAt.localeCompare(a.c.endedAt))[0]?.c;
  if (!best) return null;
  return {
    targetType: best.targetType, targetId: best.targetId, title: best.title, text: RATE_OFFER_TEXT,
    link: ratePagePath(best.targetType, best.targetId, best.title),
  };
}
