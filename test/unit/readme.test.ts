import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {ENV_VARS} from '../../src/lib/config/settings.js';
import {EXIT_CODES} from '../../src/lib/exit-codes.js';
import {OUTCOMES} from '../../src/lib/outcomes.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('README stays true', () => {
  it('has one exit-code row per outcome, with the code the CLI uses', () => {
    const rows = new Map(
      [...readme.matchAll(/^\| `([a-z_]+)`\s+\|[^|]+\|\s*([\d /]+?)\s*\|$/gm)].map((m) => [m[1], m[2]]),
    );
    expect([...rows.keys()].sort()).toEqual([...OUTCOMES].sort());
    for (const outcome of OUTCOMES) {
      const expected = outcome === 'cancelled' ? '130 / 143' : String(EXIT_CODES[outcome]);
      expect(rows.get(outcome)).toBe(expected);
    }
  });

  it('lists every KIRO_X_* variable', () => {
    for (const name of ENV_VARS) expect(readme).toContain(`\`${name}\``);
  });

  it('installs kiro-x the way that works before it is published', () => {
    const docs = ['README.md', 'docs/batch.md', 'docs/doctor.md', 'docs/sessions.md'].map((file) =>
      readFileSync(path.join(root, file), 'utf8'),
    );
    for (const text of docs) {
      // Not on the registry: npx would fetch nothing (or someone else's package).
      expect(text).not.toMatch(/\bnpx kiro-x\b/);
      // `npm install -g kiro-x` only as what to do once it is published (said just before it).
      for (const match of text.matchAll(/npm (i|install) -g kiro-x\b/g)) {
        const before = text.slice(Math.max(0, (match.index ?? 0) - 60), match.index).replace(/\s+/g, ' ');
        expect(before).toMatch(/published/);
      }
    }
    const offline = readme.slice(readme.indexOf('## Trying it offline'), readme.indexOf('## Commands'));
    const block = offline.slice(offline.indexOf('```sh'), offline.lastIndexOf('```'));
    // The block must put kiro-x on PATH before its first use.
    expect(block.indexOf('npm link')).toBeGreaterThan(-1);
    expect(block.indexOf('npm link')).toBeLessThan(block.search(/^kiro-x /m));
  });

  it('gives the set-up and test commands that CI runs', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toMatch(/^npm test\s+#/m);
    const ci = readFileSync(path.join(root, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});
