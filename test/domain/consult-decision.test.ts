/**
 * The answer-or-not decision (core/consult/decision.ts): the features the engine reports for its
 * best FAQ, the hand-set rule (default), the fitted logistic model (data, off by default) and the
 * fitting script's pieces. A small base of our own, not the seed.
 */
import { buildEngine } from '../../core/consult/engine';
import {
  DEFAULT_MODEL, FEATURE_NAMES, answersDirectly, featureVector, handSetRule, probabilityRight,
  type DecisionModel, type MatchFeatures,
} from '../../core/consult/decision';
import { DEFAULT_THRESHOLDS } from '../../core/consult/engine';
import { fit, utility, type Sample } from '../../scripts/build-decision-model';
import type { Faq, KnowledgeBase } from '../../core/consult/kb';

const faq = (id: string, question: string, answer: string, extra: Partial<Faq> = {}): Faq =>
  ({ id, category: '测试', question, similar: [], keywords: [], answer, ...extra });

const kb: KnowledgeBase = {
  version: 1,
  rules: [],
  synonyms: [['公积金', '住房公积金']],
  faqs: [
    faq('faq-rent', '租房可以提取住房公积金吗？', '连续足额缴存满3个月、本人及配偶在本市无自有住房的，可申请租房提取，每年一次。', { keywords: ['租房提取'] }),
    faq('faq-card', '社保卡丢了怎么补办？', '先挂失，再到合作银行网点或线上补领新卡。', { keywords: ['社保卡补办', '社保卡挂失'] }),
    faq('faq-license', '驾驶证快到期了怎么换证？', '有效期满前90日内向车管所申请换证，可在线办理。', { keywords: ['驾驶证到期'] }),
  ],
};

const sure: MatchFeatures = {
  confidence: 0.9, margin: 0.6, cover: 1, salientMissing: 0, noSalient: 0, objectForeign: 0, objectShared: 1,
  actionForeign: 0, actionShared: 1, frameUnique: 1, length: 2.3, window: 0,
};

describe('match features', () => {
  const engine = buildEngine(kb);

  it('reports the best entry with its object and action frame', () => {
    const seen = engine.explain('社保卡丢了怎么补办')!;
    expect(seen.id).toBe('faq-card');
    expect(seen.features.objectShared).toBe(1);
    expect(seen.features.objectForeign).toBe(0);
    expect(seen.features.actionShared).toBe(1);
    expect(seen.features.cover).toBe(1);
    expect(seen.features.window).toBe(0);
  });

  it('counts an object the entry never asks about and a salient word it never mentions (社保卡密码)', () => {
    const f = engine.explain('社保卡密码忘记了怎么重置')!.features;
    expect(f.objectForeign).toBe(1);
    expect(f.salientMissing).toBeGreaterThanOrEqual(1);
    expect(f.cover).toBeLessThan(1);
  });

  it('is absent when a guard decided before the model (blank message)', () => {
    expect(engine.explain('   ')).toBeNull();
  });

  it('lists every feature in a fixed order', () => {
    expect(featureVector(sure)).toHaveLength(FEATURE_NAMES.length);
    expect(featureVector(sure)[0]).toBe(0.9);
  });
});

