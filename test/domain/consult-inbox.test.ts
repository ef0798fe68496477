import { refusalOf } from './refusal';
import { answerQuestion, hasVisibleText, learnFromQuestion, markLearned, replyText, type InboxDoc } from '../../core/consult/inbox';
import { faqSchema, type KnowledgeBase } from '../../core/consult/kb';

const open: InboxDoc = { _id: 'Q:abc-1', conversationId: 'c1', openid: 'o1', question: '老年人坐公交免费卡在哪办', status: 'open', at: '2026-12-01T02:00:00.000Z', channel: 'app' };
const kb: KnowledgeBase = {
  version: 3, rules: [], synonyms: [],
  faqs: [{ id: 'faq-bus', category: '民政', question: '老年优待卡怎么办', similar: [], keywords: [], answer: '到社区办理。' }],
};
const refusal = refusalOf;

describe('consult inbox transitions', () => {
  it('answers an open question once', () => {
    const answered = answerQuestion(open, '请带身份证到社区办理。', { openid: 'agent', name: '王坐席' }, '2026-12-01T03:00:00.000Z');
    expect(answered).toMatchObject({ status: 'answered', reply: '请带身份证到社区办理。', answeredBy: 'agent', answeredByName: '王坐席' });
    expect(refusal(() => answerQuestion(answered, '第二次', { openid: 'agent-2', name: '李坐席' }, '2026-12-01T03:01:00.000Z'))).toBe('CONFLICT:该提问已有人答复');
  });

  it('learns a new FAQ from the answer, or a similar phrasing of an existing FAQ (once)', () => {
    expect(refusal(() => learnFromQuestion(kb, open, { mode: 'newFaq', category: '民政' }))).toMatch(/^CONFLICT:该提问还没有答复/);
    const answered = { ...open, status: 'answered' as const, reply: '请带身份证到社区办理。' };
    const taught = learnFromQuestion(kb, answered, { mode: 'newFaq', category: '民政', question: '老年优待卡怎么办理？' });
    expect(taught.faqId).toBe('faq-learned-qabc1');
    expect(taught.kb.faqs.find((f) => f.id === taught.faqId)).toMatchObject({ question: '老年优待卡怎么办理？', similar: [open.question], answer: '请带身份证到社区办理。' });
    const similar = learnFromQuestion(kb, open, { mode: 'similar', faqId: 'faq-bus' });
    expect(similar.kb.faqs[0].similar).toEqual([open.question]);
    expect(learnFromQuestion(similar.kb, open, { mode: 'similar', faqId: 'faq-bus' }).kb.faqs[0].similar).toEqual([open.question]);
    expect(refusal(() => learnFromQuestion(kb, open, { mode: 'similar', faqId: 'faq-none' }))).toBe('NOT_FOUND:没有找到该问答');
  });

  it('a wording already asked under another entry is not learned into a second one (two inbox items with one text)', () => {
    const twoEntries: KnowledgeBase = { ...kb, faqs: [...kb.faqs, { id: 'faq-card', category: '交通', question: '公交卡怎么办', similar: [], keywords: [], answer: '到公交公司办理。' }] };
    const first = learnFromQuestion(twoEntries, open, { mode: 'similar', faqId: 'faq-bus' }).kb;
    // The same text, typed again by someone else, a second inbox item with its own id.
    const again: InboxDoc = { ...open, _id: 'Q:abc-2', question: '老年人坐公交免费卡在哪办？', status: 'answered', reply: '到社区。' };
    expect(refusal(() => learnFromQuestion(first, again, { mode: 'similar', faqId: 'faq-card' }))).toBe('CONFLICT:这个问法已在问答“老年优待卡怎么办”中，不能再加入另一条问答');
    expect(refusal(() => learnFromQuestion(first, again, { mode: 'newFaq', category: '民政' }))).toMatch(/^CONFLICT:这个问法已在问答/);
    // Into the entry that already has it: nothing to add, no refusal.
    const same = learnFromQuestion(first, again, { mode: 'similar', faqId: 'faq-bus' });
    expect(same.faqId).toBe('faq-bus');
    expect(same.kb.faqs[0].similar).toEqual([open.question]);
  });

  it('a question teaches once: a learned question is refused in either mode', () => {
    const learned = markLearned(open, 'faq-bus', 'editor', '2026-12-01T04:00:00.000Z');
    expect(learned).toMatchObject({ learnedAs: 'faq-bus', learnedBy: 'editor', learnedAt: '2026-12-01T04:00:00.000Z' });
    expect(refusal(() => markLearned(learned, 'faq-other', 'admin', '2026-12-01T04:00:01.000Z'))).toBe('CONFLICT:该提问已加入知识库');
    expect(refusal(() => learnFromQuestion(kb, learned, { mode: 'similar', faqId: 'faq-bus' }))).toBe('CONFLICT:该提问已加入知识库');
    expect(refusal(() => learnFromQuestion(kb, { ...learned, reply: '答' }, { mode: 'newFaq', category: '民政' }))).toBe('CONFLICT:该提问已加入知识库');
  });

  it('a staff reply loses invisible and direction-changing characters; blank or too long is refused naming 答复内容', () => {
    expect(replyText(' \u202e请带身份证\u200b到社区办理。\u2069 ')).toBe('请带身份证到社区办理。');
    expect(refusal(() => replyText('\u200b\u200b\u202e'))).toBe('INVALID_INPUT:答复内容不能为空');
    // Blank letters, joiners, soft hyphens and base-less marks draw as nothing too.
    for (const blank of ['\u200d', '\u00ad', '\u3164', '\u115f\u1160', '\u2800', '\u180e', '\u034f', '\u3000 \u200d', '\u2800\u3164']) {
      expect(refusal(() => replyText(blank))).toBe('INVALID_INPUT:答复内容不能为空');
    }
    expect(replyText('\u2800好的')).toBe('\u2800好的');
    expect(refusal(() => replyText('  '))).toBe('INVALID_INPUT:答复内容不能为空');
    expect(replyText('办'.repeat(2000) + '\u200b')).toHaveLength(2000);
    expect(refusal(() => replyText('办'.repeat(2001)))).toBe('INVALID_INPUT:答复内容不能超过2000字');
  });

  it('text of only blank-looking characters is not visible: replies and learns refuse it', () => {
    for (const blank of ['\u2800', '\u3164', '\uFFA0\u115F\u1160', ' \u3000\u200d\ufe0f\u00ad ']) {
      expect(hasVisibleText(blank)).toBe(false);
      expect(refusal(() => replyText(blank))).toBe('INVALID_INPUT:答复内容不能为空');
      const answered: InboxDoc = { ...open, status: 'answered', reply: blank };
      expect(refusal(() => learnFromQuestion(kb, answered, { mode: 'newFaq', category: '民政' }))).toBe('INVALID_INPUT:该提问的答复没有可见文字，请重新答复后再加入知识库');
      expect(refusal(() => learnFromQuestion(kb, answered, { mode: 'similar', faqId: 'faq-bus' }))).toBe('INVALID_INPUT:该提问的答复没有可见文字，请重新答复后再加入知识库');
      expect(refusal(() => learnFromQuestion(kb, open, { mode: 'newFaq', category: '民政', answer: blank }))).toBe('INVALID_INPUT:答案内容没有可见文字，不能加入知识库');
    }
    // Emoji sequences keep their joiner and still count as visible.
    expect(hasVisibleText('\u{1F468}\u200d\u{1F469}')).toBe(true);
    expect(replyText('\u2800请到社区办理。')).toBe('\u2800请到社区办理。');
  });
});

describe('knowledge-base text hygiene', () => {
  it('an answer or question of blank letters is refused on import and learn alike', () => {
    const entry = { id: 'faq-x', category: '其他', question: '问题', similar: [], keywords: [], answer: '答案' };
    expect(faqSchema.safeParse(entry).success).toBe(true);
    expect(faqSchema.safeParse({ ...entry, answer: '\u2800' }).success).toBe(false);
    expect(faqSchema.safeParse({ ...entry, question: '\u3164' }).success).toBe(false);
    expect(faqSchema.safeParse({ ...entry, similar: ['\u200d'] }).success).toBe(false);
  });
});
