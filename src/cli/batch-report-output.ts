import type {LedgerProblem} from '../lib/batch/ledger-reader.js';
import {renderBatchJunit} from '../lib/batch/render-junit.js';
import {renderBatchText} from '../lib/batch/render-text.js';
import {summaryExitCode} from '../lib/batch/report-builder.js';
import type {BatchSummary} from '../lib/batch/types.js';
import {exitCodeFor} from '../lib/exit-codes.js';
import {errorLabel, paint, warningLabel} from '../lib/output/terminal.js';
import {writeReport} from './write-report.js';

/** Print a batch summary as text, JSON or JUnit (and write `--junit-file`); returns the exit code. */
export async function emitBatchReport(
  summary: BatchSummary,
  mode: 'text' | 'json' | 'junit',
  junitFile: string | undefined,
): Promise<number> {
  const junit = mode === 'junit' || junitFile !== undefined ? renderBatchJunit(summary) : '';
  // The report file is written first, so a failure to write it never follows a document on stdout.
  let reportError: string | null = null;
  if (junitFile !== undefined) {
    reportError = await writeReport(junitFile, junit).then(
      () => null,
      (error: Error) => error.message,
    );
  }
  if (mode === 'json') process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else if (mode === 'junit') process.stdout.write(junit);
  else process.stdout.write(renderBatchText(summary));
  const code = summaryExitCode(summary);
  if (reportError === null) return code;
  process.stderr.write(`${errorLabel(paint(process.stderr, process.env))} ${reportError}\n`);
  return code === 0 ? exitCodeFor('usage_error') : code;
}

/** Warn about a ledger line that is not a record (a torn last line after a kill). */
export function warnLedger(problem: LedgerProblem): void {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}` : problem.file;
  process.stderr.write(`${warningLabel(paint(process.stderr, process.env))} ${where}: ${problem.message}\n`);
}
