import {exitCodeFor} from '../lib/exit-codes.js';
import {CliNotFoundError, type KiroXError} from '../lib/errors.js';
import {formatError, suggestionsFor} from '../lib/output/ask-text.js';
import {deliverReport, jsonDocument} from '../lib/output/report-destination.js';
import {errorLabel, paint} from '../lib/output/terminal.js';
import type {Outcome} from '../lib/outcomes.js';
import {junitFileFromArgv, outputModeFromArgv} from './flag-settings.js';

/** A failure that ended a command before it could render its own result. */
export interface Failure {
  /** The command's argv, read for `-o`/`--json`/`--junit-file` even when parsing it failed. */
  argv: readonly string[];
  outcome: Outcome;
  message: string;
  suggestions: readonly string[];
  /** The document JSON mode prints (on one line in `stream-json` mode). */
  document: unknown;
  /** The report JUnit mode prints and `--junit-file` receives. */
  junit: () => Promise<string>;
  /** Whether the command has a `--junit-file` flag to honour. */
  writesJunitFile: boolean;
}

/**
 * Report a failure the way the command would have reported its result: in JSON or JUnit mode stdout gets the
 * one document, `--junit-file` gets the JUnit report (so CI shows the failure), stderr the error and its next
 * steps; the exit code comes from the outcome.
 */
export async function reportFailure(failure: Failure): Promise<void> {
  const streams = {stdout: process.stdout, stderr: process.stderr, env: process.env};
  const output = outputModeFromArgv(failure.argv);
  const junitFile = failure.writesJunitFile ? junitFileFromArgv(failure.argv) : undefined;
  const forms = {
    text: () => '',
    json: () => jsonDocument(failure.document),
    // A stream that ends before its turn began is that one result line.
    jsonLine: () => `${JSON.stringify(failure.document)}\n`,
    junit: failure.junit,
  };
  const fileError = await deliverReport(forms, {...streams, output, junitFile});
  const colours = paint(process.stderr, process.env);
  process.stderr.write(formatError(failure.message, failure.suggestions, colours));
  // The failure may be that very file: say it once.
  if (fileError !== null && fileError !== failure.message) {
    process.stderr.write(`${errorLabel(colours)} ${fileError}\n`);
  }
  process.exitCode = exitCodeFor(failure.outcome);
}

/** A kiro-x error's message and next steps: its own suggestions, then those its outcome always brings. */
export function explainKnownError(error: KiroXError): {message: string; suggestions: string[]} {
  const cliPath = error instanceof CliNotFoundError ? error.cliPath : undefined;
  return {
    message: error.message.trim(),
    suggestions: [...error.suggestions, ...suggestionsFor(error.outcome, {cliPath})],
  };
}
