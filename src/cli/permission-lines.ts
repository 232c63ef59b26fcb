import type {ChalkInstance} from 'chalk';
import type {PermissionDecision, TurnEvent} from '../lib/engine/events.js';
import {MARKS} from '../lib/output/marks.js';

/** Longest title shown in a decision line (a shell command can be a whole script). */
const TITLE_MAX = 80;

/**
 * Text mode's record of permission decisions on stderr, one line each: `✔ allowed shell (ls) — trust-tools`,
 * `✖ denied write (foo.txt) — policy`. The decision event names only the request's id and tool: the title comes
 * from the request event before it.
 */
export class PermissionLines {
  readonly #titles = new Map<string, string>();
  readonly #paint: ChalkInstance;

  constructor(paint: ChalkInstance) {
    this.#paint = paint;
  }

  /** The line an event shows (without its newline), or null when it shows none. */
  lineFor(event: TurnEvent): string | null {
    if (event.type === 'permission_request') {
      this.#titles.set(event.id, event.title);
      return null;
    }
    if (event.type !== 'permission_decision') return null;
    const title = shortTitle(this.#titles.get(event.id) ?? '');
    this.#titles.delete(event.id);
    const what = title === '' ? event.tool : `${event.tool} (${title})`;
    return `${this.#mark(event.decision)} ${VERBS[event.decision]} ${what} — ${event.by}`;
  }

  #mark(decision: PermissionDecision): string {
    if (decision === 'allow') return this.#paint.green(MARKS.passed);
    if (decision === 'deny') return this.#paint.red(MARKS.failed);
    return this.#paint.yellow(MARKS.skipped);
  }
}

const VERBS: Record<PermissionDecision, string> = {allow: 'allowed', deny: 'denied', cancelled: 'cancelled'};

/** A title on one line, cut to a readable length. */
export function shortTitle(title: string): string {
  const first = title.trim().split('\n', 1)[0] ?? '';
  const cut = first.length > TITLE_MAX ? `${first.slice(0, TITLE_MAX - 1)}…` : first;
  return first.length < title.trim().length && cut === first ? `${first} …` : cut;
}
