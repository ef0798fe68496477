/** Which messages a person must handle whatever the knowledge base holds. */
import { escalate, escalationOf } from '../../core/consult/escalation';

describe('escalationOf', () => {
  it.each([
    ['窗口那个人态度太差了', 'complaint'],
    ['我要投诉你们大厅的工作人员', 'complaint'],
    ['去了三次都被推来推去', 'complaint'],
    ['补个证太慢了，对你们很不满意', 'complaint'],
    ['差评！窗口让我来回跑', 'complaint'],
    ['我对户政窗口的服务态度很不满意', 'complaint'],
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

  it.each(['人工服务时间是几点', '社保卡丢了怎么补办', '投诉电话是多少', '工作人员几点上班', '你是机器人吗', '孩子不满16岁能办身份证吗'])('%s → nothing to escalate', (text) => {
    expect(escalationOf(text)).toBeNull();
  });
});

describe('asking for a person in other words', () => {
  it.each([
    // Found by an outside tester.
    '能不能让人来回答', '别让机器回了', '你们工作人员能直接回我吗',
    // Further phrasings of the same three asks.
    '叫个人来跟我说', '换个人来回答吧', '让人工来处理吧', '别用机器人回答我了', '别再让AI回复了', '不要机器人，我要真人',
    '能不能请工作人员亲自回复一下', '客服可以回我一下吗', '我要人工服务',
  ])('%s → human', (text) => expect(escalationOf(text)).toBe('human'));

  it.each([
    '人工服务时间', '投诉电话是多少', '人工智能', '你们用的是人工智能吗', '需要人工审核吗', '是人工审核还是机器审核',
    '社保卡丢了让人很着急怎么办', '这个政策让人看不懂', '机器人能办理什么业务', '自助机器不要钱吗', '客服电话是多少',
    '办事员回复说材料不全，还要补什么',
  ])('%s → not a request for a person', (text) => expect(escalationOf(text)).not.toBe('human'));
});

it('a report of a public nuisance is not a complaint about service: a learned FAQ may answer it', () => {
  expect(escalationOf('小区门口共享单车乱停没人管找谁')).toBeNull();
});
