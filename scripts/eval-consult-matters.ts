/**
 * `npx tsx scripts/eval-consult-matters.ts [--verbose]`: how often 智能咨询 would add 相关办事指南
 * links to a message it did not answer from an FAQ, and how often the link is wrong, for the rule
 * in core/consult/related-matters.ts and a grid of alternatives. Ground truth: the catalogue
 * sentences (test/fixtures/search-sentences.json, each names its matter) and the consult dev set
 * (an item expecting an FAQ is right when the link is one of that FAQ's matters; one expecting a
 * handoff is listed for reading).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildEngine } from '../core/consult/engine';
import { linkedMatters } from '../core/consult/kb';
import { strongHits, wantsMatterLinks } from '../core/consult/related-matters';
import type { SearchHit } from '../core/matter/api';
import { buildSearchIndex, searchMatters } from '../core/matter/search';
import { objectsIn } from '../core/consult/objects';
import { colloquial, fold } from '../core/text';
import { catalogueOf } from '../test/fixtures/search-catalogue';
import { deployedAsk, loadDevSet, loadPublicSet, loadSeedKb } from './eval-consult';

const verbose = process.argv.includes('--verbose');
const catalogue = catalogueOf(61);
const index = buildSearchIndex(catalogue);
const nameOf = new Map(catalogue.map((m) => [m._id, m.name]));
const kb = loadSeedKb();
const ask = deployedAsk(buildEngine(kb));
const faqMatters = new Map(kb.faqs.map((f) => [f.id, linkedMatters(f).map((c) => nameOf.get(c)!)]));

interface Probe { q: string; hits: SearchHit[]; right: string[] | null; source: string }
const probes: Probe[] = [];
const sentences = JSON.parse(fs.readFileSync(path.join(__dirname, '../test/fixtures/search-sentences.json'), 'utf8')) as Record<'dev' | 'heldOut', { q: string; expect: string }[]>;
for (const c of [...sentences.dev, ...sentences.heldOut]) {
  if (wantsMatterLinks(ask(c.q))) probes.push({ q: c.q, hits: searchMatters(index, c.q, 3), right: [c.expect], source: 'sentences' });
}
const consultItems = [...loadDevSet().map((i) => ({ ...i, set: 'dev' })), ...(loadPublicSet() ?? []).map((i) => ({ ...i, set: 'public' }))];
for (const i of consultItems) {
  if (!wantsMatterLinks(ask(i.q))) continue;
  const linked = i.expect.startsWith('faq-') ? faqMatters.get(i.expect) ?? [] : [];
  // An FAQ with no matter, or a handoff: no matter is known to be right.
  probes.push({ q: i.q, hits: searchMatters(index, i.q, 3), right: linked.length ? linked : null, source: `${i.set}:${i.expect}` });
}

type Rule = (hits: SearchHit[]) => boolean;
const matterText = (id: string) => { const m = catalogue.find((x) => x._id === id)!; return [m.name, ...m.keywords].join('|'); };
const objectsOfHit = (h: SearchHit) => { const m = catalogue.find((x) => x._id === h.id)!; return objectsIn(colloquial(fold([m.name, ...m.keywords].join('|')))); };
let current = '';
const agrees = (h: SearchHit) => { const mine = objectsIn(colloquial(fold(current))); const theirs = objectsOfHit(h); return !mine.size || !theirs.size || [...mine].some((o) => theirs.has(o)); };
const strictly = (h: SearchHit) => { const mine = objectsIn(colloquial(fold(current))); const theirs = objectsOfHit(h); return (!mine.size && !theirs.size) || [...mine].some((o) => theirs.has(o)); };
const covers = (h: SearchHit) => { const mine = objectsIn(colloquial(fold(current))); const theirs = objectsOfHit(h); return (!mine.size && !theirs.size) || (mine.size > 0 && [...mine].every((o) => theirs.has(o))); };
const ratio = (h: SearchHit[]) => (h[1] ? h[0].score / h[1].score : 9);
const rules: [string, Rule][] = [
  ['≥100 ratio≥1.2', (h) => !!h[0] && h[0].score >= 100 && ratio(h) >= 1.2],
  ['≥100 ratio≥1.2 agrees', (h) => !!h[0] && h[0].score >= 100 && ratio(h) >= 1.2 && agrees(h[0])],
  ['≥100 ratio≥1.2 agrees ≤40', (h) => !!h[0] && h[0].score >= 100 && ratio(h) >= 1.2 && agrees(h[0]) && current.length <= 40],
  ['≥100 ratio≥1.2 strictly ≤40', (h) => !!h[0] && h[0].score >= 100 && ratio(h) >= 1.2 && strictly(h[0]) && current.length <= 40],
  ['≥90 ratio≥1.2 strictly ≤40', (h) => !!h[0] && h[0].score >= 90 && ratio(h) >= 1.2 && strictly(h[0]) && current.length <= 40],
  ['≥100 ratio≥1.2 covers ≤40', (h) => !!h[0] && h[0].score >= 100 && ratio(h) >= 1.2 && covers(h[0]) && current.length <= 40],
  ['≥100 ratio≥1.2 covers', (h) => !!h[0] && h[0].score >= 100 && ratio(h) >= 1.2 && covers(h[0])],
  ['≥100 ratio≥1.1 agrees ≤40', (h) => !!h[0] && h[0].score >= 100 && ratio(h) >= 1.1 && agrees(h[0]) && current.length <= 40],
  ['≥90 ratio≥1.2 agrees ≤40', (h) => !!h[0] && h[0].score >= 90 && ratio(h) >= 1.2 && agrees(h[0]) && current.length <= 40],
  ['≥100 agrees ≤40', (h) => !!h[0] && h[0].score >= 100 && agrees(h[0]) && current.length <= 40],
  ['shipped (core/consult/related-matters.ts)', (h) => strongHits(current, h, matterText).length > 0],
  ...[60, 70, 80, 90, 110, 120].map((s): [string, Rule] => [`score ≥ ${s}`, (h) => !!h[0] && h[0].score >= s]),
  ['score ≥ 70 and ≥ 1.3× second', (h) => !!h[0] && h[0].score >= 70 && (!h[1] || h[0].score >= 1.3 * h[1].score)],
];
console.log(`unanswered probes: ${probes.length} (labelled ${probes.filter((p) => p.right).length})`);
for (const [name, rule] of rules) {
  const linked = probes.filter((p) => { current = p.q; return rule(p.hits); });
  const labelled = linked.filter((p) => p.right);
  const wrong = labelled.filter((p) => !p.right!.includes(p.hits[0].name));
  const unlabelled = linked.length - labelled.length;
  console.log(`${name.padEnd(42)} linked ${String(linked.length).padStart(3)}  labelled right ${labelled.length - wrong.length}/${labelled.length}  unlabelled ${unlabelled}`);
  if (verbose && name === process.argv[3]) {
    for (const p of wrong) console.log(`  ✗ ${p.q} → ${p.hits[0].name}(${p.hits[0].score}); 应为 ${p.right!.join(' / ')} [${p.source}]`);
    for (const p of linked.filter((x) => !x.right)) console.log(`  ? ${p.q} → ${p.hits.slice(0, 2).map((h) => `${h.name}(${h.score})`).join(' / ')} [${p.source}]`);
  }
}
