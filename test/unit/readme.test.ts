import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {ENV_VARS} from '../../src/lib/config/settings.js';
import {EXIT_CODES} from '../../src/lib/exit-codes.js';
import {OUTCOMES} from '../../src/lib/types.js';

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

  it('gives the set-up and test commands that CI runs', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toMatch(/^npm test\s+#/m);
    const ci = readFileSync(path.join(root, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});
