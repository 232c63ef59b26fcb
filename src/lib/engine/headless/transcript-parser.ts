import type {ToolCall} from '../../ask/result.js';
import type {TranscriptSummary} from './evidence.js';
import {cleanLine, hasColouredMarker} from './ansi.js';
import {detach, LineSplitter} from '../process/line-splitter.js';
import {MessageBuilder} from './message-builder.js';
import {TextSpool} from '../process/text-spool.js';
import {isLoginPromptLine, parseCompleted, parseToolLine} from './transcript-lines.js';
import {usageLimitKind} from './usage-limit.js';

/** What the transcript parser reports while stdout streams in (live display, killing on a login prompt). */
export type TranscriptEvent =
  | {type: 'message-start'}
  /** A line of an assistant message, once it is known to belong to it (with `\n`); `emitMessages` only. */
  | {type: 'message-text'; text: string; messageIndex: number}
  /** A tool header; `index` is the call's 0-based position in `toolCalls`. */
  | {type: 'tool'; call: ToolCall; index: number}
  | {type: 'tool-completed'; index: number; durationMs: number}
  | {type: 'login-prompt'}
  | {type: 'line'; text: string};

/** Options of {@link TranscriptParser}. */
export interface TranscriptParserOptions {
  /** Keep the whole cleaned stdout for `transcript`; false keeps only messages and tool calls. */
  keepTranscript: boolean;
  /** `last` keeps only the final assistant message (text output needs no more); default `all`. */
  messages?: 'all' | 'last' | undefined;
  /** Report every cleaned line as a `line` event (costly on huge outputs, so off by default). */
  emitLines?: boolean | undefined;
  /** Report the lines of assistant messages as `message-text` events, as they arrive. */
  emitMessages?: boolean | undefined;
  onEvent?: ((event: TranscriptEvent) => void) | undefined;
}

/** A parsed transcript whose texts live in spools, so outputs of any size can be streamed out. */
export interface SpooledTranscript {
  /** Every assistant message (only the last one with `messages: 'last'`). */
  messages: TextSpool[];
  transcript: TextSpool | null;
  toolCalls: ToolCall[];
  loginPrompt: boolean;
  usageLimit: string | null;
}

// A login URL can sit on an unfinished line while kiro-cli blocks; peek at short partial lines only.
const LOGIN_PEEK_CHARS = 4096;

type Section = 'preamble' | 'message' | 'tool';

/** Streaming parser of kiro-cli's headless stdout into messages, tool calls and login-prompt evidence. */
export class TranscriptParser {
  readonly #lastOnly: boolean;
  readonly #emitLines: boolean;
  readonly #emitMessages: boolean;
  readonly #onEvent: (event: TranscriptEvent) => void;
  readonly #lines = new LineSplitter((raw) => this.#line(raw));
  readonly #transcript: TextSpool | null;
  #transcriptLines = 0;
  readonly #messages: TextSpool[] = [];
  readonly #toolCalls: ToolCall[] = [];
  // Messages closed so far, kept or not: the index of the one being read.
  #messageCount = 0;
  #section: Section = 'preamble';
  #current = new MessageBuilder();
  #preamble = new MessageBuilder();
  // Tool calls of the current batch still waiting for their `Completed in` line, oldest first (indices).
  #pending: number[] = [];
  #loginPrompt = false;
  #usageLimit: string | null = null;
  #endedWithNewline = false;

  constructor(options: TranscriptParserOptions) {
    this.#transcript = options.keepTranscript ? new TextSpool() : null;
    this.#lastOnly = options.messages === 'last';
    this.#emitLines = options.emitLines ?? false;
    this.#emitMessages = options.emitMessages ?? false;
    this.#onEvent = options.onEvent ?? (() => {});
  }

