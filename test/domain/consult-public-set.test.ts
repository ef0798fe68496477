/**
 * Quality guard on the public set written outside the team (shared/fixtures beside the clone):
 * the figures reached so far may not regress by more than 0.03. Raise REACHED when they improve.
 */
import { buildEngine } from '../../core/consult/engine';
import { evaluate, learningLoop, loadPublicSet, loadSeedKb } from '../../scripts/eval-consult';

const REACHED = { top1: 100 / 146, falseDirect: 20 / 139, rules: 30 / 30 };
const SLACK = 0.03;

describe('public set (written outside the team) does not regress', () => {
  const items = loadPublicSet();
  const engine = buildEngine(loadSeedKb());
  const f = items ? evaluate(items, (q) => engine.ask(q)) : null;

  it('the public set is found beside the clone', () => {
    expect(items?.length).toBeGreaterThan(300);
  });

  it(`in-scope questions answered with the right FAQ stay ≥ ${(REACHED.top1 - SLACK).toFixed(3)}`, () => {
    expect(f!.correct / f!.answerable).toBeGreaterThanOrEqual(REACHED.top1 - SLACK);
  });

  it(`must-hand-off questions answered directly stay ≤ ${(REACHED.falseDirect + SLACK).toFixed(3)}`, () => {
    expect(f!.falseDirect / f!.mustHandoff).toBeLessThanOrEqual(REACHED.falseDirect + SLACK);
  });

  it(`rules phrased in other words stay ≥ ${(REACHED.rules - SLACK).toFixed(3)}`, () => {
    expect(f!.rulesOk / f!.rules).toBeGreaterThanOrEqual(REACHED.rules - SLACK);
  });

  it('the learning loop: 10 handed-off questions learned as phrasings are then answered directly', () => {
    const loop = learningLoop(loadSeedKb(), items!);
    expect(loop.learned).toBe(10);
    expect(loop.selfAfter).toBeGreaterThanOrEqual(9);
    expect(loop.after).toBeGreaterThanOrEqual(loop.before);
  });
});
