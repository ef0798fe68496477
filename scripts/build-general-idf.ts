/**
 * `npx tsx scripts/build-general-idf.ts`: extracts a compact general-corpus salience table from
 * jieba's idf list (`@node-rs/jieba/idf.txt`, a dev dependency) into core/text/general-idf.json.
 *
 * Kept: single characters and two-character words common enough to matter (idf < MAX_IDF), grouped
 * by idf rounded to half units, each group one string of concatenated entries. A word missing from
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

export function build(lines: string[]): { chars: Record<string, string>; words: Record<string, string> } {
  const chars: Record<string, string[]> = {};
  const words: Record<string, string[]> = {};
  for (const line of lines) {
    const [w, v] = line.trim().split(/\s+/);
    const idf = Number(v);
    if (!w || !Number.isFinite(idf) || !/^[\u3400-\u9fff]+$/.test(w)) continue;
    const n = [...w].length;
    if (n > 2 || (n === 2 && idf >= MAX_IDF)) continue;
    const bucket = (Math.round(idf * 2) / 2).toFixed(1);
    ((n === 1 ? chars : words)[bucket] ??= []).push(w);
  }
  const join = (r: Record<string, string[]>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => Number(a) - Number(b)).map(([k, ws]) => [k, ws.sort().join('')]));
  return { chars: join(chars), words: join(words) };
}

if (require.main === module) {
  const table = build(fs.readFileSync(source(), 'utf8').split('\n'));
  const out = path.join(ROOT, 'core/text/general-idf.json');
  fs.writeFileSync(out, JSON.stringify({ source: 'jieba idf.txt (@node-rs/jieba 2.0.3), idf rounded to 0.5', maxIdf: MAX_IDF, ...table }) + '\n');
  console.log(`wrote ${path.relative(ROOT, out)} (${fs.statSync(out).size} bytes)`);
}
