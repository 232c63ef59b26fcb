import {redact} from '../../redact.js';
import type {TurnEvent} from '../events.js';
import type {TurnInput} from '../turn.js';
import type {TranscriptEvent} from './transcript-parser.js';

// An event without its stamp, as the mapping below builds it.
type Unstamped = TurnEvent extends infer E
  ? E extends {elapsedMs: number}
    ? Omit<E, 'elapsedMs'>
    : never
  : never;

/**
 * The stream-json events of a headless turn, made from what the transcript parser and the stderr scanner find
 * as the output streams in: coarser than ACP's (whole lines, no thoughts, plans or permissions), same schema.
 */
export class HeadlessEvents {
  /** kiro-x's own remarks for the result's warnings (a listener that threw). */
  readonly notes: string[] = [];
  readonly #input: Pick<TurnInput, 'onEvent' | 'startedAt' | 'secrets' | 'model' | 'agent'>;
  readonly #startedAt: number;

  constructor(input: Pick<TurnInput, 'onEvent' | 'startedAt' | 'secrets' | 'model' | 'agent'>) {
    this.#input = input;
    this.#startedAt = input.startedAt ?? Date.now();
  }

  /** Whether anyone listens: the parser then reports message lines, which costs a string per line. */
  get live(): boolean {
    return this.#input.onEvent !== undefined;
  }

  /** The turn starts: headless learns its session id only from the store after the turn (the result has it). */
  start(): void {
    const {model, agent} = this.#input;
    this.#emit({
      type: 'session',
      engine: 'headless',
      sessionId: null,
      resumed: null,
      model: model ?? null,
      agent: agent ?? null,
    });
  }

  /** What the transcript parser found; the login prompt is the engine's own business and is not reported. */
  transcript(event: TranscriptEvent): void {
    switch (event.type) {
      case 'message-text':
        this.#emit({type: 'message', text: event.text, messageIndex: event.messageIndex});
        break;
      case 'tool':
        this.#emit({
          type: 'tool_call',
          id: toolId(event.index),
          tool: event.call.tool,
          title: event.call.title,
          kind: null,
          status: 'in_progress',
        });
        break;
      case 'tool-completed':
        this.#emit({
          type: 'tool_call_update',
          id: toolId(event.index),
          status: 'completed',
          title: null,
          output: null,
          durationMs: event.durationMs,
        });
        break;
      default:
        break;
    }
  }

  /** A warning the stderr scanner completed, secrets redacted as in the result. */
  warning(message: string): void {
    this.#emit({type: 'warning', message: redact(message, this.#input.secrets)});
  }

  /** The stderr trailer: the turn's credits and kiro-cli's own time. */
  trailer({credits, kiroTimeMs}: {credits: number | null; kiroTimeMs: number | null}): void {
    this.#emit({
      type: 'metadata',
      sessionId: null,
      credits,
      contextUsagePercent: null,
      turnDurationMs: kiroTimeMs,
      subagent: false,
    });
  }

  // A listener that throws must not break the turn (it runs inside the process's output handlers).
  #emit(event: Unstamped): void {
    const onEvent = this.#input.onEvent;
    if (!onEvent) return;
    const elapsedMs = Math.max(0, Math.round(Date.now() - this.#startedAt));
    try {
      onEvent({...event, elapsedMs} as TurnEvent);
    } catch (error) {
      if (this.notes.length === 0) {
        this.notes.push(
          `An event listener failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
}

/** The id of a headless tool call: its 1-based position in the turn (`tool-1`, `tool-2`, …). */
const toolId = (index: number): string => `tool-${index + 1}`;
