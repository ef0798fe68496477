/**
 * No secrets or real appids in git: the private files WeChat tooling and deploys create are
 * ignored, and nothing tracked looks like a real AppID or a private key.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/repo';

const git = (args: string[]) => spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' });

/** AppIds that are obviously fake and used as fixtures (all-0…f sequence, all-f). */
const PLACEHOLDER_APPIDS = new Set(['wx0123456789abcdef', 'wxffffffffffffffff']);
/**
 * The appids inside Tencent's published WXBizMsgCrypt sample vectors (test/functions/oa-crypto.test.ts):
 * they are encrypted into the sample ciphertexts, so the vectors cannot be checked without them.
 * Public sample values, not an account of any deployment; allowed in that one file only.
 */
const SAMPLE_VECTOR_APPIDS: Record<string, Set<string>> = {
  // In pieces so this file does not match itself.
  'test/functions/oa-crypto.test.ts': new Set([['wx', 'b11529c136998cb6'].join(''), ['wx', '2c2769f8efd9abc2'].join('')]),
};
const APPID = /\bwx[0-9a-f]{16}\b/g;
// Spelled in pieces so this file does not match itself.
const PRIVATE_KEY = new RegExp(['-----BEGIN', '(?:[A-Z]+ )*PRIVATE', 'KEY-----'].join(' '));

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean)
    .filter((f) => fs.existsSync(path.join(REPO_ROOT, f)) && fs.statSync(path.join(REPO_ROOT, f)).isFile());
}

describe('repository hygiene', () => {
  it.each([
    'project.private.config.json',
    '.env',
    '.env.local',
    '.env.production',
    'deploy.config.json',
    'private.wx0123456789abcdef.key',
    'upload.pem',
    'config/certs/server.pem',
  ])('git ignores %s', (name) => {
    const r = git(['check-ignore', '--no-index', '-q', name]);
    expect({ name, ignored: r.status === 0 }).toEqual({ name, ignored: true });
  });

  it.each(['deploy.config.example.json', 'project.private.config.example.json', 'project.config.json'])(
    'keeps the placeholder file %s tracked and not ignored',
    (name) => {
      expect(git(['check-ignore', '--no-index', '-q', name]).status).toBe(1);
      expect(git(['ls-files', '--error-unmatch', name]).status).toBe(0);
    },
  );

  it('tracks no private config, env or key files', () => {
    const bad = trackedFiles().filter((f) =>
      /(^|\/)project\.private\.config\.json$|(^|\/)\.env(\.|$)|\.pem$|\.key$|(^|\/)deploy\.config\.json$/.test(f),
    );
    expect(bad).toEqual([]);
  });

  it('tracks nothing that looks like a real AppID or a private key', () => {
    const found: string[] = [];
    for (const f of trackedFiles()) {
      const buf = fs.readFileSync(path.join(REPO_ROOT, f));
      if (buf.includes(0)) continue; // binary
      const text = buf.toString('utf8');
      for (const m of text.match(APPID) ?? []) if (!PLACEHOLDER_APPIDS.has(m) && !SAMPLE_VECTOR_APPIDS[f]?.has(m)) found.push(`${f}: ${m}`);
      if (PRIVATE_KEY.test(text)) found.push(`${f}: private key`);
    }
    expect(found).toEqual([]);
  });

  it('the scanners do recognise what they hunt for', () => {
    const sample = ['wx', '1a2b3c4d5e6f7a8b'].join(''); // in pieces, like the key header below
    expect(`appid: "${sample}"`.match(APPID)).toEqual([sample]);
    expect(PRIVATE_KEY.test(['-----BEGIN', 'RSA PRIVATE', 'KEY-----'].join(' '))).toBe(true);
    expect(PRIVATE_KEY.test(['-----BEGIN', 'PRIVATE', 'KEY-----'].join(' '))).toBe(true);
  });
});
