import {Command, Errors} from '@oclif/core';
import {formatError, suggestionsFor} from '../lib/output/ask-text.js';
import {KiroXError} from '../lib/errors.js';
import {exitCodeFor} from '../lib/exit-codes.js';
import {paint} from '../lib/output/terminal.js';
import {outputModeFromArgv} from './shared-flags.js';
import type {Outcome} from '../lib/types.js';

/**
 * Base of every kiro-x command: failures that escape `run()` (flag parsing, config, files) become the
 * documented exit code, and in JSON/JUnit mode still produce the one document on stdout.
 */
export abstract class BaseCommand extends Command {
  /** The document printed for a failure in JSON mode; commands with a JSON contract override it. */
  protected failureDocument(outcome: Outcome, message: string): unknown {
    return {schemaVersion: 1, ok: false, outcome, message};
  }

  /** The JUnit report printed for a failure in JUnit mode. */
  protected async failureJunit(_outcome: Outcome, _message: string): Promise<string | null> {
    return null;
  }

  protected override async catch(error: Error & {exitCode?: number}): Promise<unknown> {
    if (error instanceof Errors.ExitError) throw error;
    const known = error instanceof KiroXError;
    // oclif's own parse errors (unknown flag, bad option, exclusive flags) are usage errors like ours.
    const parseError = !known && (error instanceof Errors.CLIError || 'parse' in error);
    if (!known && !parseError) throw error;
    const outcome: Outcome = known ? error.outcome : 'usage_error';
    const message = error.message.replace(/\n\s*See more help with --help$/, '').trim();
    const suggestions = known ? [...error.suggestions, ...suggestionsFor(outcome)] : ['see --help'];
    const mode = outputModeFromArgv(this.argv);
    if (mode === 'json') {
      process.stdout.write(`${JSON.stringify(this.failureDocument(outcome, message), null, 2)}\n`);
    } else if (mode === 'junit') {
      const xml = await this.failureJunit(outcome, message);
      if (xml) process.stdout.write(xml);
    }
    process.stderr.write(formatError(message, suggestions, paint(process.stderr, process.env)));
    process.exitCode = exitCodeFor(outcome);
    return undefined;
  }
}
