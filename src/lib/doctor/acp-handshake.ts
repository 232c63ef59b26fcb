import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {openAcpProcess} from '../engine/acp/acp-process.js';
import type {AcpConnection} from '../engine/acp/connection.js';
import type {AcpAgentInfo, ProcessExit} from '../engine/acp/connection-types.js';
import type {AcpDialect} from '../engine/acp/dialect.js';
import {planAcpLaunch} from '../engine/acp/launch.js';
import {AcpClosedError, AcpRpcError, AcpTimeoutError} from '../engine/acp/request-errors.js';
import {untilAborted} from '../engine/acp/until-aborted.js';
import type {Harness} from '../engine/harness.js';
import {redact} from '../redact.js';

/** What the ACP handshake check starts: doctor's settings, kiro-cli's known version and one bound for it all. */
export interface AcpHandshakeInput {
  cliPath: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  harness: Harness | undefined;
  agent: string | undefined;
  model: string | undefined;
  cliVersion: string;
  /** Bound on `initialize` and `session/new` together, from the start of the process. */
  timeoutMs: number;
  signal: AbortSignal;
}

/** Why the handshake did not get as far as a session. */
export type AcpHandshakeFailure =
  | {kind: 'spawn'; code: string}
  | {kind: 'cancelled'}
  | {kind: 'exited'; method: string}
  | {kind: 'timeout'; method: string; timeoutMs: number}
  | {kind: 'error'; method: string; code: number; text: string};

/** Everything the ACP check judges: plain data, so the verdict is a pure function of it. */
export interface AcpHandshakeReport {
  dialect: AcpDialect;
  /** The argv as started, executable first. */
  command: string[];
  /** What `initialize` answered; null when it did not. */
  agent: AcpAgentInfo | null;
  /** Null when `initialize` and `session/new` both answered. */
  failure: AcpHandshakeFailure | null;
  /** The stderr line that best explains a failure, and whether it names a missing or refused credential. */
  explanation: string | null;
  authFailed: boolean;
  exit: ProcessExit | null;
  /** From the start of the process to the answer of `session/new`; null when it did not answer. */
  answeredMs: number | null;
}

/** How long kiro-cli gets to exit by itself once its stdin is closed, then between TERM and KILL. */
const EXIT_WAIT_MS = 500;
const GRACE_MS = 500;
/** Bound on ending the check's kiro-cli, added to the handshake's own bound. */
export const ACP_SHUTDOWN_MS = EXIT_WAIT_MS + GRACE_MS + 500;

/**
 * Starts `kiro-cli acp` as a turn would, performs `initialize`, creates one session (`session/new` is where a
 * credential is needed first), and always ends the process. The session is created in a temporary directory that
 * is removed afterwards: kiro-cli stores a session only with its first prompt (REFERENCE §5: the header appears
 * with the first prompt, the lock goes with the process), and should a build store it earlier, it still never
 * becomes the project's latest session, which `ask --resume` would continue.
 */
export async function acpHandshake(input: AcpHandshakeInput): Promise<AcpHandshakeReport> {
  const launch = await planAcpLaunch({...input, trust: {tools: []}});
  const started = Date.now();
  const left = (): number => Math.max(1, input.timeoutMs - (Date.now() - started));
  const report = (
    fields: Partial<AcpHandshakeReport> & Pick<AcpHandshakeReport, 'failure'>,
  ): AcpHandshakeReport => ({
    dialect: launch.dialect,
    command: launch.command,
    agent: null,
    explanation: null,
    authFailed: false,
    exit: null,
    answeredMs: null,
    ...fields,
  });
  const opened = await openAcpProcess({
    cliPath: input.cliPath,
    args: launch.args,
    cwd: input.cwd,
    env: input.env,
    dialect: launch.dialect,
    initializeTimeoutMs: left(),
    signal: input.signal,
  });
  if (!opened.ok) {
    if (opened.reason === 'spawn') return report({failure: {kind: 'spawn', code: opened.code}});
    if (opened.reason === 'cancelled') return report({failure: {kind: 'cancelled'}});
    const {connection, cause} = opened.error;
    // openAcpProcess has begun ending the process; its exit comes with the end of stderr.
    const exit = await connection.exit(ACP_SHUTDOWN_MS);
    return report({failure: failureOf(cause), exit, ...stderrOf(connection, input.env)});
  }
  const kiro = opened.process;
  const sessionCwd = mkdtempSync(path.join(tmpdir(), 'kiro-x-doctor-acp-'));
  let failure: AcpHandshakeFailure | null = null;
  let exit: ProcessExit;
  let answeredMs: number | null = null;
  try {
    const opening = kiro.connection.newSession(sessionCwd, undefined, left());
    if ((await untilAborted(opening, input.signal)) === 'aborted') failure = {kind: 'cancelled'};
    else answeredMs = Date.now() - started;
  } catch (error) {
    failure = failureOf(error);
  } finally {
    const hung = failure?.kind === 'timeout' || failure?.kind === 'cancelled';
    exit = await kiro.shutdown(hung ? 0 : EXIT_WAIT_MS, GRACE_MS);
    rmSync(sessionCwd, {recursive: true, force: true});
  }
  const evidence = failure === null ? {} : stderrOf(kiro.connection, input.env);
  return report({agent: kiro.agent, failure, exit, answeredMs, ...evidence});
}

function failureOf(error: unknown): AcpHandshakeFailure {
  if (error instanceof AcpClosedError) return {kind: 'exited', method: error.method};
  if (error instanceof AcpTimeoutError)
    return {kind: 'timeout', method: error.method, timeoutMs: error.timeoutMs};
  if (error instanceof AcpRpcError)
    return {kind: 'error', method: error.method, code: error.code, text: error.text};
  throw error;
}

function stderrOf(
  connection: AcpConnection,
  env: NodeJS.ProcessEnv,
): Pick<AcpHandshakeReport, 'explanation' | 'authFailed'> {
  const {facts} = connection.stderr.since(0);
  const secrets = env.KIRO_API_KEY ? [env.KIRO_API_KEY] : [];
  const explanation = facts.explanation ?? facts.cliUsage;
  return {
    explanation: explanation === null ? null : redact(explanation, secrets),
    authFailed: facts.authFailed,
  };
}
