import type {ToolCall} from '../../ask/result.js';
import type {TurnEvent} from '../events.js';

/** What a turn's events add up to, for the result. */
export interface CollectedTurn {
  messages: string[];
  toolCalls: ToolCall[];
  /** Σ of the turn's own metering (subagents' excluded); null when none was reported. */
  credits: number | null;
  kiroTimeMs: number | null;
  warnings: string[];
}

/**
 * Adds up the events of a turn as they are emitted, so the result says exactly what the stream said: messages
 * by index, tool calls with their durations, the main session's credits, the warnings.
 */
export class TurnCollector {
  readonly #messages: string[][] = [];
  readonly #tools = new Map<string, ToolCall>();
  readonly #warnings: string[] = [];
  #credits: number | null = null;
  #kiroTimeMs: number | null = null;
  #counting = false;

  /** Counts metering from now on: what came before the prompt (session creation) is not the turn's. */
  startTurn(): void {
    this.#counting = true;
  }

  /** Takes one emitted event. */
  add(event: TurnEvent): void {
    switch (event.type) {
      case 'message':
        (this.#messages[event.messageIndex] ??= []).push(event.text);
        break;
      case 'tool_call':
        this.#tools.set(event.id, {tool: event.tool, title: event.title});
        break;
      case 'tool_call_update': {
        const call = this.#tools.get(event.id);
        if (call !== undefined && event.durationMs !== null) call.durationMs = event.durationMs;
        break;
      }
      case 'metadata':
        if (!this.#counting || event.subagent) break;
        if (event.credits !== null) this.#credits = (this.#credits ?? 0) + event.credits;
        if (event.turnDurationMs !== null) this.#kiroTimeMs = event.turnDurationMs;
        break;
      case 'warning':
        this.#warnings.push(event.message);
        break;
      default:
        break;
    }
  }

  /** The totals so far. */
  result(): CollectedTurn {
    return {
      // Indexes a tool call skipped stay empty strings rather than holes.
      messages: Array.from(this.#messages, (pieces) => (pieces ?? []).join('').trimEnd()),
      toolCalls: [...this.#tools.values()],
      credits: this.#credits,
      kiroTimeMs: this.#kiroTimeMs,
      warnings: [...this.#warnings],
    };
  }
}
