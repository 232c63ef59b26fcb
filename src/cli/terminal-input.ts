import {closeSync, openSync} from 'node:fs';
import {ReadStream} from 'node:tty';

/** A terminal to read a person's answers from, and how to let go of it. */
export interface TerminalInput {
  /** The stream, read from its first use on (a stream reads, and a background job stops, once it exists). */
  input(): NodeJS.ReadableStream;
  release(): void;
}

/**
 * The terminal a person answers on: stdin when it is one, else the controlling terminal (`/dev/tty`: the prompt
 * may come through a pipe while a person still watches), else none (CI, a service): questions are then denied.
 */
export function terminalInput(
  stdin: NodeJS.ReadableStream & {isTTY?: boolean | undefined},
): TerminalInput | null {
  if (stdin.isTTY === true) return {input: () => stdin, release: () => void stdin.pause()};
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r');
  } catch {
    return null;
  }
  let stream: ReadStream | null = null;
  return {
    input: () => (stream ??= new ReadStream(fd)),
    release() {
      if (stream === null) closeSync(fd);
      else stream.destroy();
    },
  };
}
