import {statSync} from 'node:fs';
import path from 'node:path';
import type {AskOptions} from '../ask/options.js';
import {HARNESSES} from '../engine/harness.js';
import {EFFORTS, ENGINES, PERMISSION_MODES, type Trust} from '../engine/turn.js';
import {UsageError} from '../errors.js';
import {sessionIdProblem} from '../sessions/ids.js';

/** The engines a program can ask for. */
export const QUERY_ENGINES = ['headless', 'acp'] as const;

/** An engine a program can ask for. */
export type QueryEngine = (typeof QUERY_ENGINES)[number];

/** Options of `openSession()`: those of `ask` for every turn, with the CLI's defaults for what is left out. */
export interface SessionOptions extends Omit<
  AskOptions,
  'prompt' | 'cwd' | 'cliPath' | 'trust' | 'timeoutMs' | 'stallTimeoutMs' | 'onEvent' | 'engine'
> {
  /** Working directory of the turns; default `process.cwd()`. */
  cwd?: string | undefined;
  /** kiro-cli executable, a name looked up on PATH or a path; default `kiro-cli`. */
  cliPath?: string | undefined;
  /** Default: no trust flag (kiro-cli's own default: read, grep and glob inside the cwd). */
  trust?: Trust | undefined;
  /** Bound on each turn; default 30 minutes. */
  timeoutMs?: number | undefined;
  /** Longest silence of kiro-cli; default 5 minutes, 0 turns it off. */
  stallTimeoutMs?: number | undefined;
  /** Default `headless`. */
  engine?: QueryEngine | undefined;
}

/** Options of `query()`: one prompt, the rest as for a session. */
export interface QueryOptions extends SessionOptions {
  prompt: string;
}

const DEFAULT_TIMEOUT_MS = 30 * 60_000;
const DEFAULT_STALL_TIMEOUT_MS = 5 * 60_000;

// The bad value as the program wrote it: strings quoted, objects as JSON.
const show = (value: unknown): string =>
  typeof value === 'string' || (typeof value === 'object' && value !== null)
    ? JSON.stringify(value)
    : String(value);

function check(ok: boolean, name: string, expected: string, value: unknown): void {
  if (!ok) throw new UsageError(`${name} must be ${expected}, not ${show(value)}.`);
}

const optionalString = (name: string, value: unknown): void =>
  check(
    value === undefined || (typeof value === 'string' && value.trim() !== ''),
    name,
    'a non-empty string',
    value,
  );

function duration<T extends number | undefined>(
  name: string,
  value: unknown,
  fallback: T,
  zero: 'zero allowed' | 'positive',
): number | T {
  if (value === undefined) return fallback;
  const ok =
    typeof value === 'number' && Number.isFinite(value) && (zero === 'positive' ? value > 0 : value >= 0);
  check(ok, name, `a number of milliseconds ${zero === 'positive' ? '> 0' : '>= 0'}`, value);
  return value as number;
}

function checkTrust(trust: unknown): Trust {
  if (trust === undefined) return {tools: []};
  const t = trust as {all?: unknown; tools?: unknown} | null;
  const tools = t?.tools;
  const ok =
    t !== null &&
    typeof t === 'object' &&
    (t.all === true ||
      (Array.isArray(tools) && tools.every((tool) => typeof tool === 'string' && tool.trim() !== '')));
  check(ok, 'trust', '{all: true} or {tools: [names]}', trust);
  return trust as Trust;
}

function checkCwd(cwd: unknown): string {
  if (cwd === undefined) return process.cwd();
  optionalString('cwd', cwd);
  const dir = path.resolve(cwd as string);
  if (!statSync(dir, {throwIfNoEntry: false})?.isDirectory()) {
    throw new UsageError(`cwd must be an existing directory, not ${show(cwd)}.`);
  }
  return dir;
}

function checkEngine(engine: unknown): QueryEngine {
  if (engine === undefined) return 'headless';
  check((QUERY_ENGINES as readonly unknown[]).includes(engine), 'engine', QUERY_ENGINES.join(' or '), engine);
  if (!(ENGINES as readonly unknown[]).includes(engine)) {
    throw new UsageError(`engine ${String(engine)} is not available in this kiro-x; use engine "headless".`);
  }
  return engine as QueryEngine;
}

/**
 * A program's session options checked before anything runs (each message quotes the bad value) and completed
 * with the CLI's defaults; the session id is looked up after every turn, so a session can continue.
 */
export function checkSessionOptions(options: SessionOptions): Omit<AskOptions, 'prompt'> {
  if (options === null || typeof options !== 'object') {
    throw new UsageError(`options must be an object, not ${show(options)}.`);
  }
  for (const name of ['model', 'agent', 'cliPath'] as const) optionalString(name, options[name]);
  check(
    options.effort === undefined || EFFORTS.includes(options.effort),
    'effort',
    EFFORTS.join(', '),
    options.effort,
  );
  check(
    options.harness === undefined || HARNESSES.includes(options.harness),
    'harness',
    HARNESSES.join(' or '),
    options.harness,
  );
  if (options.resumeId !== undefined) {
    const problem = sessionIdProblem(String(options.resumeId), 'resumeId');
    if (problem !== null) throw new UsageError(problem);
    if (options.resume) throw new UsageError('resume and resumeId cannot be used together.');
  }
  check(
    options.permissionMode === undefined || PERMISSION_MODES.includes(options.permissionMode),
    'permissionMode',
    PERMISSION_MODES.join(', '),
    options.permissionMode,
  );
  check(
    options.askUser === undefined || typeof options.askUser === 'function',
    'askUser',
    'a function',
    options.askUser,
  );
  check(
    options.signal === undefined || options.signal instanceof AbortSignal,
    'signal',
    'an AbortSignal',
    options.signal,
  );
  return {
    ...options,
    cwd: checkCwd(options.cwd),
    cliPath: options.cliPath ?? 'kiro-cli',
    trust: checkTrust(options.trust),
    timeoutMs: duration('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS, 'positive'),
    stallTimeoutMs: duration(
      'stallTimeoutMs',
      options.stallTimeoutMs,
      DEFAULT_STALL_TIMEOUT_MS,
      'zero allowed',
    ),
    whoamiTimeoutMs: duration('whoamiTimeoutMs', options.whoamiTimeoutMs, undefined, 'positive'),
    graceMs: duration('graceMs', options.graceMs, undefined, 'zero allowed'),
    engine: checkEngine(options.engine) as AskOptions['engine'],
    detectSessionId: options.detectSessionId ?? true,
  };
}

/** `query()`'s options checked like a session's, with the prompt. */
export function checkQueryOptions(options: QueryOptions): AskOptions {
  const rest = checkSessionOptions(options);
  return {...rest, prompt: checkPrompt(options.prompt)};
}

/** A prompt (or a model, …, as `name` says) is a string with something in it. */
export function checkPrompt(prompt: unknown, name = 'prompt'): string {
  check(typeof prompt === 'string' && prompt.trim() !== '', name, 'a non-empty string', prompt);
  return prompt as string;
}
