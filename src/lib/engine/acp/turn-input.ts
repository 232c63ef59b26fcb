import type {TurnEvent} from '../events.js';
import type {Effort, Trust} from '../turn.js';
import type {AskUser} from './permission-gate.js';
import type {PermissionMode} from './permission-policy.js';
import type {EstablishedSession} from './turn-session.js';

/** Everything one ACP turn needs, resolved by the use case (profile written, dialect and argv chosen). */
export interface AcpTurnInput {
  prompt: string;
  cwd: string;
  /** The trust flags, meaning what they mean headless; kiro-x's permission policy applies them (V3 has none). */
  trust: Trust;
  /** What happens to a permission request no trust flag covers. */
  permissionMode: PermissionMode;
  /** Asks the user in `ask` mode; without it `ask` denies. */
  askUser?: AskUser | undefined;
  /** The agent asked for (V3 sets it on session/new; V2 took it on the argv): a missing one fails the turn. */
  agent?: string | undefined;
  model?: string | undefined;
  effort?: Effort | undefined;
  /** Load this session (session/load) instead of creating one; never falls back to a new one. */
  resumeId?: string | undefined;
  /**
   * Prompt this session, which an earlier turn of the same process established: no session/new or session/load
   * (`resumeId` is then ignored). Its `model` is the one the turn reports.
   */
  session?: EstablishedSession | undefined;
  /** The V2 session store (`$KIRO_HOME/sessions/cli`), for the stale lock of a killed process. */
  storeDir: string;
  /** The kiro-cli argv to report (nothing secret in it; redacted all the same). */
  command: readonly string[];
  /** Strings never to show (the API key). */
  secrets: readonly string[];
  /** KIRO_API_KEY was set, so an authentication failure means kiro-cli refused that key. */
  apiKeySet: boolean;
  /** Cancel the turn after this long (0 or unset: never). */
  timeoutMs?: number | undefined;
  /** Cancel after this long without a frame from kiro-cli (0 or unset: never); paused while the user is asked. */
  stallTimeoutMs?: number | undefined;
  /** Bound of session/new and the setup requests (default 30 s). */
  requestTimeoutMs?: number | undefined;
  /** Bound of each session/load (default 30 s). */
  loadTimeoutMs?: number | undefined;
  /** How long a cancel waits for kiro-cli's `cancelled` answer (default 2 s). */
  cancelGraceMs?: number | undefined;
  /** How long to wait for the exit code once kiro-cli's stdout ended (default 2 s). */
  exitWaitMs?: number | undefined;
  /** The stderr position (`connection.stderr.mark()`) the turn's facts start at: a reused process passes it. */
  stderrSince?: number | undefined;
  /** Abort with reason 'SIGINT' or 'SIGTERM' to cancel the turn. */
  signal?: AbortSignal | undefined;
  /** Live events, as the turn happens. */
  onEvent?: ((event: TurnEvent) => void) | undefined;
  /** When kiro-x started the turn (`Date.now()`), for `elapsedMs` and `durationMs` (default: now). */
  startedAt?: number | undefined;
}

// The bounds that have defaults.
type Bounds =
  | 'timeoutMs'
  | 'stallTimeoutMs'
  | 'requestTimeoutMs'
  | 'loadTimeoutMs'
  | 'cancelGraceMs'
  | 'exitWaitMs'
  | 'stderrSince'
  | 'startedAt';

/** An input with every bound filled in. */
export type ResolvedTurnInput = Omit<AcpTurnInput, Bounds> & {[K in Bounds]-?: number};

/** The input with every bound filled in. */
export function withDefaults(input: AcpTurnInput): ResolvedTurnInput {
  return {
    ...input,
    timeoutMs: input.timeoutMs ?? 0,
    stallTimeoutMs: input.stallTimeoutMs ?? 0,
    requestTimeoutMs: input.requestTimeoutMs ?? 30_000,
    loadTimeoutMs: input.loadTimeoutMs ?? 30_000,
    cancelGraceMs: input.cancelGraceMs ?? 2000,
    exitWaitMs: input.exitWaitMs ?? 2000,
    stderrSince: input.stderrSince ?? 0,
    startedAt: input.startedAt ?? Date.now(),
  };
}
