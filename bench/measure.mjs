// Wall time and peak RSS of one process (not its children): VmHWM from /proc, polled while it runs.
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';

function highWaterKb(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Run a command to completion with stdout discarded; resolves with {code, wallMs, peakRssMb}. VmHWM only grows,
 * so the last reading before exit is the peak up to the final 10 ms.
 */
export function runMeasured(command, args, {env = process.env, cwd} = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, {env, cwd, stdio: ['ignore', 'ignore', 'pipe']});
    let peakKb = 0;
    let stderr = '';
    const poll = setInterval(() => {
      peakKb = Math.max(peakKb, highWaterKb(child.pid) ?? 0);
    }, 10);
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', () => clearInterval(poll));
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({code, wallMs, peakRssMb: peakKb / 1024, stderr});
    });
  });
}
