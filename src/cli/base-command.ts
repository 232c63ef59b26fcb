import {Command, Errors} from '@oclif/core';
import {didYouMean} from '../lib/config/did-you-mean.js';
import {KiroXError} from '../lib/errors.js';
import type {Outcome} from '../lib/outcomes.js';
import type {CommandShape} from './parse-errors.js';

/**
 * Base of every kiro-x command: failures that escape `run()` (flag parsing, config, files) become the
 * documented exit code, and in JSON/JUnit mode still produce the one document on stdout (and the JUnit report
 * in `--junit-file`).
 */
export abstract class BaseCommand extends Command {
  /** The document printed for a failure in JSON mode; commands with a JSON contract override it. */
  protected failureDocument(outcome: Outcome, message: string): unknown {
    return {schemaVersion: 1, ok: false, outcome, message};
  }

  /** The JUnit report printed for a failure in JUnit mode and written to `--junit-file`. */
  protected async failureJunit(outcome: Outcome, message: string): Promise<string> {
    const {failureJunit} = await import('../lib/output/failure-junit.js');
    return failureJunit(this.usage(), outcome, message);
  }

  /** `kiro-x batch report`: how the user called this command. */
  private usage(): string {
    return `${this.config.bin} ${(this.id ?? '').split(':').join(' ')}`.trim();
  }

  /** `kiro-x batch reprot …` runs `batch` with FILE "reprot": when that fails, name the subcommand meant. */
  private nearSubcommand(): string | null {
    const first = this.argv[0];
    const prefix = `${this.id}:`;
    if (first === undefined || first.startsWith('-')) return null;
    const names = this.config.commands
      .filter((c) => c.id.startsWith(prefix))
      .map((c) => c.id.slice(prefix.length));
    const near = didYouMean(first, names);
    return near === null ? null : `"${this.usage()} ${near}"`;
  }

  protected override async catch(error: Error & {exitCode?: number}): Promise<unknown> {
    if (error instanceof Errors.ExitError) throw error;
    const known = error instanceof KiroXError;
    // oclif's own parse errors (unknown flag, bad option, exclusive flags) are usage errors like ours.
    const parseError = !known && (error instanceof Errors.CLIError || 'parse' in error);
    if (!known && !parseError) throw error;
    // Loaded only on failure: a run that goes well never pays for them (start-up is part of every turn).
    const [{describeParseError}, {explainKnownError, reportFailure}] = await Promise.all([
      import('./parse-errors.js'),
      import('./report-failure.js'),
    ]);
    const command = this.ctor as unknown as CommandShape;
    const outcome: Outcome = known ? error.outcome : 'usage_error';
    const {message, suggestions} = known
      ? explainKnownError(error)
      : describeParseError(error, command, this.usage());
    const subcommand = this.nearSubcommand();
    await reportFailure({
      argv: this.argv,
      outcome,
      message,
      suggestions: subcommand === null ? suggestions : [`did you mean ${subcommand}?`, ...suggestions],
      document: this.failureDocument(outcome, message),
      junit: () => this.failureJunit(outcome, message),
      writesJunitFile: command.flags?.['junit-file'] !== undefined,
    });
    return undefined;
  }
}
