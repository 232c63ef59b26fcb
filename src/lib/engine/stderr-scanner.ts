import type {StderrFacts} from '../types.js';
import {cleanLine} from './ansi.js';
import {detach, LineSplitter} from './line-splitter.js';
import {isWarningLine, readStderrLine} from './stderr-lines.js';

/** Options of {@link StderrScanner}. */
export interface StderrScannerOptions {
  /** Called with every cleaned stderr line (live display, logs). */
  onLine?: (line: string) => void;
}

const TAIL_LINES = 40;
const TAIL_CHARS = 8192;
// A chatty or looping kiro-cli must not grow the warnings list without bound.
const MAX_WARNINGS = 100;
const MAX_WARNING_CHARS = 1000;

/** Streaming reader of kiro-cli's stderr: the credits trailer, auth, agent, tool and backend signals, a tail. */
export class StderrScanner {
  readonly #onLine: (line: string) => void;
  readonly #lines = new LineSplitter((raw) => this.#line(cleanLine(raw)));
  readonly #tail: string[] = [];
  readonly #warnings = new Set<string>();
  readonly #agentFallbacks = new Set<string>();
  readonly #deniedTools = new Set<string>();
  readonly #backendTrouble = new Set<string>();
  #credits: number | null = null;
  #kiroTimeMs: number | null = null;
  #trailer = false;
  #authFailed = false;

  constructor(options: StderrScannerOptions = {}) {
    this.#onLine = options.onLine ?? (() => {});
  }

  /** Feeds one stderr chunk; chunk boundaries may fall anywhere. */
  push(chunk: Uint8Array): void {
    this.#lines.push(chunk);
  }

  /** Ends the stream and returns what stderr said. */
  end(): StderrFacts {
    this.#lines.end();
    return {
      credits: this.#credits,
      kiroTimeMs: this.#kiroTimeMs,
      trailer: this.#trailer,
      authFailed: this.#authFailed,
      agentFallbacks: [...this.#agentFallbacks],
      deniedTools: [...this.#deniedTools],
      backendTrouble: [...this.#backendTrouble],
      warnings: [...this.#warnings],
    };
  }

  /** The last lines of cleaned stderr (at most 40 lines and 8 KiB), trailing blank lines dropped. */
  tail(): string {
    const partial = this.#lines.peek(TAIL_CHARS);
    const lines = partial === null ? this.#tail : [...this.#tail, cleanLine(partial)].slice(-TAIL_LINES);
    const text = lines.join('\n').trimEnd();
    if (text.length <= TAIL_CHARS) return text;
    const cut = text.slice(-TAIL_CHARS);
    const newline = cut.indexOf('\n');
    return newline === -1 ? cut : cut.slice(newline + 1);
  }

  #line(line: string): void {
    this.#onLine(line);
    this.#tail.push(detach(line.length > TAIL_CHARS ? line.slice(-TAIL_CHARS) : line));
    if (this.#tail.length > TAIL_LINES) this.#tail.shift();

    const trimmed = detach(line.trim());
    if (trimmed === '') return;
    const fact = readStderrLine(trimmed);
    switch (fact.kind) {
      case 'trailer':
        this.#trailer = true;
        this.#credits = fact.credits;
        this.#kiroTimeMs = fact.kiroTimeMs;
        break;
      case 'auth':
        this.#authFailed = true;
        break;
      case 'agent-fallback':
        this.#agentFallbacks.add(fact.name);
        break;
      case 'denied':
        this.#deniedTools.add(fact.tool);
        break;
      case 'backend':
        this.#backendTrouble.add(trimmed);
        break;
      case 'none':
        break;
    }
    if (this.#warnings.size < MAX_WARNINGS && isWarningLine(trimmed, fact)) {
      this.#warnings.add(
        trimmed.length > MAX_WARNING_CHARS ? `${trimmed.slice(0, MAX_WARNING_CHARS)}…` : trimmed,
      );
    }
  }
}
