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

  constructor(onEvent: ((event: TurnEvent) => void) | undefined, startedAt: number) {
    this.#onEvent = onEvent;
    this.#startedAt = startedAt;
  }

  /** Integer ms since kiro-x started the turn. */
  elapsed(): number {
    return Math.max(0, Math.round(Date.now() - this.#startedAt));
  }

  /** Records and reports one event. */
  emit(event: TurnEvent): void {
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
