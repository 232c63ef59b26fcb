import type {StderrFacts} from './evidence.js';
import {cleanLine} from './ansi.js';
import {detach, LineSplitter} from '../process/line-splitter.js';
import {readStderrLine} from './stderr-lines.js';
import {StderrNote} from './stderr-note.js';

/** Options of {@link StderrScanner}. */
export interface StderrScannerOptions {
  /** Called with every cleaned stderr line (live display, logs). */
  onLine?: (line: string) => void;
  /** Called with each new warning as soon as it is complete (the line after it arrived, or the stream ended). */
  onWarning?: (warning: string) => void;
  /** Called when the ` ▸ Credits: … • Time: …` trailer arrives. */
  onTrailer?: (trailer: {credits: number | null; kiroTimeMs: number | null}) => void;
}

const TAIL_LINES = 40;
const TAIL_CHARS = 8192;
// A chatty or looping kiro-cli must not grow the warnings list without bound.
const MAX_WARNINGS = 100;
const MAX_WARNING_CHARS = 1000;

/**
 * Streaming reader of kiro-cli's stderr: the trailer, auth, usage-limit, clap, agent, tool and backend signals,
 * the warnings, the message that best explains a failure, and a tail.
 */
export class StderrScanner {
  readonly #onLine: (line: string) => void;
  readonly #onWarning: (warning: string) => void;
  readonly #onTrailer: NonNullable<StderrScannerOptions['onTrailer']>;
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
  #usageLimit: {line: string; human: boolean} | null = null;
  #limitResets: string | null = null;
  #cliUsage: {line: string; error: boolean} | null = null;
  #note: StderrNote | null = null;
  #best: {text: string; rank: number} | null = null;

  constructor(options: StderrScannerOptions = {}) {
    this.#onLine = options.onLine ?? (() => {});
    this.#onWarning = options.onWarning ?? (() => {});
    this.#onTrailer = options.onTrailer ?? (() => {});
  }

  /** Feeds one stderr chunk; chunk boundaries may fall anywhere. */
  push(chunk: Uint8Array): void {
    this.#lines.push(chunk);
  }

  /** Ends the stream and returns what stderr said. */
  end(): StderrFacts {
    this.#lines.end();
    this.#closeNote();
    return {
      credits: this.#credits,
      kiroTimeMs: this.#kiroTimeMs,
      trailer: this.#trailer,
      authFailed: this.#authFailed,
      usageLimit: this.#usageLimit?.line ?? null,
      limitResets: this.#limitResets,
      cliUsage: this.#cliUsage?.line ?? null,
      agentFallbacks: [...this.#agentFallbacks],
      deniedTools: [...this.#deniedTools],
      backendTrouble: [...this.#backendTrouble],
      warnings: [...this.#warnings],
      explanation: this.#best?.text ?? null,
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
        this.#onTrailer({credits: fact.credits, kiroTimeMs: fact.kiroTimeMs});
        break;
      case 'auth':
        this.#authFailed = true;
        break;
      case 'usage-limit':
        // A sentence says more than an error code; the first of each kind is kept.
        if (this.#usageLimit === null || (fact.human && !this.#usageLimit.human)) {
          this.#usageLimit = {line: trimmed, human: fact.human};
        }
        break;
      case 'limit-reset':
        this.#limitResets ??= fact.date;
        break;
      case 'cli-usage':
        if (this.#cliUsage === null || (fact.error && !this.#cliUsage.error)) {
          this.#cliUsage = {line: trimmed, error: fact.error};
        }
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
      case 'panic':
      case 'none':
        break;
    }
    if (this.#note?.take(trimmed, fact)) return;
    this.#closeNote();
    this.#note = new StderrNote(trimmed, fact);
  }

  // A note is complete once a line arrives that does not continue it (or the stream ends).
  #closeNote(): void {
    const note = this.#note;
    if (note === null) return;
    this.#note = null;
    if (note.rank > (this.#best?.rank ?? 0)) this.#best = {text: note.text, rank: note.rank};
    const warning = note.warning();
    if (warning === null || this.#warnings.size >= MAX_WARNINGS) return;
    const kept = warning.length > MAX_WARNING_CHARS ? `${warning.slice(0, MAX_WARNING_CHARS)}…` : warning;
    if (this.#warnings.has(kept)) return;
    this.#warnings.add(kept);
    this.#onWarning(kept);
  }
}
