/** 回复序号: what counts as picking a listed question by its number, and the numbered lists. */
import { CHOICE_TTL_MS, noChoiceReply, parseChoice, pickFrom, withChoices } from '../../core/consult/choice';

describe('parseChoice', () => {
  it.each([
    ['1', 1], ['2', 2], ['9', 9], [' 3 ', 3], ['１', 1], ['３', 3], ['1.', 1], ['2。', 2], ['2、', 2],
    ['第一个', 1], ['第2条', 2], ['第 3 条', 3], ['第三', 3], ['第4项', 4], ['选1', 1], ['选第2个', 2], ['选择3', 3], ['①', 1],
  ])('%s → %s', (text, n) => expect(parseChoice(text)).toBe(n));

  // A bare 0 or two digits is meant as a pick as well; it fits no list and is told so (pickFrom).
  it.each([['0', 0], ['10', 10], ['１２', 12]] as [string, number][])('%s → %s (a pick that fits no list)', (text, n) => expect(parseChoice(text)).toBe(n));

  it.each([
    '110', '12345', '12345热线', 'YY2026120800012', 'BJ20261208001', '1 社保', '社保 1', '1社保卡', '第十个',
    '一', '', '   ', '1.5', '-1', '2?', '选', '第个', '3号窗口', '一楼',
  ])('%s is a question, not a choice', (text) => expect(parseChoice(text)).toBeNull());
});

describe('pickFrom', () => {
  const now = new Date('2026-12-08T03:00:00Z');
  const list = [{ id: 'faq-a', question: 'A？' }, { id: 'faq-b', question: 'B？' }, { id: 'faq-c', question: 'C？' }];
  const said = (minutesAgo: number, suggestions = list) => ({ at: new Date(now.getTime() - minutesAgo * 60_000).toISOString(), suggestions });

  it('picks the nth entry and keeps the rest in order', () => {
    expect(pickFrom(said(1), 2, now)).toEqual({ picked: list[1], rest: [list[0], list[2]] });
    expect(pickFrom(said(1), 1, now)?.picked).toEqual(list[0]);
    expect(pickFrom(said(1), 3, now)?.rest).toEqual([list[0], list[1]]);
  });

  it('nothing outside the list, without a list, or once the list is older than 30 minutes', () => {
    expect(pickFrom(said(1), 4, now)).toBeNull();
    expect(pickFrom(said(1), 0, now)).toBeNull();
    expect(pickFrom(said(1, []), 1, now)).toBeNull();
    expect(pickFrom({ at: said(1).at }, 1, now)).toBeNull();
    expect(pickFrom(undefined, 1, now)).toBeNull();
    expect(pickFrom(said(30), 1, now)?.picked).toEqual(list[0]);
    expect(pickFrom({ at: new Date(now.getTime() - CHOICE_TTL_MS - 1).toISOString(), suggestions: list }, 1, now)).toBeNull();
    expect(pickFrom(said(31), 1, now)).toBeNull();
  });

  it('the not-found reply names the number', () => {
    expect(noChoiceReply(7)).toBe('没有找到第 7 条可选问题，请直接发送您想问的问题。');
  });
});

describe('withChoices', () => {
  const two = [{ id: 'faq-a', question: '社保卡怎么补办？' }, { id: 'faq-b', question: '社保卡密码忘了怎么办？' }];

  it('unsure: the numbered list and 回复序号', () => {
    expect(withChoices({ type: 'suggestions', suggestions: two }, 'ignored'))
      .toBe('您是不是想问：\n1. 社保卡怎么补办？\n2. 社保卡密码忘了怎么办？\n回复序号即可查看，或直接发送您的问题。');
  });

  it('an answer with related entries, a handoff with the nearest: under the text, numbered', () => {
    expect(withChoices({ type: 'answer', suggestions: two }, '答案。')).toBe('答案。\n\n您可能还想问（回复序号）：\n1. 社保卡怎么补办？\n2. 社保卡密码忘了怎么办？');
    expect(withChoices({ type: 'handoff', suggestions: [two[1]] }, '已转给工作人员。')).toBe('已转给工作人员。\n\n您也可以先看看（回复序号）：\n1. 社保卡密码忘了怎么办？');
  });

  it('nothing listed: the text alone', () => {
    expect(withChoices({ type: 'answer' }, '答案。')).toBe('答案。');
    expect(withChoices({ type: 'handoff', suggestions: [] }, '已转给工作人员。')).toBe('已转给工作人员。');
  });
});