describe('hand-set rule (the default decision)', () => {
  it('answers a clear lead and holds back a close runner-up, a foreign object or low coverage', () => {
    expect(handSetRule(DEFAULT_THRESHOLDS, { ...sure, frameUnique: 0 })).toBe(true);
    expect(handSetRule(DEFAULT_THRESHOLDS, { ...sure, margin: 0.05, frameUnique: 0 })).toBe(false);
    expect(handSetRule(DEFAULT_THRESHOLDS, { ...sure, objectForeign: 1 })).toBe(false);
    expect(handSetRule(DEFAULT_THRESHOLDS, { ...sure, cover: 0.2, frameUnique: 0 })).toBe(false);
    // The only close entry that fits the message's (object, action) frame passes without word cover.
    expect(handSetRule(DEFAULT_THRESHOLDS, { ...sure, cover: 0.2, frameUnique: 1 })).toBe(true);
    expect(handSetRule(DEFAULT_THRESHOLDS, { ...sure, cover: 0.2, frameUnique: 1, objectForeign: 1 })).toBe(false);
  });

  it('holds back a near miss: same object, another procedure', () => {
    expect(handSetRule(DEFAULT_THRESHOLDS, { ...sure, objectShared: 1, actionForeign: 1, actionShared: 0, frameUnique: 0 })).toBe(false);
    expect(handSetRule(DEFAULT_THRESHOLDS, { ...sure, objectShared: 0, actionForeign: 1, actionShared: 0, frameUnique: 0 })).toBe(true);
  });

  it('lets the frame settle a close runner-up', () => {
    expect(handSetRule(DEFAULT_THRESHOLDS, { ...sure, margin: 0.05, confidence: 0.3, frameUnique: 1 })).toBe(true);
  });

  it('is what the shipped model data selects', () => {
    expect(DEFAULT_MODEL.enabled).toBe(false);
    expect(answersDirectly(DEFAULT_MODEL, DEFAULT_THRESHOLDS, { ...sure, margin: 0.05, frameUnique: 0 })).toBe(false);
  });
});

describe('fitted model', () => {
  const model: DecisionModel = {
    features: ['confidence', 'objectForeign'], mean: [0.5, 0], scale: [0.25, 1], weights: [2, -3], bias: 0, threshold: 0.6,
    gate: { minCover: 0, maxObjectForeign: 2 }, enabled: true,
  };

  it('raises the probability with the score and lowers it with a foreign object', () => {
    const p = probabilityRight(model, sure);
    expect(p).toBeGreaterThan(probabilityRight(model, { ...sure, confidence: 0.5 }));
    expect(probabilityRight(model, { ...sure, objectForeign: 1 })).toBeLessThan(p);
    expect(probabilityRight(model, { ...sure, confidence: 0.5 })).toBeCloseTo(0.5);
  });

  it('decides instead of the rule when enabled, within its gate', () => {
    const f = { ...sure, margin: 0.05, frameUnique: 0 };
    expect(answersDirectly(model, DEFAULT_THRESHOLDS, f)).toBe(true);
    expect(answersDirectly({ ...model, gate: { minCover: 0, maxObjectForeign: 0 } }, DEFAULT_THRESHOLDS, { ...f, objectForeign: 1 })).toBe(false);
    expect(answersDirectly({ ...model, enabled: false }, DEFAULT_THRESHOLDS, f)).toBe(false);
  });

  it('an engine given a model decides by it (a strict cut holds back a direct answer)', () => {
    const strict = buildEngine(kb, { model: { ...model, threshold: 0.999999 } });
    const open = buildEngine(kb, { model: { ...model, threshold: 0.01 } });
    expect(open.ask('社保卡丢了怎么补办').type).toBe('answer');
    const held = strict.ask('社保卡丢了怎么补办');
    expect(held.type).not.toBe('answer');
    expect(held.candidates[0].id).toBe('faq-card');
  });
});

describe('fitting', () => {
  const sample = (confidence: number, right: boolean, fold: number): Sample => {
    const f = { ...sure, confidence };
    return { x: featureVector(f), right, cost: right ? 1 : 2, f, fold, twin: false };
  };
  const samples = [0.9, 0.85, 0.8, 0.75, 0.7, 0.3, 0.25, 0.2, 0.15, 0.1].map((c, i) => sample(c, c > 0.5, i));

  it('learns that a higher score means a right answer and picks a cut that answers only those', () => {
    const m = fit(samples, 0.01);
    expect(m.weights[FEATURE_NAMES.indexOf('confidence')]).toBeGreaterThan(0);
    expect(m.enabled).toBe(false);
    const direct = (s: Sample) => answersDirectly({ ...m, enabled: true }, DEFAULT_THRESHOLDS, s.f);
    expect(utility(samples, direct)).toBe(5);
  });

  it('scores a wrong direct answer at its cost', () => {
    expect(utility([sample(0.9, false, 0)], () => true)).toBe(-2);
    expect(utility([sample(0.9, true, 0)], () => true)).toBe(1);
  });
});
