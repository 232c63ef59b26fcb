import {Chalk, type ChalkInstance, type ColorSupportLevel} from 'chalk';

/** The part of a stream colour detection looks at; `process.stdout`/`process.stderr` fit. */
export type ColorStream = {isTTY?: boolean | undefined};

/** The environment variables colour detection reads. */
export type ColorEnv = Readonly<Record<string, string | undefined>>;

/**
 * The colour level for a stream: `FORCE_COLOR` wins (`0`/`false` off, `2`/`3` deeper, anything else 1), then
 * `NO_COLOR` (any non-empty value, per no-color.org) and `TERM=dumb` turn it off, else colour only on a TTY.
 */
export function colorLevel(stream: ColorStream, env: ColorEnv): ColorSupportLevel {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2' || force === '3') return Number(force) as ColorSupportLevel;
    return 1;
  }
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return 0;
  if (env['TERM'] === 'dumb') return 0;
  return stream.isTTY === true ? 1 : 0;
}

/** Whether to write colour to this stream. */
export function useColor(stream: ColorStream, env: ColorEnv): boolean {
  return colorLevel(stream, env) > 0;
}

/** A chalk that colours only when `useColor` says so; pass it around instead of the global chalk. */
export function paint(stream: ColorStream, env: ColorEnv): ChalkInstance {
  return new Chalk({level: colorLevel(stream, env)});
}

const PLAIN = new Chalk({level: 0});

/** kiro-x's own `error:` label, red and bold when the paint has colour (see {@link paint}). */
export function errorLabel(colours: ChalkInstance = PLAIN): string {
  return colours.red.bold('error:');
}

/** kiro-x's own `warning:` label, yellow when the paint has colour. */
export function warningLabel(colours: ChalkInstance = PLAIN): string {
  return colours.yellow('warning:');
}
