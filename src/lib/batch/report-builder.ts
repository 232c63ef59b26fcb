import {EXIT_CODES} from '../exit-codes.js';
import type {BatchSummary, BatchTotals, ItemReport, LedgerRecord, SuiteReport} from './types.js';

/** The slim report of one record: the transcript and the rest of the ask result stay in the ledger. */
export function itemReportOf(record: LedgerRecord, creditsOfRun: number | null): ItemReport {
  if (record.recordType === 'skip') {
    return {
      id: record.id,
      status: 'skipped',
      outcome: null,
      message: record.reason,
      text: '',
      attempts: 0,
      credits: null,
      durationMs: 0,
      assertions: [],
      skipReason: record.reason,
      causedByFailure: record.causedByFailure,
      runId: record.runId,
      promptHash: record.promptHash,
      startedAt: null,
      finishedAt: record.finishedAt,
      stderrTail: '',
    };
  }
  return {
    id: record.id,
    status: record.status,
    outcome: record.outcome,
    message: record.message,
    text: record.text,
    attempts: record.attempt,
    credits: creditsOfRun,
    durationMs: record.durationMs,
    assertions: record.assertions,
    skipReason: null,
    causedByFailure: false,
    runId: record.runId,
    promptHash: record.promptHash,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    stderrTail: record.stderrTail,
  };
}

const keyOf = (file: string, id: string): string => `${file}\u0000${id}`;

/**
 * The latest record of each item over any number of records (one run, a resumed ledger, the ledgers of
 * several shards), kept slim. An item's credits add up the attempts of the run that produced its latest record.
 */
export class ReportBuilder {
  private readonly latest = new Map<string, ItemReport>();
  private readonly files = new Map<string, string[]>();

  /** Take a record into account; an older record than the one kept (by finishedAt) is ignored. */
  add(record: LedgerRecord): void {
    const key = keyOf(record.file, record.id);
    const kept = this.latest.get(key);
    if (kept !== undefined && record.finishedAt < kept.finishedAt) return;
    const credits = record.recordType === 'attempt' ? record.credits : null;
    const sameRun = kept !== undefined && kept.runId === record.runId && record.recordType === 'attempt';
    const total =
      sameRun && (kept.credits !== null || credits !== null) ? (kept.credits ?? 0) + (credits ?? 0) : credits;
    if (kept === undefined) {
      const ids = this.files.get(record.file) ?? [];
      if (ids.length === 0) this.files.set(record.file, ids);
      ids.push(record.id);
    }
    this.latest.set(key, itemReportOf(record, total));
  }

  /** The kept report of an item, if any record of it was seen. */
  get(file: string, id: string): ItemReport | undefined {
    return this.latest.get(keyOf(file, id));
  }

  /** Every file and item seen, in the order first seen. */
  suites(): SuiteReport[] {
    return [...this.files].map(([file, ids]) => ({
      file,
      items: ids.flatMap((id) => this.latest.get(keyOf(file, id)) ?? []),
    }));
  }
}

/** Counts over suites. */
export function totalsOf(suites: readonly SuiteReport[]): BatchTotals {
  const totals: BatchTotals = {
    items: 0,
    passed: 0,
    failed: 0,
    errors: 0,
    skipped: 0,
    attempts: 0,
    credits: 0,
  };
  for (const item of suites.flatMap((s) => s.items)) {
    totals.items++;
    if (item.status === 'passed') totals.passed++;
    else if (item.status === 'failed') totals.failed++;
    else if (item.status === 'error') totals.errors++;
    else totals.skipped++;
    totals.attempts += item.attempts;
    totals.credits += item.credits ?? 0;
  }
  totals.credits = Math.round(totals.credits * 1e6) / 1e6;
  return totals;
}

/** A failure, an error, or a skip caused by one (`--fail-fast`). */
function failedItem(item: ItemReport): boolean {
  return item.status === 'failed' || item.status === 'error' || item.causedByFailure;
}

/** The summary document of a set of suites. */
export function summarize(
  suites: SuiteReport[],
  interrupted: BatchSummary['interrupted'] = null,
  durationMs?: number,
): BatchSummary {
  const items = suites.flatMap((s) => s.items);
  const runIds = [...new Set(items.map((item) => item.runId))].filter((id) => id !== '');
  const starts = items.flatMap((item) => (item.startedAt === null ? [] : [item.startedAt])).sort();
  const ends = items.map((item) => item.finishedAt).sort();
  const startedAt = starts[0] ?? null;
  const finishedAt = ends.at(-1) ?? null;
  const span = startedAt !== null && finishedAt !== null ? Date.parse(finishedAt) - Date.parse(startedAt) : 0;
  const totals = totalsOf(suites);
  const failed = suites.some((s) => s.items.some(failedItem));
  return {
    schemaVersion: 1,
    // Nothing to report is not a success: a CI job whose ledgers are empty must not pass.
    ok: interrupted === null && !failed && totals.items > 0,
    interrupted,
    runIds,
    startedAt,
    finishedAt,
    durationMs: durationMs ?? Math.max(0, span),
    totals,
    suites,
  };
}

/** Whether kiro-cli's usage limit ended an item (and so stopped the run that made it). */
export function hitUsageLimit(summary: BatchSummary): boolean {
  return summary.suites.some((s) => s.items.some((item) => item.outcome === 'usage_limited'));
}

/**
 * 0 when every item passed or was skipped for no failure; 10 when kiro-cli's usage limit ended an item (the run
 * stopped there); 1 for any other failure, error or fail-fast skip, and for a summary with no item at all (nothing
 * to report is not a success); 130/143 when interrupted.
 */
export function summaryExitCode(summary: BatchSummary): number {
  if (summary.interrupted === 'SIGTERM') return 143;
  if (summary.interrupted === 'SIGINT') return 130;
  if (hitUsageLimit(summary)) return EXIT_CODES.usage_limited;
  if (summary.totals.items === 0) return 1;
  return summary.suites.some((s) => s.items.some(failedItem)) ? 1 : 0;
}
