import type {TurnEvent} from '../engine/events.js';
import {writeChunk, type SpoolSink} from '../engine/process/text-spool.js';

/**
 * The `stream-json` lines of a turn's events, written in order as they arrive: an event is serialised at once
 * (the turn goes on while the sink drains) and each write waits for the sink to take the one before it. A
 * reader that closed the stream (EPIPE) ends the writing, never the turn.
 */
export class EventLineWriter {
  readonly #sink: SpoolSink;
  #queue: string[] = [];
  #pump: Promise<void> | null = null;
  #closed = false;
  #error: unknown = null;

  constructor(sink: SpoolSink) {
    this.#sink = sink;
  }

  /** Queue one event as a compact JSON line. */
  write(event: TurnEvent): void {
    if (this.#closed) return;
    this.#queue.push(`${JSON.stringify(event)}\n`);
    this.#pump ??= this.#drain();
  }

  /** Wait until every queued line reached the sink; a write error other than EPIPE is thrown here. */
  async flush(): Promise<void> {
    while (this.#pump !== null) await this.#pump;
    if (this.#error !== null) throw this.#error;
  }

  // Lines that queued up while the sink was busy go out together, in order.
  async #drain(): Promise<void> {
    while (this.#queue.length > 0 && !this.#closed) {
      const chunk = this.#queue.splice(0).join('');
      try {
        await writeChunk(this.#sink, chunk);
      } catch (error) {
        this.#closed = true;
        this.#queue = [];
        if ((error as NodeJS.ErrnoException).code !== 'EPIPE') this.#error = error;
      }
    }
    this.#pump = null;
  }
}
