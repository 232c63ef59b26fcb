import type {PlanEntry, ToolStatus, TurnEvent} from '../events.js';
import {identifyTool} from './tool-names.js';
import {toolOutputText} from './tool-output.js';

/** A turn event before the mapper stamps its `elapsedMs`. */
export type Unstamped = TurnEvent extends infer E
  ? E extends {elapsedMs: number}
    ? Omit<E, 'elapsedMs'>
    : never
  : never;

/** What the mapper knows of a tool call, for later updates and for permission requests. */
export interface KnownTool {
  tool: string;
  title: string;
  kind: string | null;
  startedMs: number;
}

const STATUSES: ReadonlySet<string> = new Set(['pending', 'in_progress', 'completed', 'failed']);

/**
 * The `session/update` kinds of the turn's own session, as contract events: message and thought chunks (a tool
 * call between two chunks starts the next message), tool calls and their updates, and plans. Kinds it does
 * not map come back as null, for a notice.
 */
export class UpdateMapper {
  readonly tools = new Map<string, KnownTool>();
  /** V2 `tool_call_chunk` previews name the tool before it is announced. */
  readonly previews = new Map<string, string>();
  #messageIndex = 0;
  #messageHasText = false;
  #toolSinceText = false;

  /** The events for one update of the main session, or null when it maps to none. */
  map(update: Record<string, unknown>, nowMs: number): Unstamped[] | null {
    switch (update.sessionUpdate) {
      case 'agent_message_chunk':
        return this.#message(update);
      case 'agent_thought_chunk': {
        const text = textOf(update.content);
        return text === null ? null : [{type: 'thought', text}];
      }
      case 'tool_call':
        return [this.#toolCall(update, nowMs)];
      case 'tool_call_update':
        return [this.#toolUpdate(update, nowMs)];
      case 'plan':
        return [{type: 'plan', entries: planEntries(update.entries)}];
      default:
        return null;
    }
  }

  #message(update: Record<string, unknown>): Unstamped[] | null {
    const text = textOf(update.content);
    if (text === null) return null;
    if (this.#toolSinceText && this.#messageHasText) {
      this.#messageIndex += 1;
      this.#messageHasText = false;
    }
    this.#toolSinceText = false;
    if (text !== '') this.#messageHasText = true;
    return [{type: 'message', text, messageIndex: this.#messageIndex}];
  }

  #toolCall(update: Record<string, unknown>, nowMs: number): Unstamped {
    const id = String(update.toolCallId);
    const title = typeof update.title === 'string' ? update.title : '';
    const kind = typeof update.kind === 'string' ? update.kind : null;
    const metaKind = (update._meta as {kiro?: {kind?: string}} | undefined)?.kiro?.kind;
    const tool = identifyTool({previewName: this.previews.get(id), kind, title, metaKind});
    this.tools.set(id, {tool, title, kind, startedMs: nowMs});
    this.#toolSinceText = true;
    return {type: 'tool_call', id, tool, title, kind, status: statusOf(update.status) ?? 'pending'};
  }

  #toolUpdate(update: Record<string, unknown>, nowMs: number): Unstamped {
    const id = String(update.toolCallId);
    const status = statusOf(update.status) ?? 'in_progress';
    const known = this.tools.get(id);
    const ended = status === 'completed' || status === 'failed';
    return {
      type: 'tool_call_update',
      id,
      status,
      title: typeof update.title === 'string' ? update.title : null,
      output: toolOutputText(update.rawOutput, update.content),
      durationMs: ended && known !== undefined ? Math.max(0, Math.round(nowMs - known.startedMs)) : null,
    };
  }
}

function textOf(content: unknown): string | null {
  const block = content as {type?: unknown; text?: unknown} | null | undefined;
  return block?.type === 'text' && typeof block.text === 'string' ? block.text : null;
}

function statusOf(value: unknown): ToolStatus | null {
  return typeof value === 'string' && STATUSES.has(value) ? (value as ToolStatus) : null;
}

function planEntries(entries: unknown): PlanEntry[] {
  if (!Array.isArray(entries)) return [];
  return entries.map((entry: unknown) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    return {
      content: String(e.content ?? ''),
      status: String(e.status ?? ''),
      priority: String(e.priority ?? ''),
    };
  });
}
