import type {TextSpool} from './process/text-spool.js';
import type {AskResult} from '../ask/result.js';
import type {TurnEvent} from './events.js';
import type {Harness} from './harness.js';

export type {TurnEvent};

/** What the ACP engine does with a permission request no trust flag covers. */
export const PERMISSION_MODES = ['deny', 'fail', 'ask'] as const;

/** `deny` rejects it and the turn goes on; `fail` rejects it and ends the turn; `ask` asks the user. */
export type PermissionMode = (typeof PERMISSION_MODES)[number];

/** What the user is asked in `ask` mode. */
export interface PermissionQuestion {
  toolCallId: string;
  tool: string;
  title: string;
  kind: string | null;
  /** The option ids kiro-cli offered. */
  options: string[];
}

/** Asks the user whether a tool may run (the CLI prompts on a TTY); true allows it. */
export type AskUser = (question: PermissionQuestion) => Promise<boolean>;

/**
 * Which tools kiro-cli may run without asking, on top of its own default (read, grep and glob inside the cwd).
 * An empty list passes no trust flag at all: kiro-cli reads `--trust-tools=` as one custom tool with an empty
 * name and warns about it on every run, without trusting less.
 */
export type Trust = {all: true} | {all?: false; tools: readonly string[]};

/** Reasoning effort levels kiro-cli accepts for `--effort`. */
export const EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'] as const;

/** A reasoning effort level. */
export type Effort = (typeof EFFORTS)[number];

/**
 * The engines kiro-x can drive kiro-cli with: `headless` reads `kiro-cli chat --no-interactive`'s transcript,
 * `acp` speaks the Agent Client Protocol with `kiro-cli acp`.
 */
export const ENGINES = ['headless', 'acp'] as const;

/** Which way kiro-x talks to kiro-cli for a turn. */
export type EngineName = (typeof ENGINES)[number];

/**
 * Everything an engine needs to run one turn: resolved by the use case (profile written, harness flags known,
 * environment prepared), so an engine only talks to kiro-cli.
 */
export interface TurnInput {
  prompt: string;
  cwd: string;
  /** kiro-cli executable: a name looked up on PATH or a path. */
  cliPath: string;
  /** The child's environment, already prepared by the use case. */
  env: NodeJS.ProcessEnv;
  trust: Trust;
  /**
   * Tools the generated profile auto-approves (its `allowedTools`), when there is one; an engine that cannot
   * rely on the profile alone trusts them as well.
   */
  allowedTools?: readonly string[] | undefined;
  model?: string | undefined;
  effort?: Effort | undefined;
  /** The agent name passed to kiro-cli: the user's or a generated profile's. */
  agent?: string | undefined;
  /** Harness flags (`--v2`/`--v3`), already checked against the installed version. */
  harnessArgs: readonly string[];
  /** The pinned harness, if any (the ACP engine speaks the V3 dialect for `v3`). */
  harness?: Harness | undefined;
  /** ACP: what happens to a permission request no trust flag covers (default `deny`). */
  permissionMode?: PermissionMode | undefined;
  /** ACP: asks the user in `ask` mode; without it `ask` denies. */
  askUser?: AskUser | undefined;
  /** Continue the latest conversation of the cwd. */
  resume?: boolean | undefined;
  /** Continue this conversation (a checked session id). */
  resumeId?: string | undefined;
  timeoutMs: number;
  /** 0 disables stall detection. */
  stallTimeoutMs: number;
  /** SIGTERM-to-SIGKILL grace when kiro-cli is stopped. */
  graceMs?: number | undefined;
  /** Keep every message and the cleaned transcript; false keeps only the final answer. */
  keepTranscript: boolean;
  /** Abort with reason 'SIGINT' or 'SIGTERM' to cancel the turn. */
  signal?: AbortSignal | undefined;
  /** Strings never to show (the API key): redacted from messages, warnings, stderr and the command. */
  secrets: readonly string[];
  /** Live events as the turn happens (every kind but `result`, which the use case adds from the outcome). */
  onEvent?: ((event: TurnEvent) => void) | undefined;
  /** When kiro-x started the turn (`Date.now()`), for the events' `elapsedMs` (default: when the engine starts). */
  startedAt?: number | undefined;
}

/** The texts of a turn, still in spools: they may be far larger than one string can be. */
export interface SpooledTexts {
  /** Every assistant message, or only the last one when the input did not keep the transcript. */
  messages: TextSpool[];
  transcript: TextSpool | null;
}

/**
 * What an engine hands back: the classified result (its `text`, `messages` and `transcript` left empty, their
 * content in `texts`) — never a throw for a turn that went wrong.
 */
export interface TurnOutput {
  result: AskResult;
  texts: SpooledTexts;
}

/**
 * The seam between the use cases and the ways of talking to kiro-cli: a turn's input in, its events out as
 * they happen, and a classified outcome at the end.
 */
export interface Engine {
  readonly name: EngineName;
  runTurn(input: TurnInput): Promise<TurnOutput>;
  /**
   * A runner for many turns, at most `size` at a time, that keeps what it can between them (the ACP engine keeps
   * its kiro-cli processes); without it every turn runs on its own.
   */
  openRunner?(size: number): TurnRunner;
}

/**
 * Runs the turns of one batch, then is closed once: by then every process it kept has ended (its turns are
 * cancelled through their own signals; `close` ends what is left).
 */
export interface TurnRunner {
  runTurn(input: TurnInput): Promise<TurnOutput>;
  close(): Promise<void>;
}
