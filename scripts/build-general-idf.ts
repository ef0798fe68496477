/**
 * `npx tsx scripts/build-general-idf.ts`: extracts a compact general-corpus salience table from
 * jieba's idf list (`@node-rs/jieba/idf.txt`, a dev dependency) into core/text/general-idf.json.
 *
 * Kept: single characters and two-character words common enough to matter (idf < MAX_IDF), with
 * idf rounded to half units. A word missing from
 * the table is either rare (salient) or not a word at all; the reader tells those apart itself.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const MAX_IDF = 11;
const ROOT = path.join(__dirname, '..');

function source(): string {
  const override = process.argv[2];
  if (override) return override;
  return path.join(path.dirname(require.resolve('@node-rs/jieba/package.json')), 'idf.txt');
}

/** idf → one character: '0' + idf rounded to half units (jieba's idf stays below 14, so '0'…'<'). */
const code = (idf: number) => String.fromCharCode(48 + Math.round(idf * 2));

/**
 * Sorted keys (by UTF-16 code unit, what the reader's binary search compares) and a parallel
 * string of idf codes: looked up in place, nothing to decode at start.
 */
export function build(lines: string[]): { chars: string; charIdf: string; pairs: string; pairIdf: string } {
  const chars: [string, number][] = [];
  const pairs: [string, number][] = [];
  for (const line of lines) {
    const [w, v] = line.trim().split(/\s+/);
    const idf = Number(v);
    if (!w || !Number.isFinite(idf) || !/^[\u3400-\u9fff]+$/.test(w)) continue;
    if (w.length === 1) chars.push([w, idf]);
    else if (w.length === 2 && idf < MAX_IDF) pairs.push([w, idf]);
  }
  const byKey = (x: [string, number], y: [string, number]) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);
  chars.sort(byKey);
  pairs.sort(byKey);
  return {
    chars: chars.map(([w]) => w).join(''), charIdf: chars.map(([, g]) => code(g)).join(''),
    pairs: pairs.map(([w]) => w).join(''), pairIdf: pairs.map(([, g]) => code(g)).join(''),
  };
}

if (require.main === module) {
  const table = build(fs.readFileSync(source(), 'utf8').split('\n'));
  const out = path.join(ROOT, 'core/text/general-idf.json');
  fs.writeFileSync(out, JSON.stringify({ source: 'jieba idf.txt (@node-rs/jieba 2.0.3), idf rounded to 0.5', maxIdf: MAX_IDF, ...table }) + '\n');
  console.log(`wrote ${path.relative(ROOT, out)} (${fs.statSync(out).size} bytes)`);
}
