#!/usr/bin/env node
// Runs the main job offline: `kiro-x ask --json` against the bundled kiro-cli simulator.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const home = mkdtempSync(path.join(os.tmpdir(), 'kiro-x-demo-'));
const env = {
  ...process.env,
  PATH: `${path.join(root, 'test', 'sim', 'bin')}${path.delimiter}${process.env.PATH}`,
  HOME: home,
  KIRO_HOME: path.join(home, '.kiro'),
  KIRO_API_KEY: 'ksk_demo_simulator_key',
};
const prompt = 'List exactly three primary colors, one per line, no other text.';
let run;
try {
  run = spawnSync(process.execPath, [path.join(root, 'bin', 'run.js'), 'ask', prompt, '--json'], {
    cwd: home,
    env,
    stdio: 'inherit',
  });
} finally {
  // The demo's HOME holds the simulated session store: nothing of it is worth keeping.
  rmSync(home, {recursive: true, force: true});
}
process.exit(run.status ?? 1);
