import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach} from 'vitest';
import {
  AcpConnection,
  buildAcpArgs,
  type AcpDialect,
  type AcpStreams,
  type AcpTurnInput,
  type ProcessExit,
} from '../../src/lib/engine/acp/index.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const simBin = path.join(repoRoot, 'test/sim/bin');

/** A valid API key for the simulator. */
export const KEY = {KIRO_API_KEY: 'ksk_test_acp_key'};

/** The temporary HOME, KIRO_HOME and workspace of one test. */
export interface SimBox {
  home: string;
  kiroHome: string;
  cwd: string;
  /** The V2 session store. */
  storeDir: string;
}

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) kill(child);
});
afterAll(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, {recursive: true, force: true});
});

function tempDir(label: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `kiro-x-acp-${label}-`)));
  dirs.push(dir);
  return dir;
}

/** A fresh sandbox. */
export function simBox(): SimBox {
  const kiroHome = tempDir('kiro');
  return {
    home: tempDir('home'),
    kiroHome,
    cwd: tempDir('cwd'),
    storeDir: path.join(kiroHome, 'sessions/cli'),
  };
}

/** A started simulator process and its streams. */
export interface SimProcess {
  child: ChildProcess;
  streams: AcpStreams;
  exited: Promise<ProcessExit>;
  args: string[];
  /** The frames kiro-x wrote to the simulator. */
  sent: Array<Record<string, unknown>>;
}

/** Starts `kiro-cli acp ARGS` (the simulator) in the box, in its own process group. */
export function startSim(box: SimBox, args: string[], env: Record<string, string> = KEY): SimProcess {
  const child = spawn(path.join(simBin, 'kiro-cli'), args, {
    cwd: box.cwd,
    env: {
      PATH: [simBin, path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter),
      HOME: box.home,
      KIRO_HOME: box.kiroHome,
      ...env,
    },
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  const exited = new Promise<ProcessExit>((resolve) =>
    child.on('exit', (exitCode, signal) => resolve({exitCode, signal})),
  );
  // What kiro-x writes passes through here on its way to the simulator, so a test can read it.
  const stdin = new PassThrough();
  stdin.pipe(child.stdin!);
  const sent: Array<Record<string, unknown>> = [];
  let pending = '';
  stdin.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    for (let nl = pending.indexOf('\n'); nl !== -1; nl = pending.indexOf('\n')) {
      sent.push(JSON.parse(pending.slice(0, nl)) as Record<string, unknown>);
      pending = pending.slice(nl + 1);
    }
  });
  const streams = {stdin, stdout: child.stdout!, stderr: child.stderr!, exited};
  return {child, streams, exited, args, sent};
}

/** Starts the simulator for a dialect and opens an initialized connection to it. */
export async function openSim(
  box: SimBox,
  dialect: AcpDialect = 'v2',
  options: {env?: Record<string, string>; trust?: AcpTurnInput['trust']; extraArgs?: string[]} = {},
): Promise<{sim: SimProcess; conn: AcpConnection}> {
  const args = [
    ...buildAcpArgs({dialect, trust: options.trust ?? {tools: []}}),
    ...(options.extraArgs ?? []),
  ];
  const sim = startSim(box, args, options.env ?? KEY);
  const conn = await AcpConnection.open(sim.streams, {dialect, initializeTimeoutMs: 5000});
  return {sim, conn};
}

/** A turn input for the box, overridable. */
export function turnInput(box: SimBox, prompt: string, extra: Partial<AcpTurnInput> = {}): AcpTurnInput {
  return {
    prompt,
    cwd: box.cwd,
    trust: {tools: []},
    permissionMode: 'deny',
    storeDir: box.storeDir,
    command: ['kiro-cli', 'acp'],
    secrets: [KEY.KIRO_API_KEY],
    apiKeySet: true,
    ...extra,
  };
}

/** Kills a simulator's whole process group (it may have children). */
export function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** A pid that belonged to a process which has exited. */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString('utf8'));
}

/** A scripted peer playing kiro-cli over in-memory pipes: what the client writes, and a way to answer. */
export function fakeAgent(): {
  streams: AcpStreams;
  sent: Array<Record<string, unknown>>;
  write: (frame: object) => void;
  /** Writes one raw stdout line. */
  raw: (line: string) => void;
  next: (method: string) => Promise<Record<string, unknown>>;
} {
  const toAgent = new PassThrough();
  const fromAgent = new PassThrough();
  const sent: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  let buffer = '';
  toAgent.setEncoding('utf8');
  toAgent.on('data', (text: string) => {
    buffer += text;
    for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
      sent.push(JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>);
      buffer = buffer.slice(nl + 1);
    }
    waiters.splice(0).forEach((wake) => wake());
  });
  const next = (method: string): Promise<Record<string, unknown>> =>
    new Promise((resolve) => {
      const look = (): void => {
        const found = sent.find((f) => f.method === method && !('seen' in f));
        if (found) {
          Object.defineProperty(found, 'seen', {value: true});
          resolve(found);
        } else waiters.push(look);
      };
      look();
    });
  return {
    streams: {stdin: toAgent, stdout: fromAgent, stderr: null},
    sent,
    write: (frame) => fromAgent.write(`${JSON.stringify(frame)}\n`),
    raw: (line) => fromAgent.write(`${line}\n`),
    next,
  };
}
