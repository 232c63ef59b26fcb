import type {AcpCancelCause} from './outcome.js';

/**
 * The turn's time limit and stall limit. Every frame from kiro-cli re-arms the stall timer (keep-alives count);
 * it pauses while a user is asked about a permission, since a person thinking is not kiro-cli stalling.
 */
export class TurnTimers {
  readonly #limits: {timeoutMs: number; stallTimeoutMs: number};
  readonly #cancel: (cause: AcpCancelCause) => void;
  #timeout: NodeJS.Timeout | undefined;
  #stall: NodeJS.Timeout | undefined;
  #paused = false;
  #running = false;

  constructor(limits: {timeoutMs: number; stallTimeoutMs: number}, cancel: (cause: AcpCancelCause) => void) {
    this.#limits = limits;
    this.#cancel = cancel;
  }

  /** Starts both limits. */
  start(): void {
    this.#running = true;
    if (this.#limits.timeoutMs > 0) {
      this.#timeout = setTimeout(() => this.#cancel('timeout'), this.#limits.timeoutMs);
    }
    this.#armStall();
  }

  /** kiro-cli said something: the stall limit starts over. */
  activity(): void {
    this.#armStall();
  }

  /** Pauses the stall limit while the user is asked, and starts it over afterwards. */
  pauseStall(paused: boolean): void {
    this.#paused = paused;
    this.#armStall();
  }

  /** Stops both limits for good. */
  stop(): void {
    this.#running = false;
    clearTimeout(this.#timeout);
    clearTimeout(this.#stall);
  }

  #armStall(): void {
    clearTimeout(this.#stall);
    if (!this.#running || this.#paused || this.#limits.stallTimeoutMs <= 0) return;
    this.#stall = setTimeout(() => this.#cancel('stall'), this.#limits.stallTimeoutMs);
  }
}
