/**
 * `npm run build:decision`: fits the answer-or-not model (core/consult/decision.ts) on the team's
 * own development set — the tuning split only; the held-out split and the public set are never
 * read — and writes core/consult/decision-model.json.
 *
 * One sample per dev question that reaches the model (no rule, guard or empty match decided
 * first): the best FAQ's features, labelled right when it is the expected FAQ. Weighted logistic
 * regression (a right answer gains 1; a wrong one costs 2 on a must-hand-off question, 1 on
 * another FAQ's question), L2 penalty chosen by 5-fold cross-validation, then the probability
 * threshold with the most (right − 2 × wrong-handoff − wrong-FAQ) on the training questions.
 * `--cv` only prints the cross-validation, against the hand-set thresholds of round 1.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_THRESHOLDS, buildEngine } from '../core/consult/engine';
import { FEATURE_NAMES, featureVector, handSetRule, passesGate, type DecisionModel, type MatchFeatures } from '../core/consult/decision';

export const GATE: DecisionModel['gate'] = process.argv.includes('--gate') ? { minCover: 0.3, maxObjectForeign: 0 } : { minCover: 0, maxObjectForeign: 2 };
const gated = (s: Sample) => passesGate({ gate: GATE } as DecisionModel, s.f);
import { loadDevSet, loadSeedKb, type DevItem } from './eval-consult';

/** `fold`: the dev question's position, so a question and its out-of-base twin stay in one fold. */
export interface Sample { x: number[]; right: boolean; cost: number; f: MatchFeatures; fold: number; twin: boolean }

/**
 * The dev questions as the engine sees them, and each answerable one once more with its FAQ
 * taken out of the base: then it is a question the base does not cover, a near miss whose best
 * entry is merely similar, which must not be answered directly (cost as a wrong direct answer,
 * `twinCost`). The team's dev set has few such questions of its own.
 */
export function samplesOf(items: DevItem[], twinCost = TWIN_COST): Sample[] {
  const kb = loadSeedKb();
  const engine = buildEngine(kb);
  const out: Sample[] = [];
  items.forEach((it, fold) => {
    const seen = engine.explain(it.q);
    if (!seen) return;
    const right = seen.id === it.expect;
    out.push({ x: featureVector(seen.features), right, cost: right ? 1 : it.expect === 'handoff' ? 2 : 1, f: seen.features, fold, twin: false });
  });
  if (twinCost <= 0) return out;
  const ids = [...new Set(items.map((i) => i.expect).filter((id) => kb.faqs.some((f) => f.id === id)))];
  for (const id of ids) {
    const without = buildEngine({ ...kb, faqs: kb.faqs.filter((f) => f.id !== id) });
    items.forEach((it, fold) => {
      if (it.expect !== id) return;
      const seen = without.explain(it.q);
      if (seen) out.push({ x: featureVector(seen.features), right: false, cost: twinCost, f: seen.features, fold, twin: true });
    });
  }
  return out;
}

const TWIN_COST = Number(process.argv.find((a) => a.startsWith('--twin='))?.slice(7) ?? 0);

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Weighted, L2-penalised logistic regression on standardised features (full-batch gradient descent). */
export function fit(samples: Sample[], lambda: number): DecisionModel {
  const d = FEATURE_NAMES.length;
  const mean = new Array(d).fill(0);
  const scale = new Array(d).fill(0);
  for (const s of samples) s.x.forEach((v, i) => (mean[i] += v / samples.length));
  for (const s of samples) s.x.forEach((v, i) => (scale[i] += (v - mean[i]) ** 2 / samples.length));
  for (let i = 0; i < d; i++) scale[i] = Math.sqrt(scale[i]) || 1;
  const xs = samples.map((s) => s.x.map((v, i) => (v - mean[i]) / scale[i]));
  const w = new Array(d).fill(0);
  let b = 0;
  const total = samples.reduce((a, s) => a + s.cost, 0);
  for (let it = 0; it < 3000; it++) {
    const gw = w.map((wi) => lambda * wi);
    let gb = 0;
    samples.forEach((s, k) => {
      const p = sigmoid(b + xs[k].reduce((a, v, i) => a + v * w[i], 0));
      const g = (s.cost * (p - (s.right ? 1 : 0))) / total;
      gb += g;
      for (let i = 0; i < d; i++) gw[i] += g * xs[k][i];
    });
    for (let i = 0; i < d; i++) w[i] -= 0.5 * gw[i];
    b -= 0.5 * gb;
  }
  const round = (v: number) => Math.round(v * 10000) / 10000;
  const model: DecisionModel = { features: [...FEATURE_NAMES], mean: mean.map(round), scale: scale.map(round), weights: w.map(round), bias: round(b), threshold: 0.5, gate: GATE, enabled: process.argv.includes('--enable') };
  model.threshold = bestThreshold(model, samples);
  return model;
}