  /** Feeds one stdout chunk; chunk boundaries may fall anywhere. */
  push(chunk: Uint8Array): void {
    this.#lines.push(chunk);
    if (this.#loginPrompt) return;
    const partial = this.#lines.peek(LOGIN_PEEK_CHARS);
    if (partial !== null && isLoginPromptLine(cleanLine(partial))) this.#sawLoginPrompt();
  }

  /** Ends the stream and returns what it contained, every text as one string. */
  end(): TranscriptSummary {
    const spooled = this.endSpooled();
    const messages = spooled.messages.map((spool) => spool.toString());
    const transcript = spooled.transcript?.toString() ?? null;
    for (const spool of [...spooled.messages, spooled.transcript]) spool?.dispose();
    return {
      messages,
      text: messages.at(-1) ?? '',
      transcript,
      toolCalls: spooled.toolCalls,
      loginPrompt: spooled.loginPrompt,
      usageLimit: spooled.usageLimit,
    };
  }

  /** Ends the stream and returns what it contained, texts left in spools (the caller disposes them). */
  endSpooled(): SpooledTranscript {
    this.#endedWithNewline = !this.#lines.end();
    this.#closeMessage();
    // Text before any marker or tool header counts as the answer only when no marker ever came: a build
    // that dropped the marker still yields its text, while a login prompt never becomes one.
    if (this.#messages.length === 0 && !this.#loginPrompt) this.#addPreamble();
    if (this.#endedWithNewline && this.#transcriptLines > 0) this.#transcript?.append('\n');
    return {
      messages: [...this.#messages],
      transcript: this.#transcript,
      toolCalls: this.#toolCalls.map((call) => ({...call})),
      loginPrompt: this.#loginPrompt,
      usageLimit: this.#usageLimit,
    };
  }

  #line(raw: string): void {
    const line = cleanLine(raw);
    if (this.#transcript) {
      if (this.#transcriptLines++ > 0) this.#transcript.append('\n');
      this.#transcript.append(line);
    }
    if (this.#emitLines) this.#onEvent({type: 'line', text: line});
    if (!this.#loginPrompt && isLoginPromptLine(line)) this.#sawLoginPrompt();

    const tools = parseToolLine(line);
    if (tools) {
      this.#closeMessage();
      this.#section = 'tool';
      for (const call of tools.calls) {
        call.tool = detach(call.tool);
        call.title = detach(call.title);
        this.#pending.push(this.#toolCalls.push(call) - 1);
        this.#onEvent({type: 'tool', call: {...call}, index: this.#toolCalls.length - 1});
      }
      if (tools.completedMs !== null) this.#complete(tools.completedMs);
    } else if (this.#startsMessage(raw, line)) {
      this.#closeMessage();
      this.#section = 'message';
      this.#pending = [];
      this.#preamble = new MessageBuilder();
      this.#current = new MessageBuilder();
      this.#onEvent({type: 'message-start'});
      this.#addLine(line.slice(2));
    } else if (this.#section === 'message') {
      this.#addLine(line);
    } else if (this.#section === 'tool') {
      const ms = parseCompleted(line);
      if (ms !== null) this.#complete(ms);
    } else if (usageLimitKind(line) !== null) {
      // V3 says `You've reached your monthly usage limit.` on stdout before any message: evidence, not an answer.
      this.#usageLimit ??= detach(line.trim());
    } else {
      this.#preamble.add(line);
    }
  }

  // The marker only opens a message, but a rendered markdown blockquote also reads `> ` once stripped. Inside a
  // message only the raw coloured marker starts a new one; after a tool block or at the very start, where no
  // blockquote can be open, the stripped form is enough (and is all an already-stripped capture has).
  #startsMessage(raw: string, line: string): boolean {
    if (this.#section === 'message') return hasColouredMarker(raw);
    return line.startsWith('> ') || line === '>';
  }

  // Parallel tools print their headers first and their `Completed in` lines in the same order
  // (captures/headless-2.x-tools.stdout.stripped.txt), so a duration goes to the oldest call still waiting;
  // a completion on a header's own line follows the same rule.
  #complete(ms: number): void {
    const index = this.#pending.shift();
    const call = index === undefined ? undefined : this.#toolCalls[index];
    if (index === undefined || !call) return;
    call.durationMs = ms;
    this.#onEvent({type: 'tool-completed', index, durationMs: ms});
  }

  #addLine(line: string): void {
    const shown = this.#current.add(line);
    if (this.#emitMessages && shown !== '') {
      this.#onEvent({type: 'message-text', text: shown, messageIndex: this.#messageCount});
    }
  }

  // Text that turns out to be the answer only at the end is reported then, when it is small enough to be one
  // string (an answer without any marker is a build's quirk, not a 200 MB stream).
  #addPreamble(): void {
    const preamble = this.#preamble;
    if (preamble.empty) return;
    const index = this.#messageCount;
    this.#addMessage(preamble);
    if (!this.#emitMessages || preamble.spool.spilled) return;
    this.#onEvent({type: 'message-text', text: `${preamble.spool.toString()}\n`, messageIndex: index});
  }

  #sawLoginPrompt(): void {
    this.#loginPrompt = true;
    this.#onEvent({type: 'login-prompt'});
  }

  #closeMessage(): void {
    if (this.#section === 'message') this.#addMessage(this.#current);
    this.#current = new MessageBuilder();
  }

  // Spools hold at most a few megabytes in memory each; with `last` only the newest message is kept at all.
  #addMessage(builder: MessageBuilder): void {
    if (builder.empty) return;
    this.#messageCount++;
    if (this.#lastOnly) this.#messages.splice(0).forEach((spool) => spool.dispose());
    this.#messages.push(builder.close());
  }
}

/** Parses a whole stdout capture at once (tests, replays). */
export function parseTranscript(bytes: Buffer | string, keepTranscript = true): TranscriptSummary {
  const parser = new TranscriptParser({keepTranscript});
  parser.push(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
  return parser.end();
}
