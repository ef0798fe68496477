/**
 * Messages that only open a conversation (你好，我想问个事 / 请问 / 在吗？咨询一下): greetings and
 * asking fillers with nothing left that says what about. No person can answer them either, so the
 * citizen is asked what they want to do instead of the message being handed over. Pure.
 */
import { compact } from '../text/normalize';

/** Greetings and attention-getters, folded (lower case, no punctuation or spaces). */
const GREETINGS = [
  '你们好', '您们好', '大家好', '你好', '您好', 'hello', 'hi', '嗨', '哈喽', '哈啰', '早上好', '上午好', '中午好', '下午好', '晚上好',
  '在不在', '在吗', '在么', '在嘛', '有人在吗', '有人吗', '有没有人', '打扰一下', '打扰了', '不好意思', '麻烦您', '麻烦你', '麻烦',
  '工作人员', '客服', '小助手', '助手', '同志',
];

/** Asking without saying what: 请问, 我想问个事, 有个问题想咨询一下. */
const FILLERS = [
  '请问', '请教', '咨询', '问问', '问下', '问', '一下', '一个', '个', '件', '点', '事情', '事儿', '事', '问题',
  '我们', '我', '想', '要', '有', '能', '可以', '那个', '这个',
];

/** Particles that add nothing on their own. */
const PARTICLES = ['嗯', '哦', '噢', '啊', '呢', '吧', '呀', '哈', '的', '了', '啦', '吗', '么', '嘛', '您', '你'];

const OPENING = new RegExp(`^(?:${[...GREETINGS, ...FILLERS, ...PARTICLES].sort((a, b) => b.length - a.length).join('|')})+$`);

/**
 * True when the message holds only greetings, asking fillers and particles (你好，我想问个事).
 * Blank text is not content-free here: the caller's blank path answers it.
 */
export function isContentFree(text: string): boolean {
  const folded = compact(text);
  // 客服 / 工作人员 on its own is calling for a person, not an opening: it goes on to be handed over.
  if (ADDRESSEES.has(folded.replace(/[吗么呢啊呀!！]+$/, ''))) return false;
  return folded.length > 0 && OPENING.test(folded);
}

const ADDRESSEES = new Set(['工作人员', '客服', '人工客服']);
