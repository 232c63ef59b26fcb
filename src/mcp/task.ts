import {randomUUID} from 'node:crypto';

import {emptyResult} from '../lib/ask/empty-result.js';
import {askDocument, type AskResult} from '../lib/ask/result.js';
import type {TurnEvent} from '../lib/engine/turn.js';

/** Where an async task is. */
export const TASK_STATES = ['running', 'completed', 'failed', 'cancelled'] as const;

/** Where an async task is: running, or how it ended. */
export type TaskState = (typeof TASK_STATES)[number];

/** Longest chunk, in UTF-16 units: any status answer can carry a few, however long the answer. */
const CHUNK_CHARS = 16_384;
/** Most chunk text one status answer carries; the client continues from `nextChunk`. */
const STATUS_CHARS = 65_536;
/** Longest prompt shown in a task list. */
const PROMPT_PREVIEW_CHARS = 120;

/** The chunks of a status answer, from `fromChunk` on, and where to continue. */
export interface ChunkPage {
  fromChunk: number;
  nextChunk: number;
  totalChunks: number;
  chunks: string[];
}

/** One async turn (`kiro_ask_async`): its streamed text in numbered chunks, the tool in use, its result. */
export class Task {
  readonly id = randomUUID();
  readonly startedAt: number;
  readonly prompt: string;
  readonly cwd: string;
  readonly #controller = new AbortController();
  readonly #chunks: string[] = [];
  readonly #now: () => number;
  #tool: string | null = null;
  #result: AskResult | null = null;
  #finishedAt: number | null = null;
  #done: Promise<void> = Promise.resolve();

  constructor(prompt: string, cwd: string, now: () => number = Date.now) {
    this.#now = now;
    this.startedAt = now();
    this.prompt =
      prompt.length > PROMPT_PREVIEW_CHARS ? `${prompt.slice(0, PROMPT_PREVIEW_CHARS - 1)}…` : prompt;
    this.cwd = cwd;
  }

  /** Aborted by {@link cancel}: the signal the turn runs with. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Follows the turn: answer text becomes chunks, a tool call becomes the tool in use. */
  readonly onEvent = (event: TurnEvent): void => {
    if (event.type === 'message') this.#append(event.text);
    else if (event.type === 'tool_call')
      this.#tool = event.title ? `${event.tool}: ${event.title}` : event.tool;
  };

  /** Follows the turn to its end. An engine that streamed no text still yields its answer as chunks. */
  track(turn: Promise<AskResult>): void {
    this.#done = turn.then(
      (result) => this.#finish(result),
      (error: unknown) => this.#finish(emptyResult('failed', `kiro-x failed: ${(error as Error).message}`)),
    );
  }

  /** Cancels the turn and waits until it has ended. */
  async cancel(): Promise<void> {
    this.#controller.abort('SIGTERM');
    await this.#done;
  }

  get state(): TaskState {
    const outcome = this.#result?.outcome;
    if (outcome === undefined) return 'running';
    return outcome === 'completed' || outcome === 'cancelled' ? outcome : 'failed';
  }

  get result(): AskResult | null {
    return this.#result && askDocument(this.#result);
  }

  get tool(): string | null {
    return this.#result === null ? this.#tool : null;
  }

  get finishedAt(): number | null {
    return this.#finishedAt;
  }

  /** Milliseconds from start to the end, or to now while running. */
  get elapsedMs(): number {
    return (this.#finishedAt ?? this.#now()) - this.startedAt;
  }

  /** Chunks from `fromChunk` on, as many as one answer carries (at least one, when there is one). */
  page(fromChunk: number): ChunkPage {
    const total = this.#chunks.length;
    const start = Math.min(fromChunk, total);
    const chunks: string[] = [];
    let chars = 0;
    for (let i = start; i < total; i++) {
      const chunk = this.#chunks[i] as string;
      if (chunks.length > 0 && chars + chunk.length > STATUS_CHARS) break;
      chunks.push(chunk);
      chars += chunk.length;
    }
    return {fromChunk: start, nextChunk: start + chunks.length, totalChunks: total, chunks};
  }

  #finish(result: AskResult): void {
    if (this.#chunks.length === 0) this.#append(result.text);
    this.#result = result;
    this.#finishedAt = this.#now();
  }

  #append(text: string): void {
    let rest = text;
    while (rest.length > 0) {
      let end = Math.min(CHUNK_CHARS, rest.length);
      // Never split a surrogate pair: a chunk must stay valid UTF-16 on its own.
      if (end < rest.length && /[\uD800-\uDBFF]/.test(rest.charAt(end - 1))) end--;
      this.#chunks.push(rest.slice(0, end));
      rest = rest.slice(end);
    }
  }
}
