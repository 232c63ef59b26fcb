import type {TurnEvent} from '../events.js';
import type {AcpConnection} from './connection.js';
import {EventMapper} from './event-mapper.js';
import {TurnCollector} from './turn-collector.js';

const MAX_STRAY_CHARS = 200;

/**
 * The event side of a turn: frames from the connection mapped in wire order, each event stamped, added up for
 * the result and handed to the caller's listener (whose failure never breaks the turn).
 */
export class TurnEvents {
  readonly mapper = new EventMapper();
  readonly collector = new TurnCollector();
  /** kiro-x's own remarks for the result's warnings. */
  readonly notes: string[] = [];
  readonly #onEvent: ((event: TurnEvent) => void) | undefined;
  readonly #startedAt: number;
  #held: Array<Exclude<TurnEvent, {type: 'result'}>> | null = [];

  constructor(onEvent: ((event: TurnEvent) => void) | undefined, startedAt: number) {
    this.#onEvent = onEvent;
    this.#startedAt = startedAt;
  }

  /** Integer ms since kiro-x started the turn. */
  elapsed(): number {
    return Math.max(0, Math.round(Date.now() - this.#startedAt));
  }

  /**
   * Records and reports one event. Until the `session` event, only raw notices go out: what kiro-cli says about
   * the session right after answering session/new (its context usage, an agent it did not find) can be read
   * before kiro-x has reported the session, and waits to follow it.
   */
  emit(event: TurnEvent): void {
    const waits = event.type !== 'session' && event.type !== 'notice' && event.type !== 'result';
    if (this.#held !== null && waits) {
      this.#held.push(event);
      return;
    }
    this.#deliver(event);
    if (event.type === 'session') this.release(event.elapsedMs);
  }

  /** Reports what waited for the session (the turn ends without one: all of it), stamped no earlier than `atMs`. */
  release(atMs = 0): void {
    const held = this.#held ?? [];
    this.#held = null;
    for (const event of held)
      this.#deliver({...event, elapsedMs: Math.max(event.elapsedMs, atMs)} as TurnEvent);
  }

  #deliver(event: TurnEvent): void {
    this.collector.add(event);
    try {
      this.#onEvent?.(event);
    } catch (error) {
      this.notes.push(`An event listener failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Reports a warning now. */
  warn(message: string): void {
    this.emit({type: 'warning', message, elapsedMs: this.elapsed()});
  }

  /** Maps the connection's frames and stray lines until the returned function is called. */
  listen(connection: AcpConnection, onActivity: () => void): () => void {
    const offFrames = connection.onFrame((frame) => {
      onActivity();
      for (const event of this.mapper.map(frame, this.elapsed())) this.emit(event);
    });
    const offStrays = connection.onStray((line) => {
      onActivity();
      const shown = line.length > MAX_STRAY_CHARS ? `${line.slice(0, MAX_STRAY_CHARS - 1)}…` : line;
      this.warn(`kiro-cli wrote a line that is not JSON-RPC: ${shown}`);
    });
    return () => {
      offFrames();
      offStrays();
    };
  }
}
