import {
  deliverReport,
  jsonDocument,
  settleExitCode,
  type ReportDestination,
} from '../output/report-destination.js';
import type {Streams} from '../output/streams.js';
import {paint, warningLabel} from '../output/terminal.js';
import type {LedgerProblem} from './ledger-reader.js';
import {renderBatchJunit} from './render-junit.js';
import {renderBatchText} from './render-text.js';
import {summaryExitCode} from './report-builder.js';
import type {BatchSummary} from './types.js';

/**
 * Deliver a batch summary as text, JSON or JUnit (and to the JUnit file); returns the exit code. `empty` says why
 * there is nothing to report when the summary has no item: that is an error (exit 1), never a success.
 */
export async function writeBatchReport(
  summary: BatchSummary,
  empty: string,
  to: ReportDestination,
): Promise<number> {
  const emptyMessage = `nothing to report: ${empty}`;
  const forms = {
    text: () => renderBatchText(summary),
    json: () => jsonDocument(summary),
    junit: () => renderBatchJunit(summary, emptyMessage),
  };
  const fileError = await deliverReport(forms, to);
  if (summary.totals.items === 0) to.stderr.write(`error: ${emptyMessage}\n`);
  return settleExitCode(summaryExitCode(summary), fileError, to);
}

/** Warns on stderr about a ledger line that is not a record (a torn last line after a kill). */
export function ledgerWarnings(io: Streams): (problem: LedgerProblem) => void {
  return (problem) => {
    const where = problem.line > 0 ? `${problem.file}:${problem.line}` : problem.file;
    io.stderr.write(`${warningLabel(paint(io.stderr, io.env))} ${where}: ${problem.message}\n`);
  };
}
