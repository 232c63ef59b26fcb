import {createInterface, type Interface} from 'node:readline';
import type {ChalkInstance} from 'chalk';
import type {AskUser, PermissionQuestion} from '../lib/engine/turn.js';
import {shortTitle} from './permission-lines.js';

/** Where the questions of `--permission-mode ask` go and where the answers come from. */
export interface PromptTerminal {
  /** The terminal's input (stdin, or the controlling terminal when stdin is a pipe), opened at first use. */
  input: () => NodeJS.ReadableStream;
  /** Where the question is written (stderr). */
  output: {write(text: string): unknown};
  paint: ChalkInstance;
  /** Around each question: the live output clears the line and holds its indicator. */
  onAsking?: ((asking: boolean) => void) | undefined;
}

/** Asks permission questions on a terminal, one at a time. */
export interface PermissionPrompter {
  askUser: AskUser;
  /** Stops reading (the turn is over); a question left open is answered no. Settles once it is put away. */
  close(): Promise<void>;
}

/** The question for one request: the tool, what it would do, its kind, and the default (no). */
export function permissionQuestion(question: PermissionQuestion, colours: ChalkInstance): string {
  const title = shortTitle(question.title);
  const what = [title, question.kind === null ? '' : `(${question.kind})`].filter(Boolean).join(' ');
  const about = what === '' ? question.tool : `${question.tool}: ${what}`;
  return `${colours.bold('?')} kiro-cli asks to use ${about}. Allow? [y/N] `;
}

/**
 * `--permission-mode ask` on a terminal: each question goes to the output and waits for a line; `y` or `yes`
 * allows, anything else (an empty line, the end of input) denies. Questions wait their turn. The terminal is
 * read from the first question on (a kiro-x in the background is not stopped before it has something to ask),
 * and lines typed between questions are dropped, so a stray Enter never answers the next one.
 */
export function permissionPrompter(terminal: PromptTerminal): PermissionPrompter {
  let lines: Interface | null = null;
  let waiting: ((line: string | null) => void) | null = null;
  let ended = false;
  let closing = false;
  let queue: Promise<unknown> = Promise.resolve();
  const answer = (line: string | null): void => {
    const resolve = waiting;
    waiting = null;
    resolve?.(line);
  };
  const readLine = (): Promise<string | null> => {
    if (ended) return Promise.resolve(null);
    if (lines === null) {
      const input = terminal.input();
      const end = (): void => {
        ended = true;
        answer(null);
      };
      // A terminal that went away (EIO after a hang-up) ends the questions; it must not end kiro-x. readline
      // passes its input's errors on as its own.
      input.on('error', end);
      lines = createInterface({input, terminal: false})
        .on('line', (line) => answer(line))
        .on('error', end)
        .on('close', end);
    }
    return new Promise((resolve) => (waiting = resolve));
  };
  const ask = async (question: PermissionQuestion): Promise<boolean> => {
    terminal.onAsking?.(true);
    try {
      terminal.output.write(permissionQuestion(question, terminal.paint));
      const line = await readLine();
      // The end of input leaves the cursor after the question; a close follows a cancel that already moved on.
      if (line === null && !closing) terminal.output.write('\n');
      return /^\s*y(?:es)?\s*$/i.test(line ?? '');
    } finally {
      terminal.onAsking?.(false);
    }
  };
  return {
    askUser(question) {
      const asked = queue.then(() => ask(question));
      queue = asked.catch(() => {});
      return asked;
    },
    close() {
      ended = closing = true;
      answer(null);
      lines?.close();
      return queue.then(() => {});
    },
  };
}
