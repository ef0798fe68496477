/** Which messages a person must handle whatever the knowledge base holds. */
import { escalate, escalationOf } from '../../core/consult/escalation';

describe('escalationOf', () => {
  it.each([
    ['窗口那个人态度太差了', 'complaint'],
    ['我要投诉你们大厅的工作人员', 'complaint'],
    ['去了三次都被推来推去', 'complaint'],
    ['对处罚决定不服怎么办', 'dispute'],
    ['帮我转接一下工作人员', 'human'],
    ['人工客服在吗', 'human'],
    ['审核不通过被退回了，我该找谁', 'own-case'],
  ])('%s → %s', (text, reason) => expect(escalationOf(text)).toBe(reason));

  it('asking where to complain keeps an FAQ about complaining; a complaint alone does not', () => {
    const faq = { type: 'answer' as const, answer: { id: 'faq-c', source: 'faq' as const, content: '可拨打12345', question: '怎么投诉窗口工作人员' }, reason: 'faq', confidence: 0.9, margin: 0.5, candidates: [] };
    expect(escalate(faq, '窗口的人态度很差，在哪投诉').type).toBe('answer');
    expect(escalate(faq, '窗口的人态度很差，必须给我个说法')).toMatchObject({ type: 'handoff', reason: 'complaint', answer: undefined });
  });

  it.each(['人工服务时间是几点', '社保卡丢了怎么补办', '投诉电话是多少', '工作人员几点上班', '你是机器人吗'])('%s → nothing to escalate', (text) => {
    expect(escalationOf(text)).toBeNull();
  });
});

it('a report of a public nuisance is not a complaint about service: a learned FAQ may answer it', () => {
  expect(escalationOf('小区门口共享单车乱停没人管找谁')).toBeNull();
});
