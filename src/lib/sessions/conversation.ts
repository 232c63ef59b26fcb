/** A tool call and, once it came, its result (paired by id). */
export interface ToolEntry {
  kind: 'tool';
  /** kiro-cli's toolUseId (V3: toolCallId), or null when the store gave none. */
  id: string | null;
  /** Tool name as stored (`shell`, `read`, `@server/tool`, …); null for a result whose call is missing. */
  name: string | null;
  /** `__tool_use_purpose` of the call, when the model gave one. */
  purpose: string | null;
  /** The `command` input of the call (shell and the like). */
  command: string | null;
  /** `success`, `error` or what kiro-cli stored; null while no result is stored. */
  status: string | null;
  /** The result's text (a shell result: stdout, then stderr), cut to a bound. */
  output: string | null;
  outputTruncated: boolean;
}

/** One step of a conversation, in the order kiro-cli stored it. */
export type ConversationEntry =
  | {kind: 'prompt'; text: string; at: string | null; cancelled: boolean}
  | {kind: 'answer'; text: string}
  | {kind: 'thinking'; text: string}
  | ToolEntry
  | {kind: 'cleared'; dropped: number}
  | {kind: 'compaction'; summary: string}
  | {kind: 'reset'; targetIndex: number | null};

/** How much of a conversation to keep. */
export interface ConversationOptions {
  /** Keep the model's thinking (left out unless asked for). */
  thinking: boolean;
  /** Longest tool output kept, in characters. */
  outputLimit: number;
}

/** Default bound on one tool output. */
export const DEFAULT_OUTPUT_LIMIT = 2000;

/**
 * Builds a conversation from store events of either engine. `Clear` wipes what came before (a `cleared` entry
 * says how many entries went); `Compaction` and `ResetTo` are kept as markers, their effect on the model's
 * context is not replayed.
 */
export class ConversationBuilder {
  #entries: ConversationEntry[] = [];
  #tools = new Map<string, ToolEntry>();
  #messages = 0;
  #dropped = 0;

  constructor(private readonly options: ConversationOptions) {}

  /** Count one stored message (prompt, assistant message, tool results) of the current conversation. */
  message(): void {
    this.#messages += 1;
  }

  prompt(text: string, at: string | null, cancelled = false): void {
    this.#entries.push({kind: 'prompt', text, at, cancelled});
  }

  answer(text: string): void {
    if (text.trim() !== '') this.#entries.push({kind: 'answer', text});
  }

  thinking(text: string): void {
    if (this.options.thinking && text.trim() !== '') this.#entries.push({kind: 'thinking', text});
  }

  toolUse(id: string | null, name: string, input: unknown): void {
    const args = (input !== null && typeof input === 'object' ? input : {}) as Record<string, unknown>;
    const entry: ToolEntry = {
      kind: 'tool',
      id,
      name,
      purpose: typeof args.__tool_use_purpose === 'string' ? args.__tool_use_purpose : null,
      command: typeof args.command === 'string' ? args.command : null,
      status: null,
      output: null,
      outputTruncated: false,
    };
    this.#entries.push(entry);
    if (id !== null) this.#tools.set(id, entry);
  }

  toolResult(id: string | null, status: string | null, output: string): void {
    let entry = id === null ? undefined : this.#tools.get(id);
    if (!entry) {
      entry = {
        kind: 'tool',
        id,
        name: null,
        purpose: null,
        command: null,
        status: null,
        output: null,
        outputTruncated: false,
      };
      this.#entries.push(entry);
    }
    const limit = this.options.outputLimit;
    entry.status = status;
    entry.output = output.length > limit ? output.slice(0, limit) : output;
    entry.outputTruncated = output.length > limit;
  }

  clear(): void {
    this.#dropped += this.#entries.filter((e) => e.kind !== 'cleared').length;
    this.#entries = [{kind: 'cleared', dropped: this.#dropped}];
    this.#tools.clear();
    this.#messages = 0;
  }

  compaction(summary: string): void {
    this.#entries.push({kind: 'compaction', summary});
  }

  reset(targetIndex: number | null): void {
    this.#entries.push({kind: 'reset', targetIndex});
  }

  /** The entries and the number of messages since the last `Clear`. */
  build(): {entries: ConversationEntry[]; messages: number} {
    return {entries: this.#entries, messages: this.#messages};
  }
}

/** A store timestamp (unix seconds or milliseconds, or an ISO string) as ISO 8601, or null. */
export function isoTime(value: unknown): string | null {
  let ms: number;
  if (typeof value === 'number' && Number.isFinite(value)) ms = value > 1e12 ? value : value * 1000;
  else if (typeof value === 'string' && value !== '') ms = Date.parse(value);
  else return null;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
