// Output, input and exit helpers: every observable byte goes through here so big outputs respect backpressure.
import fs from 'node:fs';

for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

let finishers = [];
let stdoutClosed = false;

/** Registers a function run (synchronously) just before the process exits through exitWith. */
export function onFinish(fn) {
  finishers.push(fn);
}

/** Writes to stdout, waiting for 'drain' when the pipe is full. */
export function out(data) {
  return put(process.stdout, data);
}

/** Writes to stderr, waiting for 'drain' when the pipe is full. */
export function err(data) {
  return put(process.stderr, data);
}

// A closed reader must not crash the simulator: writes after close are dropped like a SIGPIPE-ignoring binary.
async function put(stream, data) {
  if (stream === process.stdout && stdoutClosed) return;
  if (stream.destroyed || stream.writableEnded) return;
  if (stream.write(data)) return;
  await new Promise((resolve) => {
    const done = () => {
      for (const event of ['drain', 'close', 'error']) stream.off(event, done);
      resolve();
    };
    for (const event of ['drain', 'close', 'error']) stream.on(event, done);
  });
}

// Resolves once everything queued on the stream has been handed to the OS.
function flush(stream) {
  if (stream === process.stdout && stdoutClosed) return Promise.resolve();
  if (stream.destroyed || stream.writableEnded) return Promise.resolve();
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/** Writes data in 64 KiB slices so a slow reader applies backpressure instead of the heap growing. */
export async function outChunked(data) {
  const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data);
  for (let at = 0; at < buffer.length; at += 65536) await out(buffer.subarray(at, at + 65536));
}

/** Closes fd 1 for real (readers see EOF) and parks /dev/null on it so no later file lands there. */
export async function closeStdout() {
  await flush(process.stdout);
  stdoutClosed = true;
  fs.closeSync(1);
  fs.openSync('/dev/null', 'w');
}

/** Exits with code after both streams are flushed and the finishers ran; never returns. */
export async function exitWith(code) {
  await flush(process.stdout);
  await flush(process.stderr);
  const pending = finishers;
  finishers = [];
  for (const fn of pending) fn(code);
  process.exit(code);
  return new Promise(() => {});
}

/** Keeps the event loop alive forever, as a hung kiro-cli would. */
export function hangForever() {
  setInterval(() => {}, 1 << 30);
  return new Promise(() => {});
}

/** Resolves after ms milliseconds. */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reads all of stdin as a Buffer; a TTY counts as no input. */
export async function readStdin() {
  if (process.stdin.isTTY) return Buffer.alloc(0);
  const chunks = [];
  try {
    for await (const chunk of process.stdin) chunks.push(chunk);
  } catch {
    return Buffer.alloc(0);
  }
  return Buffer.concat(chunks);
}
