/**
 * shared/collections is the one spelling of every collection more than one function touches:
 * each name there is declared by some function's collections.json, and no other source file
 * under cloudfunctions/ writes one of them as a string literal again.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as names from '../../cloudfunctions/shared/collections';
import { REPO_ROOT } from '../../scripts/lib/repo';

const FUNCTIONS = path.join(REPO_ROOT, 'cloudfunctions');
const SHARED_FILE = path.join(FUNCTIONS, 'shared', 'collections.ts');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

function declared(): Set<string> {
  const out = new Set<string>();
  for (const fn of fs.readdirSync(FUNCTIONS)) {
    const file = path.join(FUNCTIONS, fn, 'collections.json');
    if (!fs.existsSync(file)) continue;
    const { collections } = JSON.parse(fs.readFileSync(file, 'utf8')) as { collections: { name: string }[] };
    for (const c of collections) out.add(c.name);
  }
  return out;
}

const shared = Object.values(names) as string[];

it('every shared name is a collection some function declares', () => {
  expect(shared.length).toBeGreaterThan(10);
  const known = declared();
  expect(shared.filter((n) => !known.has(n))).toEqual([]);
});

/** Where a collection name is written as a name: a collection()/txGet()/getById() argument, a constant, or a line of a name map. */
function spelledAsName(line: string, name: string): boolean {
  const q = `['"]${name}['"]`;
  if (new RegExp(`\\w+\\(\\s*(?:t,\\s*)?${q}`).test(line)) return true;
  if (new RegExp(`=\\s*${q}\\s*;`).test(line)) return true;
  // `permission: 'staff',` is a role, not the collection: the name-map form does not count for it.
  return name !== names.STAFF && new RegExp(`^\\s*\\w+:\\s*${q},?\\s*$`).test(line);
}

it('no function spells a shared collection name itself', () => {
  const found: string[] = [];
  for (const file of sources(FUNCTIONS)) {
    if (file === SHARED_FILE) continue;
    fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      for (const n of shared) if (spelledAsName(line, n)) found.push(`${path.relative(REPO_ROOT, file)}:${i + 1}: ${line.trim()}`);
    });
  }
  expect(found).toEqual([]);
});

it('the check sees the ways a name used to be spelt', () => {
  expect(spelledAsName("const APPLICATIONS = 'applications';", 'applications')).toBe(true);
  expect(spelledAsName("  outbox: 'outbox',", 'outbox')).toBe(true);
  expect(spelledAsName("await getDb().collection('bookings').doc(id).get();", 'bookings')).toBe(true);
  expect(spelledAsName("const app = await txGet(t, 'applications', id);", 'applications')).toBe(true);
  expect(spelledAsName("  permission: 'staff',", 'staff')).toBe(false);
  expect(spelledAsName(" * read from `outbox` by the dispatcher", 'outbox')).toBe(false);
});
