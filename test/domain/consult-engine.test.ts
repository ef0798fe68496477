/** 智能咨询 engine on the seed knowledge base: rules, synonyms, typos, pinyin, stories, thresholds, guards. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateKnowledgeBase, type KnowledgeBase } from '../../core/consult/kb';
import { buildEngine, type Reranker } from '../../core/consult/engine';

const raw = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const v = validateKnowledgeBase(raw);
if (!v.ok) throw new Error(JSON.stringify(v.issues));
const kb: KnowledgeBase = v.kb;
const engine = buildEngine(kb);
const ask = (q: string) => engine.ask(q);
const answered = (q: string) => { const d = ask(q); return d.type === 'answer' ? d.answer!.id : d.type; };

describe('knowledge base format', () => {
  it('accepts the shared fixture and keeps ids as given', () => {
    expect(kb.faqs.map((f) => f.id)).toEqual(raw.faqs.map((f: { id: string }) => f.id));
    expect(kb.rules.map((r) => r.id)).toEqual(raw.rules.map((r: { id: string }) => r.id));
    expect(kb.synonyms).toHaveLength(raw.synonyms.length);
  });

  it('reports every bad entry, not just the first', () => {
    const bad = JSON.parse(JSON.stringify(raw));
    bad.faqs[2].answer = '';
    bad.faqs[5].id = 'not an id';
    bad.rules[0].match = 'fuzzy';
    bad.synonyms[1] = ['孤词'];
    bad.faqs[7].id = bad.faqs[8].id;
    const r = validateKnowledgeBase(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const where = r.issues.map((i) => i.where);
    expect(where).toEqual(expect.arrayContaining(['faqs[2]', 'faqs[5]', 'rules[0]', 'synonyms[1]', 'faqs[8]']));
  });
});

describe('rules fire exactly per match type and priority', () => {
  it('exact rules fire only on the whole message (punctuation and emoji aside)', () => {
    expect(ask('你好').answer?.id).toBe('rule-greeting');
    expect(ask('您好！😊').answer?.id).toBe('rule-greeting');
    expect(ask('你好，社保卡丢了怎么补办').answer?.id).toBe('faq-shebao-card');
    expect(ask('好的').answer?.id).toBe('rule-bye');
    expect(ask('好的我知道了吗').answer?.id).not.toBe('rule-bye');
  });

  it('contains rules fire anywhere in the message', () => {
    expect(ask('请问市民中心几点上班呀').answer?.id).toBe('rule-office-hours');
    expect(ask('你们的客服电话多少').answer?.id).toBe('rule-hotline');
  });

  it('the higher priority wins when several rules match', () => {
    // 人工 (95) and 几点上班 (60) both contained: the human rule wins and hands off.
    const d = ask('几点上班？我要人工');
    expect(d.type).toBe('handoff');
    expect(d.answer?.id).toBe('rule-human');
  });

  it('a request for a person is a handoff', () => {
    expect(ask('转人工').type).toBe('handoff');
    expect(ask('帮我找个真人').type).toBe('handoff');
  });
});

describe('conversational acts beyond the rules\' literal keywords', () => {
  // The base's rules under other ids: the act is recognised from each rule's own keywords.
  const renamed = buildEngine({ ...kb, rules: kb.rules.map((r) => ({ ...r, id: r.id.replace('rule-', 'city-') })) });
  const cases: [string, string][] = [
    ['哈喽哈喽，有人在吗', 'greeting'], ['喂 小助手在线吗', 'greeting'],
    ['好嘞 多谢啦', 'thanks'], ['辛苦您了！', 'thanks'],
    ['好吧 那就这样 拜了', 'bye'], ['没别的事了', 'bye'],
    ['周日大厅上班吗', 'holiday'], ['你们大厅下午开到几点', 'office-hours'],
    ['你们的服务热线是多少', 'hotline'], ['你这里都管哪些事', 'help'],
    ['你是机器人还是人', 'robot'], ['有没有网页版可以办', 'online-hall'],
    ['真是太感激了', 'thanks'], ['有没有可以直接打过去问的电话', 'hotline'],
  ];
  it.each(cases)('%s → the %s rule of any base', (q, act) => {
    expect(ask(q).answer?.id).toBe(`rule-${act}`);
    expect(renamed.ask(q).answer?.id).toBe(`city-${act}`);
  });

  it('any phrasing of asking for a person hands off and says so', () => {
    for (const q of ['能不能帮我叫个工作人员过来', '我要跟真人说', '麻烦转一下客服', '客服', '工作人员呢']) {
      const d = ask(q);
      expect(d.type).toBe('handoff');
      expect(d.answer?.id).toBe('rule-human');
    }
  });

  it('人工 or 真人 inside another word is no request for a person, even against a base rule keyed on 人工', () => {
    for (const q of ['人工智能能帮我办社保吗', '人工费怎么算', '真人认证怎么做']) expect(ask(q).reason).not.toBe('human');
    expect(ask('人工服务时间是几点到几点').answer?.id).toBe('rule-office-hours');
    for (const q of ['人工', '转人工', '我要人工', '找真人客服', '人工客服在吗']) expect(ask(q)).toMatchObject({ type: 'handoff', reason: 'human' });
  });

  it('a social word inside a real question still goes to the FAQs', () => {
    expect(ask('谢谢，社保卡丢了怎么补办').answer?.id).toBe('faq-shebao-card');
    expect(ask('这期双色球开奖号码是多少').type).not.toBe('answer');
  });

  it('a story\'s background does not trigger a rule: someone phoning is not asking for the hotline', () => {
    const story = '我妈在老家领养老金，前天社区打电话说今年的认证还没做，不做就停发，她腿脚不好出不了门，能在手机上帮她弄吗';
    expect(ask(story).answer?.source).not.toBe('rule');
    expect(ask('社区打电话说要认证').answer?.id).not.toBe('rule-hotline');
    // A free weekend is no question about weekend opening; 周末能办吗 still is.
    expect(ask('上个月社保卡不知道丢哪了，家里人让我赶紧去弄。周末才有空，这个要去哪补办').answer?.id).toBe('faq-shebao-card');
    expect(ask('周末，大厅开门吗').answer?.id).toBe('rule-holiday');
    // … while a request for a person after the question still hands off.
    expect(ask('我户口在老家，身份证也快到期了，想问问能不能在这边换，转人工').type).toBe('handoff');
  });
});

describe('how citizens type', () => {
  it.each([
    ['身份证丢了咋办', 'faq-idcard-reissue'],
    ['驾驶本不见了怎么办', 'faq-license-reissue'],     // synonym 驾驶本 = 驾照 + colloquial loss
    ['扯证要带啥', 'faq-marriage'],                      // synonym group 领证 / 扯证
    ['社宝卡丢了咋办', 'faq-shebao-card'],              // homophone typo
    ['公基金租房能取吗', 'faq-gjj-rent'],               // typo + colloquial 取
    ['护找怎么办', 'faq-passport'],
    ['shebaoka丢了怎么补', 'faq-shebao-card'],          // full pinyin
    ['gjj贷款条件', 'faq-gjj-loan'],                    // initials
    ['sfz丢了', 'faq-idcard-reissue'],
    ['到期 身份证 换', 'faq-idcard-renew'],            // any order
  ])('%s → %s', (q, id) => {
    expect(answered(q)).toBe(id);
  });

  it('the one close entry whose (object, action) frame is the message\'s is answered, not held back', () => {
    const d = ask('社保在外省交过现在想转回来');
    expect(d.type).toBe('answer');
    expect(d.answer?.id).toBe('faq-shebao-transfer');
  });

  it('a case the records must answer (审核不通过) reaches a person even when the frame fits', () => {
    expect(ask('社保转移申请审核不通过是怎么回事').type).not.toBe('answer');
  });

  it('"still not …" without a case in progress asks how to start: 孩子还没上户口 gets the FAQ', () => {
    expect(answered('宝宝满月了还没上户口，要带哪些材料')).toBe('faq-newborn-hukou');
    expect(ask('上个月提交的落户申请到现在还没批').type).not.toBe('answer');
  });

  it('finds the question inside a long story', () => {
    expect(answered('我老家是本市的，现在在深圳工作，平时在深圳看病医保用不了，听说要备案，怎么弄')).toBe('faq-medins-offsite');
    expect(answered('我爸今年刚退休，下个月要去海南跟我妹住半年，他在那边看病医保能用吗，要先办什么')).toBe('faq-medins-offsite');
  });

  it('objects of the story\'s background are context: only the asking clauses must fit the entry', () => {
    expect(answered('我老家在河南，身份证户口都在那边，前年来这里上班，单位给交了社保，现在社保卡丢了，想问下怎么补办')).toBe('faq-shebao-card');
    // An object the entry never asks about, in the asking clauses, still holds the answer back.
    expect(ask('我社保卡去年补办好了，户口也迁过来了，就是社保卡密码忘了，怎么办').type).not.toBe('answer');
  });
});

it('a near miss asking another procedure on the entry\'s object (结婚证补办 against 结婚登记) is not answered directly', () => {
  expect(ask('结婚证弄丢了能补吗').type).not.toBe('answer');
  expect(ask('结婚证弄丢了能补吗').suggestions?.[0]?.id).toBe('faq-marriage');
  // Raising a pension or adding a name to a deed is no 办退休 or 办房产证.
  expect(ask('退休金什么时候涨').type).not.toBe('answer');
  expect(ask('房产证加名字怎么办').type).not.toBe('answer');
});

describe('naming a thing is not asking', () => {
  it('only an object several entries ask about (护照, 驾照相关, 公积金的事) gets suggestions; an object one entry owns is answered', () => {
    for (const q of ['护照', '驾照相关', '公积金的事']) {
      const d = ask(q);
      expect(d.type).toBe('suggestions');
      expect(d.suggestions!.length).toBeGreaterThanOrEqual(2);
    }
    expect(answered('居住证')).toBe('faq-residence-permit');
    expect(answered('护照丢了')).toBe('faq-passport-lost');
  });
});

describe('what else is offered beside the decision', () => {
  it('a direct answer lists up to two entries about the same thing that scored at least 0.3 of it (您可能还想问), never itself', () => {
    const d = ask('公积金能取出来吗我买了房');
    expect(d.type).toBe('answer');
    expect(d.answer?.id).toBe('faq-gjj-buy');
    expect(d.suggestions?.map((x) => x.id)).toEqual(['faq-gjj-rent', 'faq-gjj-leave']);
    // A clear answer with nothing close stands alone.
    expect(ask('身份证丢了怎么补办').suggestions).toBeUndefined();
  });

  it('a related entry must be about a thing the message or the answer is about, not only score close', () => {
    // 身份证快到期 scores close to 驾照快到期 (same action), but is about another thing.
    const d = ask('驾照快到期了咋换啊');
    expect(d.answer?.id).toBe('faq-license-renew');
    expect(d.suggestions?.map((x) => x.id)).toEqual(['faq-license-reissue']);
    const lost = ask('失业金能不能一次性全部领出来 不想按月领');
    expect(lost.answer?.id).toBe('faq-unemployment-benefit');
    expect((lost.suggestions ?? []).map((x) => x.id)).not.toContain('faq-license-reissue');
    expect((lost.suggestions ?? []).map((x) => x.id)).not.toContain('faq-idcard-reissue');
  });

  it('a handoff for want of a sure match offers the nearest entries when they share the message\'s salient words', () => {
    const near = ask('家里老人今年满八十五了，听邻居说满了一定年龄政府每个月会给点钱，我们没领过，这个要找谁申请');
    expect(near.type).toBe('handoff');
    expect(near.suggestions?.[0]?.id).toBe('faq-elderly-allowance');
    expect(near.suggestions!.length).toBeLessThanOrEqual(3);
    // Nothing of the base is about bees: no chips made of a shared 养.
    // 身份证被冒用 goes to a person, and what the base says about the 身份证 is offered meanwhile.
    const misused = ask('身份证被冒用了怎么办');
    expect(misused).toMatchObject({ type: 'handoff', reason: 'intent' });
    expect(misused.suggestions?.length ?? 0).toBeGreaterThan(0);
    const far = ask('养蜂有没有补助');
    expect(far.type).toBe('handoff');
    expect(far.suggestions).toBeUndefined();
  });
});

describe('no false confidence', () => {
  it.each([
    '身份证被冒用办贷款了怎么办',
    '有人冒用我的身份证注册了公司',
    '离婚财产怎么分割',
    '社保卡申请一个月了还没寄到',
    '我想举报窗口工作人员收红包',
    '我的个税退税一直显示审核中，什么时候能到账',
    '为什么我的社保三月份断了',
    '单位把我辞退了还不给工资，该找谁',
  ])('%s is not answered directly', (q) => {
    expect(ask(q).type).toBe('handoff');
  });

  it.each(['公积金贷款的利息现在是多少', '护照办好了，申根签证去哪办', '二手车买卖过户要带什么', '社保卡的密码记不得了',
    '行驶证找不到了怎么补办', '公租房怎么申请', '养了只狗要办什么证'])(
    '%s names an object the best FAQ never mentions: not answered directly', (q) => {
      expect(ask(q).type).not.toBe('answer');
    });

  it('delivering food is a job, not an off-topic order: 跑外卖的 asks about insurance', () => {
    expect(answered('我跑外卖的 没单位给交 养老能自己交吗')).toBe('faq-flexible-insurance');
    expect(ask('我点的外卖怎么还没到').type).toBe('handoff');
  });

  it('off-topic and unknown questions hand off', () => {
    expect(ask('明天天气怎么样').type).toBe('handoff');
    expect(ask('量子计算机是什么原理').type).toBe('handoff');
    // Declined as outside government services (no inbox item), in other everyday words too.
    for (const q of ['明天会下雨吗', '帮我写一首诗', '附近有什么好吃的火锅店']) expect(ask(q)).toMatchObject({ type: 'handoff', reason: 'off-topic' });
    expect(ask('下雨天能去大厅办事吗').reason).not.toBe('off-topic');
  });

  it('an ambiguous message gets 2–4 suggestions, not a guess', () => {
    const d = ask('shebao');
    expect(d.type).toBe('suggestions');
    expect(d.suggestions!.length).toBeGreaterThanOrEqual(2);
    expect(d.suggestions!.length).toBeLessThanOrEqual(4);
    expect(d.suggestions!.every((s) => s.id.startsWith('faq-'))).toBe(true);
  });

  it('blank and emoji-only messages are handled without an answer', () => {
    expect(ask('   ').reason).toBe('blank');
    expect(ask('😀😀😀').reason).toBe('blank');
  });
});

describe('a question that points back (这个怎么补)', () => {
  it('ranks the thing the nearest earlier clause names, skipping a clause that says a thing is fine', () => {
    const d = ask('出国用的本子前阵子搬家找不着了，驾照倒是还在。下个月要出国，这个要怎么重新弄一本');
    expect(d.candidates.slice(0, 3).map((c) => c.id)).toContain('faq-passport-lost');
  });
});

describe('several things at once', () => {
  it('a message asking how to do several named things gets them side by side, not one of them as the answer', () => {
    const d = ask('我从外地辞职回来了，那边交的养老保险和公积金都要转回来，这几个分别怎么弄，先弄哪个');
    expect(d.type).toBe('suggestions');
    expect(d.suggestions!.map((x) => x.id)).toContain('faq-gjj-transfer');
  });
});

describe('too little to go on', () => {
  it('three characters naming no service object get suggestions, however well one entry scores; naming one is answered', () => {
    for (const q of ['办证', '房子的事']) expect(ask(q).type).not.toBe('answer');
    expect(answered('验车')).toBe('faq-vehicle-inspection');
  });
});

describe('thresholds', () => {
  it('a stricter threshold turns a direct answer into suggestions', () => {
    const q = '车子多久要检一次';
    expect(answered(q)).toBe('faq-vehicle-inspection');
    const strict = buildEngine(kb, { thresholds: { answer: 0.99, sure: 0.99 } });
    expect(strict.ask(q).type).toBe('suggestions');
    expect(strict.ask(q).suggestions![0].id).toBe('faq-vehicle-inspection');
  });

  it('an optional reranker may settle suggestions, and is not needed otherwise', async () => {
    const reranker: Reranker = { rerank: async (_m, c) => ({ id: c[1].id, confidence: 0.9 }) };
    const d = await engine.askWithReranker('shebao', reranker);
    expect(d.type).toBe('answer');
    expect(d.reason).toBe('reranker');
    const direct = await engine.askWithReranker('身份证丢了咋办', { rerank: async () => { throw new Error('not called'); } });
    expect(direct.answer?.id).toBe('faq-idcard-reissue');
  });
});
