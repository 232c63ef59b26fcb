import {spawn, type ChildProcess} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** Repository root, for paths to bin/run.js and the simulator. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = path.join(ROOT, 'bin', 'run.js');
export const SIM_BIN = path.join(ROOT, 'test', 'sim', 'bin');
export const CAPTURES = path.resolve(ROOT, '../shared/kiro-cli/captures');

const worlds: string[] = [];

/** A valid-looking key the simulator accepts; tests scan outputs for it. */
export const TEST_KEY = 'ksk_TESTKEY_0123456789abcdef';

/** An isolated world for one test: its own HOME, KIRO_HOME, workspace and simulator record directory. */
export interface World {
  home: string;
  kiroHome: string;
  workspace: string;
  recordDir: string;
  env: NodeJS.ProcessEnv;
}

/** Make a fresh world; `env` overrides are applied last (undefined deletes a variable). */
export function makeWorld(env: Record<string, string | undefined> = {}): World {
  const top = mkdtempSync(path.join(os.tmpdir(), 'kiro-x-e2e-'));
  worlds.push(top);
  const home = path.join(top, 'home');
  const kiroHome = path.join(home, '.kiro');
  const workspace = path.join(top, 'ws');
  const recordDir = path.join(top, 'record');
  for (const dir of [home, workspace, recordDir]) mkdirSync(dir, {recursive: true});
  const merged: NodeJS.ProcessEnv = {
    PATH: `${SIM_BIN}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: home,
    KIRO_HOME: kiroHome,
    KIRO_API_KEY: TEST_KEY,
    KIRO_SIM_RECORD: recordDir,
    LANG: 'C.UTF-8',
    // One simulator record per turn: the session-id lookup adds two listing calls, so the tests that exercise
    // it turn it back on with `{KIRO_X_NO_SESSION_ID: undefined}`.
    KIRO_X_NO_SESSION_ID: '1',
  };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return {home, kiroHome, workspace, recordDir, env: merged};
}

/** What one kiro-x run produced. */
export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

/** Options of one kiro-x run. */
export interface RunOptions {
  world: World;
  input?: string | Buffer;
  cwd?: string;
  /** Called once the process started, e.g. to send it a signal later. */
  onSpawn?: (child: ChildProcess) => void;
}

/** Run the built CLI (`bin/run.js`) with the world's environment and collect everything it printed. */
export function runKiroX(args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? options.world.workspace,
      env: options.world.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({
        code,
        signal,
        stdout: stdoutBytes.toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        stdoutBytes,
      });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
    options.onSpawn?.(child);
  });
}

/** Every simulator invocation recorded in the world, oldest first. */
export function records(world: World): Array<Record<string, unknown>> {
  return readdirSync(world.recordDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map(
      (name) => JSON.parse(readFileSync(path.join(world.recordDir, name), 'utf8')) as Record<string, unknown>,
    );
}

/** Whether a process exists (zombies excluded as far as the OS tells). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z /.test(stat);
  } catch {
    return false;
  }
}

/** Wait until `check` holds or the time is up; returns whether it held. */
export async function waitFor(check: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

/** Remove every world made so far (call from afterAll). */
export function removeWorlds(): void {
  for (const dir of worlds.splice(0)) rmSync(dir, {recursive: true, force: true});
}
