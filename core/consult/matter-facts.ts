/**
 * City-specific answers: an FAQ may name a matter by its 实施编码 (`matter`); its answer then shows
 * that matter's live facts from the published catalogue (fee, 承诺时限, 地点, 网办深度, booking) and
 * links to 办事指南 / 在线申办 / 预约. Read at answer time, so a catalogue change shows in the next answer.
 */
import type { Matter } from '../matter/schema';
import { ONLINE_DEPTH_LABELS } from '../matter/taxonomy';
import { colloquial, fold } from '../text';
import type { MatterFacts } from './api';
import { actionsIn, objectsIn } from './objects';

/** 在线申办 exists from 网办深度 Ⅲ (网上受理) on, as the guide page offers it. */
const APPLY_FROM_DEPTH = 3;

export function matterFacts(m: Matter, bookable: boolean): MatterFacts {
  const id = encodeURIComponent(m._id);
  const fee = m.fees.charged ? m.fees.items.map((f) => `${f.name} ${f.standard}`).join('；') : '免费';
  const promised = m.timeLimit.caseKind === '即办件' ? '即办件（当场办结）' : `${m.timeLimit.promisedDays}个工作日`;
  return {
    id: m._id, name: m.name, fee, promised,
    places: m.contact.locations.map((l) => `${l.name}（${l.address}）`),
    onlineDepth: ONLINE_DEPTH_LABELS[m.channels.onlineDepth], bookable,
    links: {
      guide: `/packages/matters/pages/guide/index?id=${id}`,
      ...(m.channels.onlineDepth >= APPLY_FROM_DEPTH && m.status === '在用' ? { apply: `/packages/affairs/pages/apply/index?matterId=${id}` } : {}),
      ...(bookable ? { book: `/packages/booking/pages/book/index?matterId=${id}&name=${encodeURIComponent(m.name)}` } : {}),
    },
  };
}

/** The city's facts as one line under the FAQ's answer (also what 客服消息 and 服务号 send). */
export function factsLine(f: MatterFacts): string {
  const fee = f.fee === '免费' ? '本市免收费用' : `收费：${f.fee}`;
  return `【本市${f.name}】${fee}；承诺时限：${f.promised}；办理地点：${f.places.join('、')}；网上办理：${f.onlineDepth}${f.bookable ? '；可网上预约' : ''}。`;
}

/** What a matter offers to be chosen by: its name and the editors' keywords. */
export interface MatterCandidate { name: string; keywords: string[] }

/** A service object the message and the matter share outweighs any number of shared actions. */
const OBJECT_WEIGHT = 10;

const normalised = (s: string) => colloquial(fold(s));

/**
 * Of the matters one FAQ covers, the one that fits the message: the service objects it names
 * (港澳通行证 vs 护照) count first, then the actions (补领 vs 首次申领), each against the matter's
 * name and keywords. Nothing shared, or a tie: the earlier matter (the FAQ's `matter` comes first).
 */
export function fittingMatter<T extends MatterCandidate>(message: string, matters: T[]): T | undefined {
  if (matters.length <= 1) return matters[0];
  const text = normalised(message);
  const objects = objectsIn(text);
  const actions = actionsIn(text);
  let best = matters[0];
  let bestScore = 0;
  for (const m of matters) {
    // A separator no form contains: a keyword's end and the next one's start never join into a form.
    const own = normalised([m.name, ...m.keywords].join('|'));
    const sharedObjects = [...objectsIn(own)].filter((o) => objects.has(o)).length;
    const sharedActions = [...actionsIn(own)].filter((a) => actions.has(a)).length;
    const score = OBJECT_WEIGHT * sharedObjects + sharedActions;
    if (score > bestScore) { best = m; bestScore = score; }
  }
  return best;
}
