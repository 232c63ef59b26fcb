import type {LedgerProblem} from '../lib/batch/ledger-reader.js';
import {renderBatchJunit} from '../lib/batch/render-junit.js';
import {renderBatchText} from '../lib/batch/render-text.js';
import {summaryExitCode} from '../lib/batch/report-builder.js';
import type {BatchSummary} from '../lib/batch/types.js';
import {exitCodeFor} from '../lib/exit-codes.js';
import {errorLabel, paint, warningLabel} from '../lib/output/terminal.js';
import {writeReport} from '../lib/fs/write-report.js';

/**
 * Print a batch summary as text, JSON or JUnit (and write `--junit-file`); returns the exit code. `empty` says
 * why there is nothing to report when the summary has no item: that is an error (exit 1), never a success.
 */
export async function emitBatchReport(
  summary: BatchSummary,
  mode: 'text' | 'json' | 'junit',
  junitFile: string | undefined,
  empty: string,
): Promise<number> {
  const emptyMessage = `nothing to report: ${empty}`;
  const junit = mode === 'junit' || junitFile !== undefined ? renderBatchJunit(summary, emptyMessage) : '';
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
  if (summary.totals.items === 0) process.stderr.write(`error: ${emptyMessage}\n`);
  if (reportError === null) return code;
  process.stderr.write(`${errorLabel(paint(process.stderr, process.env))} ${reportError}\n`);
  return code === 0 ? exitCodeFor('usage_error') : code;
}

/** Warn about a ledger line that is not a record (a torn last line after a kill). */
export function warnLedger(problem: LedgerProblem): void {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}` : problem.file;
  process.stderr.write(`${warningLabel(paint(process.stderr, process.env))} ${where}: ${problem.message}\n`);
}
