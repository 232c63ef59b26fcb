import type {ToolCall, TranscriptSummary} from '../types.js';
import {cleanLine, hasColouredMarker} from './ansi.js';
import {detach, LineSplitter} from './line-splitter.js';
import {isLoginPromptLine, parseCompleted, parseToolHeader} from './transcript-lines.js';

/** What the transcript parser reports while stdout streams in (live display, killing on a login prompt). */
export type TranscriptEvent =
  | {type: 'message-start'}
  | {type: 'tool'; call: ToolCall}
  | {type: 'login-prompt'}
  | {type: 'line'; text: string};

/** Options of {@link TranscriptParser}. */
export interface TranscriptParserOptions {
  /** Keep the whole cleaned stdout for `transcript`; false keeps only messages and tool calls. */
  keepTranscript: boolean;
  onEvent?: (event: TranscriptEvent) => void;
}

// A login URL can sit on an unfinished line while kiro-cli blocks; peek at short partial lines only.
const LOGIN_PEEK_CHARS = 4096;

type Section = 'preamble' | 'message' | 'tool';

/** Streaming parser of kiro-cli's headless stdout into messages, tool calls and login-prompt evidence. */
export class TranscriptParser {
  readonly #keep: boolean;
  readonly #onEvent: (event: TranscriptEvent) => void;
  readonly #lines = new LineSplitter((raw) => this.#line(raw));
  readonly #transcript: string[] = [];
  readonly #messages: string[] = [];
  readonly #toolCalls: ToolCall[] = [];
  #section: Section = 'preamble';
  #current: string[] = [];
  #preamble: string[] = [];
  // Tool calls of the current batch still waiting for their `Completed in` line, oldest first.
  #pending: ToolCall[] = [];
  #loginPrompt = false;
  #endedWithNewline = false;

  constructor(options: TranscriptParserOptions) {
    this.#keep = options.keepTranscript;
    this.#onEvent = options.onEvent ?? (() => {});
  }

  /** Feeds one stdout chunk; chunk boundaries may fall anywhere. */
  push(chunk: Uint8Array): void {
    this.#lines.push(chunk);
    if (this.#loginPrompt) return;
    const partial = this.#lines.peek(LOGIN_PEEK_CHARS);
    if (partial !== null && isLoginPromptLine(cleanLine(partial))) this.#sawLoginPrompt();
  }

  /** Ends the stream and returns what it contained. */
  end(): TranscriptSummary {
    this.#endedWithNewline = !this.#lines.end();
    this.#closeMessage();
    // Text before any marker or tool header counts as the answer only when no marker ever came: a build
    // that dropped the marker still yields its text, while a login prompt never becomes one.
    if (this.#messages.length === 0 && !this.#loginPrompt) this.#addMessage(this.#preamble);
    const text = this.#transcript.join('\n');
    return {
      messages: [...this.#messages],
      text: this.#messages.at(-1) ?? '',
      transcript: this.#keep ? (this.#endedWithNewline && text !== '' ? `${text}\n` : text) : null,
      toolCalls: this.#toolCalls.map((call) => ({...call})),
      loginPrompt: this.#loginPrompt,
    };
  }

  #line(raw: string): void {
    const line = cleanLine(raw);
    if (this.#keep) this.#transcript.push(line);
    this.#onEvent({type: 'line', text: line});
    if (!this.#loginPrompt && isLoginPromptLine(line)) this.#sawLoginPrompt();

    const call = parseToolHeader(line);
    if (call) {
      this.#closeMessage();
      this.#section = 'tool';
      call.tool = detach(call.tool);
      call.title = detach(call.title);
      this.#toolCalls.push(call);
      this.#pending.push(call);
      this.#onEvent({type: 'tool', call: {...call}});
    } else if (this.#startsMessage(raw, line)) {
      this.#closeMessage();
      this.#section = 'message';
      this.#pending = [];
      this.#preamble = [];
      this.#current = [detach(line.slice(2))];
      this.#onEvent({type: 'message-start'});
    } else if (this.#section === 'message') {
      this.#current.push(detach(line));
    } else if (this.#section === 'tool') {
      this.#completeTool(line);
    } else {
      this.#preamble.push(detach(line));
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
  // (captures/headless-2.x-tools.stdout.stripped.txt), so a duration goes to the oldest call still waiting.
  #completeTool(line: string): void {
    const ms = parseCompleted(line);
    if (ms === null) return;
    const call = this.#pending.shift();
    if (call) call.durationMs = ms;
  }

  #sawLoginPrompt(): void {
    this.#loginPrompt = true;
    this.#onEvent({type: 'login-prompt'});
  }

  #closeMessage(): void {
    if (this.#section === 'message') this.#addMessage(this.#current);
    this.#current = [];
  }

  #addMessage(lines: string[]): void {
    const first = lines.findIndex((line) => line.trim() !== '');
    if (first === -1) return;
    this.#messages.push(lines.slice(first).join('\n').trimEnd());
  }
}

/** Parses a whole stdout capture at once (tests, replays). */
export function parseTranscript(bytes: Buffer | string, keepTranscript = true): TranscriptSummary {
  const parser = new TranscriptParser({keepTranscript});
  parser.push(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
  return parser.end();
}
