// Figure: peak resident memory of kiro-x for a 10 000-item batch.
import {readFileSync} from 'node:fs';
import {spawn} from 'node:child_process';

import {BIN, FAST_CLI, batchDir, median, repeat} from './lib.mjs';

const ITEMS = 10_000;

/** Peak RSS of the kiro-x process (VmHWM from /proc, sampled until it exits; Linux only). */
function peakRss(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: {...process.env, KIRO_API_KEY: 'ksk_bench', KIRO_X_CLI_PATH: FAST_CLI},
      stdio: 'ignore',
    });
    let peak = 0;
    const sample = () => {
      try {
        const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
        peak = Math.max(peak, kb);
      } catch {
        // The process is gone; the last sample stands.
      }
    };
    const timer = setInterval(sample, 50);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`kiro-x batch exited ${code}`));
      else resolve(peak / 1024);
    });
  });
}

export default {
  name: 'ledger-memory',
  title: `4. ledger: peak memory, ${ITEMS} items`,
  target: '≤ 200 MB',
  async run({quick}) {
    const {file, dir} = batchDir(ITEMS);
    let n = 0;
    const runs = quick ? 1 : 5;
    const peaks = await repeat(
      () => peakRss(['batch', file, '-j', '16', '--json', '--results', `${dir}/ledger-${n++}.jsonl`], dir),
      {runs, warmup: quick ? 0 : 1},
    );
    return [{items: ITEMS, runs, peakRssMb: Math.round(median(peaks))}];
  },
  format: (row) => `${row.items} items  peak RSS ${row.peakRssMb} MB  [median of ${row.runs}]`,
};
