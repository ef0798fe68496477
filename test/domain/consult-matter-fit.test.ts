/**
 * 本市事实 that fit the question: an FAQ covering several services shows the facts of the one the
 * message names; an unanswered message links a catalogue guide only when search is sure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { linkedMatters, validateKnowledgeBase } from '../../core/consult/kb';
import { fittingMatter } from '../../core/consult/matter-facts';
import { matterLink, matterLinksLine, strongHits, wantsMatterLinks } from '../../core/consult/related-matters';
import type { Decision } from '../../core/consult/engine';
import type { SearchHit } from '../../core/matter/api';
import { buildSearchIndex, searchMatters } from '../../core/matter/search';
import { catalogueOf } from '../fixtures/search-catalogue';

const seedMatters = (JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/matters.json'), 'utf8')) as { matters: { implementationCode: string; name: string; keywords: string[] }[] }).matters;
const seedKb = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8'));
const named = (prefix: string) => seedMatters.find((m) => m.name.startsWith(prefix))!;

describe('fittingMatter: the linked matter the message names', () => {
  const card = [named('社会保障卡申领'), named('社会保障卡补领')];
  const lost = [named('普通护照换发'), named('往来港澳通行证签发')];

  it('an action tells 补领、换领 from 申领', () => {
    expect(fittingMatter('社保卡丢了补办要几天', card)?.name).toBe('社会保障卡补领、换领');
    expect(fittingMatter('社保卡第一次怎么申领', card)?.name).toBe('社会保障卡申领');
  });

  it('a service object outweighs a shared action: 港澳通行证 is not 护照', () => {
    expect(fittingMatter('港澳通行证丢了怎么补', lost)?.name).toBe('往来港澳通行证签发（含签注）');
    expect(fittingMatter('护照丢了怎么补办', lost)?.name).toBe('普通护照换发、补发');
  });

  it('nothing to tell them apart, or a single matter: the first', () => {
    expect(fittingMatter('社保卡怎么办', card)?.name).toBe('社会保障卡申领');
    expect(fittingMatter('出入境证件遗失了怎么挂失', lost)?.name).toBe('普通护照换发、补发');
    expect(fittingMatter('港澳通行证丢了', [lost[0]])?.name).toBe('普通护照换发、补发');
    expect(fittingMatter('随便问问', [])).toBeUndefined();
  });
});

describe('an FAQ links several matters', () => {
  const faq = { id: 'faq-card', category: '社保', question: '社保卡怎么申领？丢了怎么补办？', answer: '……', matter: '11999900MB0R45012H3002011501001' };

  it('matters is optional, validated like matter, and listed after matter, each once', () => {
    const ok = validateKnowledgeBase({ faqs: [{ ...faq, matters: ['11999900MB0R45012H3002011501002', '11999900MB0R45012H3002011501001'] }], rules: [], synonyms: [] });
    if (!ok.ok) throw new Error(JSON.stringify(ok.issues));
    expect(linkedMatters(ok.kb.faqs[0])).toEqual(['11999900MB0R45012H3002011501001', '11999900MB0R45012H3002011501002']);
    expect(linkedMatters({ matters: ['11999900MB0R45012H3002011501002'] })).toEqual(['11999900MB0R45012H3002011501002']);
    const bad = validateKnowledgeBase({ faqs: [{ ...faq, matters: ['坏的编码'] }], rules: [], synonyms: [] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]).toMatchObject({ id: 'faq-card', field: '更多关联事项·第1项', message: '实施编码格式不正确' });
  });

  it('every seeded link names a matter of the seeded catalogue, and the multi-service FAQs link each service', () => {
    const codes = new Set(seedMatters.map((m) => m.implementationCode));
    const faqs = seedKb.faqs as { id: string; matter?: string; matters?: string[] }[];
    for (const f of faqs) for (const c of linkedMatters(f)) expect(`${f.id} ${codes.has(c)}`).toBe(`${f.id} true`);
    const names = (id: string) => linkedMatters(faqs.find((f) => f.id === id)!).map((c) => seedMatters.find((m) => m.implementationCode === c)!.name);
    expect(names('faq-shebao-card')).toEqual(['社会保障卡申领', '社会保障卡补领、换领']);
    expect(names('faq-passport-lost')).toEqual(['普通护照换发、补发', '往来港澳通行证签发（含签注）']);
    expect(names('faq-idcard-offsite')).toEqual(['居民身份证换领', '居民身份证补领（含挂失申报）']);
  });
});

describe('相关办事指南 for an unanswered message', () => {
  const catalogue = catalogueOf(61);
  const index = buildSearchIndex(catalogue);
  const text = (id: string) => { const m = catalogue.find((x) => x._id === id)!; return [m.name, ...m.keywords].join('|'); };
  const linked = (q: string) => strongHits(q, searchMatters(index, q, 3), text).map((h) => h.name);
  const base = { confidence: 0.2, margin: 0, candidates: [] };

  it('only suggestions and no-match handoffs look for matters', () => {
    expect(wantsMatterLinks({ type: 'suggestions', reason: 'unsure', ...base } as Decision)).toBe(true);
    expect(wantsMatterLinks({ type: 'handoff', reason: 'no-match', ...base } as Decision)).toBe(true);
    for (const reason of ['complaint', 'dispute', 'human', 'own-case', 'off-topic', 'intent', 'blank']) {
      expect(wantsMatterLinks({ type: 'handoff', reason, ...base } as Decision)).toBe(false);
    }
    expect(wantsMatterLinks({ type: 'answer', reason: 'rule', answer: { id: 'rule-x', source: 'rule', content: '…' }, ...base } as Decision)).toBe(false);
    expect(wantsMatterLinks({ type: 'answer', reason: 'faq', answer: { id: 'faq-x', source: 'faq', content: '…' }, ...base } as Decision)).toBe(false);
  });

  it('a strong, clear hit about what the message names is linked', () => {
    expect(linked('孩子出生证明丢了怎么补')).toEqual(['出生医学证明补发']);
    expect(linked('父亲去世了 死亡证明和注销户口要去哪办')).toEqual(['死亡人员户口注销']);
  });

  it('no link when the search is unsure, the message is long, or names another thing', () => {
    // Two variants alike: 身份证 alone fits 换领 and 首次申领.
    expect(linked('身份证')).toEqual([]);
    // 行驶证 is not 驾驶证, though the search ranks 驾驶证补领 first.
    expect(linked('车的行驶证丢了怎么补 驾照还在')).toEqual([]);
    // 老年卡 names nothing 高龄津贴 is about.
    expect(linked('65岁老人坐公交免费的老年卡怎么办')).toEqual([]);
    expect(linked('我从河南过来在这边干装修快一年了，房子是租的跟房东签了合同。听老乡说外地人在这边住要办个本地发的那个证')).toEqual([]);
    expect(linked('附近有什么好吃的火锅店')).toEqual([]);
    expect(linked('今天天气怎么样')).toEqual([]);
  });

  it('a weak top hit is never linked, whatever else', () => {
    const hit = (id: string, score: number) => ({ id, name: id, score, onlineDepth: 2 }) as SearchHit;
    expect(strongHits('出生证明', [hit('a', 99)], () => '出生证明')).toEqual([]);
    expect(strongHits('出生证明', [hit('a', 120), hit('b', 101)], () => '出生证明')).toEqual([]);
    expect(strongHits('出生证明', [hit('a', 121), hit('b', 100)], () => '出生证明').map((h) => h.id)).toEqual(['a']);
  });

  it('a link opens the guide, 在线申办 from 网办深度 Ⅲ; text channels name it', () => {
    expect(matterLink({ id: 'C 1', name: '出生医学证明补发', onlineDepth: 2 })).toEqual({ id: 'C 1', name: '出生医学证明补发', guideLink: '/packages/matters/pages/guide/index?id=C%201' });
    expect(matterLink({ id: 'C1', name: 'x', onlineDepth: 3 }).applyLink).toBe('/packages/affairs/pages/apply/index?matterId=C1');
    expect(matterLinksLine([matterLink({ id: 'C1', name: '出生医学证明补发', onlineDepth: 2 })])).toBe('相关办事指南：出生医学证明补发');
  });
});
