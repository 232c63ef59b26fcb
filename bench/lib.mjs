// Shared helpers of the bench figures: run the built CLI, time it, take medians.
import {spawn} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** Repository root and the built CLI. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = path.join(ROOT, 'bin', 'run.js');
/** The one-process kiro-cli stand-in the batch figures use. */
export const FAST_CLI = path.join(ROOT, 'bench', 'fixtures', 'kiro-cli');

/** A scratch directory holding a batch file of `count` prompts. */
export function batchDir(count) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiro-x-bench-'));
  const file = path.join(dir, 'bench.txt');
  writeFileSync(file, Array.from({length: count}, (_, i) => `prompt ${i + 1}`).join('\n') + '\n');
  return {dir, file};
}

/** Run kiro-x; resolves with wall time, exit code and peak RSS (from GNU time when present, else null). */
export function runKiroX(args, {env = {}, cwd} = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: {...process.env, KIRO_API_KEY: 'ksk_bench', KIRO_X_CLI_PATH: FAST_CLI, ...env},
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({code, wallMs, stderr});
    });
  });
}

/** The median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Run `once` after `warmup` discarded runs, `runs` times; the values it returns. */
export async function repeat(once, {runs, warmup = 1}) {
  for (let i = 0; i < warmup; i++) await once();
  const values = [];
  for (let i = 0; i < runs; i++) values.push(await once());
  return values;
}
