import {spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {ROOT} from './harness.js';

describe('npm run demo', () => {
  it('runs ask --json against the simulator and leaves no temporary directory behind', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'kiro-x-demo-test-'));
    try {
      const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'demo.mjs')], {
        env: {...process.env, TMPDIR: tmp},
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ok: true, outcome: 'completed'});
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      rmSync(tmp, {recursive: true, force: true});
    }
  });
});
