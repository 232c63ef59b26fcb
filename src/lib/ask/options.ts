import type {Harness} from '../engine/harness.js';
import type {
  AskUser,
  Effort,
  EngineName,
  PermissionMode,
  Trust,
  TurnEvent,
  TurnRunner,
} from '../engine/turn.js';
import type {ProfileFlags} from '../profile/build-profile.js';

/** Options of one `ask` turn: plain data, so the library works without the CLI. */
export interface AskOptions {
  prompt: string;
  /** Working directory of the turn (kiro-cli keeps sessions and finds workspace agents per cwd). */
  cwd: string;
  /** kiro-cli executable: a name looked up on PATH or a path. */
  cliPath: string;
  trust: Trust;
  model?: string | undefined;
  effort?: Effort | undefined;
  /** An existing agent by name; with profile flags it is the base of the generated profile. */
  agent?: string | undefined;
  /**
   * Pin kiro-cli's harness. Needs the installed version (one `kiro-cli --version` per process, remembered);
   * a version that cannot honour it makes the turn a `usage_error`. Unset: kiro-cli chooses, no extra process.
   */
  harness?: Harness | undefined;
  /** Flags that make kiro-x generate a temporary agent profile. */
  profile?: ProfileFlags | undefined;
  /** Leave the generated profile on disk (its path is in the result). */
  keepProfile?: boolean | undefined;
  /** `--resume`: continue the latest conversation of the cwd. */
  resume?: boolean | undefined;
  /** `--resume-id UUID`: continue that conversation (kiro-cli 2.2+). */
  resumeId?: string | undefined;
  /**
   * Learn the turn's session id (and whether a resume happened) from kiro-cli's session store before and after
   * the turn; where no store exists yet, from two extra `--list-sessions` calls.
   */
  detectSessionId?: boolean | undefined;
  timeoutMs: number;
  /** 0 disables stall detection. */
  stallTimeoutMs: number;
  /** Bound on the `kiro-cli whoami` preflight made when no KIRO_API_KEY is set. */
  whoamiTimeoutMs?: number | undefined;
  /** The caller already checked the credential (a batch checks once, not per turn): no whoami preflight. */
  skipCredentialCheck?: boolean | undefined;
  /** SIGTERM-to-SIGKILL grace for the process group. */
  graceMs?: number | undefined;
  /** Environment passed to kiro-cli (TERM=dumb and NO_COLOR=1 are added); defaults to process.env. */
  env?: NodeJS.ProcessEnv | undefined;
  /**
   * Keep the whole cleaned transcript and every message (JSON mode). False keeps only the final answer, which
   * is all text output needs; `messages` then holds just that one.
   */
  keepTranscript?: boolean | undefined;
  /** Abort with reason 'SIGINT' or 'SIGTERM' to cancel the turn. */
  signal?: AbortSignal | undefined;
  /** Live events of the turn (messages starting, tool calls) for progress display. */
  onEvent?: ((event: TurnEvent) => void) | undefined;
  /** The way kiro-x talks to kiro-cli for the turn; default `headless`. */
  engine?: EngineName | undefined;
  /**
   * Runs the turn instead of `engine` on its own: a batch passes the runner it opened for `engine` (the ACP one
   * keeps its kiro-cli processes between turns); everything around the turn stays the same.
   */
  runner?: TurnRunner | undefined;
  /** ACP: what happens to a permission request no trust flag covers; default `deny`. */
  permissionMode?: PermissionMode | undefined;
  /** ACP: asks the user in `permissionMode: 'ask'` (the CLI prompts on a terminal); without it `ask` denies. */
  askUser?: AskUser | undefined;
}

/** Default bound on the whoami preflight. */
export const DEFAULT_WHOAMI_TIMEOUT_MS = 5000;
