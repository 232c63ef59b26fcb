// Misbehaviours a real kiro-cli shows under stress: panics, signals, closed stdout, hangs and stray children.
import {spawn} from 'node:child_process';
import {constants} from 'node:os';
import {closeStdout, err, exitWith, hangForever, out, sleep} from './io.mjs';
import {updateRecord} from './record.mjs';
import {marker} from './render.mjs';

/** Starts a child in the same process group that ignores SIGTERM and sleeps forever (`grandchild`, `grandchild=inherit`). */
export function spawnGrandchild(mode) {
  const code = "process.on('SIGTERM', () => {}); setInterval(() => {}, 1 << 30);";
  const child = spawn(process.execPath, ['-e', code], {stdio: mode === 'inherit' ? 'inherit' : 'ignore'});
  child.unref();
  updateRecord({grandchildPid: child.pid ?? null});
}

/** `hang-noisy`: a progress line on stderr every 200 ms, forever. */
export function hangNoisy() {
  setInterval(() => void err('Thinking...\n'), 200);
  return hangForever();
}

/** `crash`: half a line on stdout, a Rust panic on stderr, exit 101. */
export async function crash(noColor) {
  await out(`${marker(noColor)}Here is the first half of the ans`);
  await err(
    "\nthread 'main' panicked at crates/chat-cli/src/cli/chat/mod.rs:812:17:\n" +
      'simulated panic while streaming the response\n' +
      'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n',
  );
  return exitWith(101);
}

/** `signal=NAME`: partial output, then the process kills itself with that signal. */
export async function killSelf(name, noColor) {
  const signal = String(name).toUpperCase();
  if (constants.signals[signal] === undefined) {
    await err(`kiro-cli simulator: unknown signal ${signal}\n`);
    return exitWith(64);
  }
  await out(`${marker(noColor)}Partial answer before the crash`);
  updateRecord({endedAt: Date.now(), signal});
  process.kill(process.pid, signal);
  return hangForever();
}

/** `close-stdout`: the start of the answer, then fd 1 is closed while the process keeps going. */
export async function closeStdoutEarly(noColor) {
  await out(`${marker(noColor)}The answer stops here`);
  await closeStdout();
  await sleep(200);
}
