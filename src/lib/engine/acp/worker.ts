import type {AskResult} from '../../ask/result.js';
import type {Outcome} from '../../outcomes.js';
import type {AcpProcess} from './acp-process.js';
import {startAcpTurn} from './run-turn.js';
import {acpTurnInput, EXIT_WAIT_MS, type AcpTurnPlan} from './turn-plan.js';

/**
 * Outcomes after which the process is not trusted with another turn: a turn that ran out of time or went
 * silent may have left kiro-cli wedged, and a cancelled one means the batch is stopping.
 */
const SUSPECT: ReadonlySet<Outcome> = new Set<Outcome>(['timed_out', 'stalled', 'cancelled']);

/** One long-lived `kiro-cli acp` process of a pool: one turn at a time, each in a session of its own. */
export class AcpWorker {
  /** What the process was started with (argv, cwd, environment): only turns with the same key run on it. */
  readonly key: string;
  readonly #process: AcpProcess;
  readonly #graceMs: number;
  /** The sessions this process created or loaded: it holds their locks as long as it lives. */
  readonly #sessions = new Set<string>();
  #trusted = true;
  #busy = false;
  #ending: Promise<void> | null = null;
  #lastUsed = Date.now();

  constructor(key: string, process: AcpProcess, graceMs: number) {
    this.key = key;
    this.#process = process;
    this.#graceMs = graceMs;
  }

  get pid(): number {
    return this.#process.pid;
  }

  /** Whether it serves a turn now (or was claimed for one). */
  get busy(): boolean {
    return this.#busy;
  }

  /** When its last turn ended: the idle worker used least recently is the one retired for room. */
  get lastUsed(): number {
    return this.#lastUsed;
  }

  /** Whether it can take a turn: its process is alive and no turn left it in doubt. */
  get usable(): boolean {
    return this.#trusted && this.#ending === null && !this.#process.connection.isClosed;
  }

  /** Whether this process holds the session (and its lock). */
  holds(sessionId: string): boolean {
    return this.#sessions.has(sessionId);
  }

  /** Reserves the worker for the turn about to be served. */
  claim(): this {
    this.#busy = true;
    return this;
  }

  /**
   * Runs one turn in a new (or loaded) session. A turn kiro-x stopped waiting on, a process that exited, or a
   * suspect outcome ends the process before the result is returned, as the one-process engine would.
   */
  async serve(plan: AcpTurnPlan): Promise<AskResult> {
    this.#busy = true;
    try {
      const {connection} = this.#process;
      const turn = startAcpTurn(connection, acpTurnInput(plan, connection.stderr.mark()));
      const result = await turn.result;
      if (result.sessionId !== null) this.#sessions.add(result.sessionId);
      if (turn.abandoned || SUSPECT.has(result.outcome)) this.#trusted = false;
      // A cancel kiro-cli did not answer leaves nothing to wait for: the group is ended at once.
      if (!this.usable) await this.retire(turn.abandoned ? 0 : EXIT_WAIT_MS);
      return result;
    } finally {
      this.#busy = false;
      this.#lastUsed = Date.now();
    }
  }

  /** Ends the process cooperatively: stdin closed, `waitMs` to exit (releasing its locks), then TERM → KILL. */
  retire(waitMs = EXIT_WAIT_MS): Promise<void> {
    this.#ending ??= this.#process.shutdown(waitMs, this.#graceMs).then(() => undefined);
    return this.#ending;
  }
}
