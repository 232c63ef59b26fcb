import {didYouMean} from '../lib/config/did-you-mean.js';

/** The parts of an oclif command class a parse error is explained with. */
export interface CommandShape {
  flags?: Record<string, {char?: string | undefined}>;
  args?: Record<string, {description?: string | undefined}>;
}

/** What oclif's parser errors carry besides their message. */
interface ParseErrorFields {
  flags?: unknown;
  args?: unknown;
}

/** The flag closest to an unknown one (`--modle` → `--model`), or null. */
export function nearestFlag(typed: string, command: CommandShape): string | null {
  const name = typed.replace(/^-+/, '').replace(/=.*$/, '');
  const near = didYouMean(name, Object.keys(command.flags ?? {}));
  return near === null ? null : `--${near}`;
}

/**
 * An oclif parse error in kiro-x's words: unknown flags with the nearest real one, a missing argument named with
 * what it is for (without oclif's note about multi-value flags nobody passed), anything else as oclif said it.
 * `usage` is `kiro-x ask`, for the next step.
 */
export function describeParseError(
  error: Error,
  command: CommandShape,
  usage: string,
): {message: string; suggestions: string[]} {
  const help = `see ${usage} --help`;
  const fields = error as Error & ParseErrorFields;
  // oclif's parser error classes are not exported; their names are stable.
  const kind = error.constructor.name;
  if (kind === 'NonExistentFlagsError' && Array.isArray(fields.flags)) {
    const typed = fields.flags.map(String);
    const hints = typed.map((flag) => {
      const near = nearestFlag(flag, command);
      return near === null ? flag : `${flag} (did you mean ${near}?)`;
    });
    const word = typed.length === 1 ? 'Unknown flag' : 'Unknown flags';
    return {message: `${word} for ${usage}: ${hints.join(', ')}.`, suggestions: [help]};
  }
  if (kind === 'RequiredArgsError' && Array.isArray(fields.args)) {
    const missing = (fields.args as {name?: string; description?: string}[]).map((arg) => {
      const name = (arg.name ?? 'argument').toUpperCase();
      return arg.description ? `${name}: ${arg.description.replace(/\.$/, '')}` : name;
    });
    return {message: `${usage} needs ${missing.join('; ')}.`, suggestions: [help]};
  }
  const message = error.message.replace(/\n\s*See more help with --help$/, '').trim();
  return {message, suggestions: [help]};
}
