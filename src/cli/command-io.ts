import type {Streams} from '../lib/output/streams.js';

/** What a command reads and writes besides its flags: the process's streams, environment and directory. */
export interface CommandIo extends Streams {
  stdin: NodeJS.ReadableStream & {isTTY?: boolean | undefined};
  cwd: string;
}

/** The running process's own streams, environment and directory (tests pass their own). */
export function processIo(): CommandIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
}
