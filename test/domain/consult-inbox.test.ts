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

describe('the learning loop never publishes one citizen\'s case', () => {
  const LEAK_QUESTION = '我的社保卡补领已经受理好几天了，什么时候能拿到卡？麻烦帮我查一下';
  const LEAK_REPLY = '李女士您好，您的社保卡补领办件BJ20261205000914已于12月5日受理，预计12月10日制卡完成，届时短信通知您到原网点领取。联系电话13900001111。';
  const asked = (question: string, reply = '请携带身份证到社保经办网点补领，一般 7 个工作日制卡。'): InboxDoc => ({ ...open, question, status: 'answered', reply });

  it('refuses an answer holding a case number or an unmasked phone (the tester\'s leak), in either wording it reaches', () => {
    // The tester's own question is about the citizen's case and is refused as such; in general words the reply's numbers still refuse it.
    expect(refusal(() => learnFromQuestion(kb, asked(LEAK_QUESTION, LEAK_REPLY), { mode: 'newFaq', category: '社保', question: LEAK_QUESTION })))
      .toMatch(/^INVALID_INPUT:这是群众本人办件的提问/);
    const leak = asked('社保卡补领一般几天能拿到卡', LEAK_REPLY);
    expect(refusal(() => learnFromQuestion(kb, leak, { mode: 'newFaq', category: '社保', question: '社保卡补领一般几天能拿到卡' })))
      .toBe('INVALID_INPUT:答案含有办件或预约编号、手机号等个人信息，不能加入知识库；请改写为通用答案后再加入');
    // A typed answer is what would be stored: the same check applies to it.
    expect(refusal(() => learnFromQuestion(kb, asked('社保卡补领要多久'), { mode: 'newFaq', category: '社保', answer: '身份证110101199003078515的那位请到窗口。' })))
      .toMatch(/^INVALID_INPUT:答案含有身份证号等个人信息/);
    // A booking number, full-width digits too.
    expect(refusal(() => learnFromQuestion(kb, asked('社保卡补领要多久', '您的预约ＹＹ２０２６１２０５００００１２已确认。'), { mode: 'newFaq', category: '社保' })))
      .toMatch(/^INVALID_INPUT:答案含有办件或预约编号/);
  });

  it('masked numbers as stored count too, in the answer and in the question or phrasing', () => {
    expect(refusal(() => learnFromQuestion(kb, asked('社保卡补领要多久', '已电话联系您（138****5678），请留意。'), { mode: 'newFaq', category: '社保' })))
      .toMatch(/^INVALID_INPUT:答案含有打码的号码等个人信息/);
    const maskedAsk = asked('我身份证110101********1234补社保卡要多久');
    expect(refusal(() => learnFromQuestion(kb, maskedAsk, { mode: 'similar', faqId: 'faq-bus' })))
      .toBe('INVALID_INPUT:提问含有打码的号码等个人信息，不能加入知识库；请改写为通用问法后再加入');
    // Kept as a similar phrasing beside a typed question: refused as well.
    expect(refusal(() => learnFromQuestion(kb, maskedAsk, { mode: 'newFaq', category: '社保', question: '社保卡补领要多久' })))
      .toMatch(/^INVALID_INPUT:提问含有打码的号码/);
    expect(refusal(() => learnFromQuestion(kb, asked('社保卡补领要多久'), { mode: 'newFaq', category: '社保', question: '电话13900001111的社保卡补领要多久' })))
      .toMatch(/^INVALID_INPUT:标准问题含有手机号/);
  });

  it('a question about the citizen\'s own case is refused unless a general question and answer are typed, then only they are stored', () => {
    const own = asked('我的社保卡办到哪一步了', '您的社保卡已制卡完成，请到原网点领取。');
    const OWN = 'INVALID_INPUT:这是群众本人办件的提问，答复只适用于本人，不能加入知识库；可用“新增问答”写一条通用问答';
    expect(refusal(() => learnFromQuestion(kb, own, { mode: 'similar', faqId: 'faq-bus' }))).toBe(OWN);
    expect(refusal(() => learnFromQuestion(kb, own, { mode: 'newFaq', category: '社保' }))).toBe(OWN);
    expect(refusal(() => learnFromQuestion(kb, own, { mode: 'newFaq', category: '社保', question: '社保卡补领后多久能拿到' }))).toBe(OWN);
    const typed = learnFromQuestion(kb, own, { mode: 'newFaq', category: '社保', question: '社保卡补领后多久能拿到', answer: '一般受理后 7 个工作日制卡，可在“我的办件”查看进度。' });
    expect(typed.kb.faqs.find((f) => f.id === typed.faqId)).toMatchObject({ question: '社保卡补领后多久能拿到', similar: [], answer: '一般受理后 7 个工作日制卡，可在“我的办件”查看进度。' });
    // The typed ones are checked as any: a personal number, or a typed question about one's own case.
    expect(refusal(() => learnFromQuestion(kb, own, { mode: 'newFaq', category: '社保', question: '社保卡补领后多久能拿到', answer: '请查 BJ20261205000914。' }))).toMatch(/^INVALID_INPUT:答案含有办件或预约编号/);
    expect(refusal(() => learnFromQuestion(kb, own, { mode: 'newFaq', category: '社保', question: '我的社保卡办到哪了', answer: '一般 7 个工作日。' }))).toMatch(/^INVALID_INPUT:标准问题问的是本人办件/);
  });

  it('a clean general answer still learns, as a new entry or a phrasing', () => {
    const general = asked('社保卡补领好几天了啥时候能拿到卡');
    const taught = learnFromQuestion(kb, general, { mode: 'newFaq', category: '社保', question: '社保卡补领多久能拿到' });
    expect(taught.kb.faqs.find((f) => f.id === taught.faqId)).toMatchObject({ similar: ['社保卡补领好几天了啥时候能拿到卡'], answer: general.reply });
    expect(learnFromQuestion(kb, general, { mode: 'similar', faqId: 'faq-bus' }).kb.faqs[0].similar).toEqual(['社保卡补领好几天了啥时候能拿到卡']);
    // Digits that are no one's number (fees, days, hotline 12345) are fine.
    expect(() => learnFromQuestion(kb, asked('补办费用多少', '工本费 20 元，7 个工作日制卡，咨询请拨 12345。'), { mode: 'newFaq', category: '社保' })).not.toThrow();
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
