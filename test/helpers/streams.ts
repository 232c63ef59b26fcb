import {PassThrough} from 'node:stream';

/** Streams a use case writes to in a test, with what each has received so far. */
export interface CapturedStreams {
  stdout: PassThrough;
  stderr: PassThrough;
  env: NodeJS.ProcessEnv;
  out(): string;
  err(): string;
}

/** PassThrough stdout and stderr that keep everything written (no terminal, no colour unless `env` forces it). */
export function captureStreams(env: NodeJS.ProcessEnv = {}): CapturedStreams {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = {out: '', err: ''};
  stdout.on('data', (chunk: Buffer) => (text.out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (text.err += chunk.toString('utf8')));
  return {stdout, stderr, env, out: () => text.out, err: () => text.err};
}