export function probability(model: DecisionModel, x: number[]): number {
  return sigmoid(model.bias + x.reduce((a, v, i) => a + model.weights[i] * ((v - model.mean[i]) / (model.scale[i] || 1)), 0));
}

/** Right direct answers count +1, wrong ones −cost. */
export const utility = (samples: Sample[], direct: (s: Sample) => boolean) =>
  samples.reduce((a, s) => a + (direct(s) ? (s.right ? 1 : -s.cost) : 0), 0);

/** The probability cut with the best utility on these samples; ties go to the higher (stricter) cut. */
function bestThreshold(model: DecisionModel, samples: Sample[]): number {
  let best = { t: 0.5, u: -Infinity };
  for (let t = 0.2; t <= 0.951; t += 0.025) {
    const u = utility(samples, (s) => gated(s) && probability(model, s.x) >= t);
    if (u >= best.u) best = { t: Math.round(t * 1000) / 1000, u };
  }
  return best.t;
}

const handSet = (f: MatchFeatures) => handSetRule(DEFAULT_THRESHOLDS, f);

const LAMBDAS = [0.001, 0.01, 0.03, 0.1];
const FOLDS = 5;

/** Held-out utility per fold for each penalty, and for the hand-set rule. */
export function crossValidate(samples: Sample[], log = false): { lambda: number; gain: number } {
  let best = { lambda: LAMBDAS[0], gain: -Infinity };
  const byHand = samples.map((s) => s);
  for (const lambda of LAMBDAS) {
    let model = 0;
    let hand = 0;
    let twinModel = 0;
    let twinHand = 0;
    const per: string[] = [];
    for (let k = 0; k < FOLDS; k++) {
      const train = samples.filter((s) => s.fold % FOLDS !== k);
      const test = byHand.filter((s) => s.fold % FOLDS === k && !s.twin);
      const twins = byHand.filter((s) => s.fold % FOLDS === k && s.twin);
      const m = fit(train, lambda);
      twinModel += twins.filter((s) => gated(s) && probability(m, s.x) >= m.threshold).length;
      twinHand += twins.filter((s) => handSet(s.f)).length;
      const um = utility(test, (s) => gated(s) && probability(m, s.x) >= m.threshold);
      const uh = utility(test, (s) => handSet(s.f));
      model += um; hand += uh;
      per.push(`${um}/${uh}`);
    }
    if (log) console.log(`λ=${lambda}: 留出折（模型/手设阈值）${per.join('  ')}，合计 ${model} 对 ${hand}（差 ${model - hand}）；库外孪生题误直答 ${twinModel} 对 ${twinHand}`);
    if (model - hand > best.gain) best = { lambda, gain: model - hand };
  }
  return best;
}

export function main() {
  const dev = loadDevSet().filter((i) => i.split === 'dev');
  const samples = samplesOf(dev).filter(gated);
  console.log(`开发集（调参部分）${dev.length} 题，其中 ${samples.length} 题由模型判定（正确条目排第一 ${samples.filter((s) => s.right).length} 题）`);
  const { lambda, gain } = crossValidate(samples, true);
  console.log(`选 λ=${lambda}：5 折交叉验证比手设阈值多（答对 − 2×误直答 − 答错）${gain}`);
  if (process.argv.includes('--cv')) return;
  const model = fit(samples, lambda);
  const out = path.join(__dirname, '../core/consult/decision-model.json');
  fs.writeFileSync(out, JSON.stringify(model, null, 1) + '\n');
  console.log('写入', path.relative(process.cwd(), out), JSON.stringify(Object.fromEntries(model.features.map((n, i) => [n, model.weights[i]]))), 'bias', model.bias, 'threshold', model.threshold);
  console.log(`训练集：模型 ${utility(samples, (s) => probability(model, s.x) >= model.threshold)}，手设阈值 ${utility(samples, (s) => handSet(s.f))}`);
}

if (require.main === module) main();
