// An isolated environment in which `kiro-cli` is the test simulator (HOME, KIRO_HOME and a key of its own).
import {mkdtempSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {ROOT} from './lib.mjs';

export const SIM = path.join(ROOT, 'test', 'sim', 'kiro-cli.mjs');

/** Environment and working directory for runs against the simulator. */
export function simWorld() {
  const home = mkdtempSync(path.join(os.tmpdir(), 'kiro-x-bench-sim-'));
  const env = {
    ...process.env,
    PATH: `${path.join(ROOT, 'test', 'sim', 'bin')}${path.delimiter}${process.env.PATH}`,
    HOME: home,
    KIRO_HOME: path.join(home, '.kiro'),
    KIRO_API_KEY: 'ksk_bench_simulator',
    NO_COLOR: '1',
    TERM: 'dumb',
  };
  return {env, cwd: home};
}
