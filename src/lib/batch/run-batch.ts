import {ask} from '../ask/ask.js';
import {checkCredential} from '../ask/credential.js';
import {kiroEnv} from '../ask/env.js';
import {openTurnRunner} from '../engine/index.js';
import type {AskOptions} from '../ask/options.js';
import {plural} from '../output/plural.js';
import type {AskResult} from '../ask/result.js';
import {checkExpectations} from './expectations.js';
import type {LedgerWriter} from './ledger-writer.js';
import {ReportBuilder, summarize} from './report-builder.js';
import {backoffDelay, DEFAULT_BACKOFF, isTransient, pause, type Backoff} from './retry-policy.js';
import {planItems, type Plan, type PlannedItem, type Selection} from './select-items.js';
import type {AttemptRecord, BatchItem, BatchSummary, ItemReport, SkipRecord} from './types.js';

/** Everything one batch run needs: plain data, so the library runs batches without the CLI. */
export interface RunBatchOptions {
  /** The items to consider (already sliced by `--shard`), in file order. */
  items: readonly BatchItem[];
  /** The batch file as the ledger names it (relative to the ledger's directory). */
  file: string;
  /** Batch defaults as the options of one turn (its prompt is ignored): the credential check runs with them. */
  base: AskOptions;
  /** The options of an item's turn (`itemAskOptions` over the batch's settings); plans the run when `plan` is not given. */
  itemOptions: (item: BatchItem) => Promise<AskOptions>;
  concurrency: number;
  retries: number;
  failFast: boolean;
  maxCredits?: number | undefined;
  backoff?: Backoff | undefined;
  ledger: LedgerWriter;
  /** Earlier records (from the ledger), needed by `resume` and `retry-failed`. */
  previous?: ReportBuilder | undefined;
  selection?: Selection | undefined;
  /** What to run, when the caller decided it already (`planItems` over the same items); else planned here. */
  plan?: Plan | undefined;
  runId: string;
  /** Abort with reason 'SIGINT' or 'SIGTERM': no new item starts, running turns end as `cancelled`. */
  signal?: AbortSignal | undefined;
  random?: (() => number) | undefined;
  onStart?: ((item: BatchItem, attempt: number) => void) | undefined;
  /** Called after each attempt is on disk, with the item's report so far. */
  onRecord?: ((record: AttemptRecord, report: ItemReport) => void) | undefined;
}

/** A finished run: the summary of its items and what `--resume`/`--retry-failed` left out. */
export interface BatchRun {
  summary: BatchSummary;
  /** Items not run because an earlier record made them unnecessary. */
  notSelected: number;
  /** Why the ledger stopped being written, when it did; the summary then holds more than the ledger. */
  ledgerError: string | null;
}

/** How the skip records of a batch stopped by a usage limit begin. */
const USAGE_LIMIT_STOP = "kiro-cli's usage limit was reached";

interface Stop {
  reason: string;
  causedByFailure: boolean;
}

/**
 * Run a batch: N turns at a time, retries with backoff, fail-fast and credit limits, each attempt on disk. A
 * usage limit stops scheduling like --fail-fast does, whatever the flags: unstarted items are recorded as skipped.
 */
export async function runBatch(options: RunBatchOptions): Promise<BatchRun> {
  const started = Date.now();
  const builder = options.previous ?? new ReportBuilder();
  const plan =
    options.plan ??
    (await planItems(options.items, options.itemOptions, options.file, builder, options.selection ?? 'all'));
  const signal = options.signal;
  let stop: Stop | null = null;
  // Once kiro-cli reports a usage limit, no further attempt can run: not even a retry of a running item.
  let limited = false;
  let credits = 0;
  let next = 0;
  const preflight = plan.run.length === 0 ? null : await credentialCheck(options.base, signal);
  const workers = Math.max(1, Math.min(options.concurrency, plan.run.length));
  // One runner for the whole batch: on ACP it keeps up to `workers` kiro-cli processes between items.
  const runner = openTurnRunner(options.base.engine ?? 'headless', workers);
  const syncing = new Set<Promise<void>>();
  let ledgerError: {error: unknown} | null = null;
  const track = (done: Promise<void>): void => {
    const settled = done.then(
      () => undefined,
      (error: unknown) => {
        ledgerError ??= {error};
      },
    );
    syncing.add(settled);
    void settled.then(() => syncing.delete(settled));
  };

  const attempt = async (
    {item, options: turn, promptHash}: PlannedItem,
    n: number,
  ): Promise<AttemptRecord> => {
    options.onStart?.(item, n);
    const startedAt = new Date().toISOString();
    const result: AskResult = preflight ?? (await ask({...turn, signal, runner}));
    const assertions = result.outcome === 'completed' ? checkExpectations(item.expect, result.text) : [];
    const status =
      result.outcome !== 'completed' ? 'error' : assertions.every((a) => a.passed) ? 'passed' : 'failed';
    const record: AttemptRecord = {
      recordType: 'attempt',
      runId: options.runId,
      file: options.file,
      id: item.id,
      attempt: n,
      promptHash,
      startedAt,
      finishedAt: new Date().toISOString(),
      status,
      willRetry:
        status === 'error' &&
        n <= options.retries &&
        isTransient(result) &&
        !signal?.aborted &&
        !preflight &&
        !limited,
      assertions,
      ...result,
    };
    if (result.outcome === 'usage_limited') limited = true;
    const durable = options.ledger.append([record]);
    builder.add(record);
    credits += result.credits ?? 0;
    if (options.maxCredits !== undefined && credits >= options.maxCredits && stop === null) {
      const spent = Math.round(credits * 1e6) / 1e6;
      stop = {
        reason: `--max-credits ${options.maxCredits} reached (${plural(spent, 'credit')})`,
        causedByFailure: false,
      };
    }
    const report = builder.get(options.file, item.id) as ItemReport;
    // The record is written already (a kill cannot lose it); the next item need not wait for the sync.
    track(durable.then(() => options.onRecord?.(record, report)));
    return record;
  };

  const runItem = async (planned: PlannedItem): Promise<void> => {
    const {item} = planned;
    for (let n = 1; ; n++) {
      const record = await attempt(planned, n);
      if (!record.willRetry) {
        // Every other item would meet the same limit: start none, let the running ones finish.
        if (record.outcome === 'usage_limited' && stop === null && !signal?.aborted) {
          stop = {reason: `${USAGE_LIMIT_STOP} (item ${item.id})`, causedByFailure: true};
        }
        if (record.status !== 'passed' && options.failFast && stop === null && !signal?.aborted) {
          stop = {
            reason: `--fail-fast: item ${item.id} did not pass (${record.outcome})`,
            causedByFailure: true,
          };
        }
        return;
      }
      await pause(backoffDelay(n, options.backoff ?? DEFAULT_BACKOFF, options.random), signal);
      if (signal?.aborted) return;
    }
  };

  const worker = async (): Promise<void> => {
    while (stop === null && ledgerError === null && !signal?.aborted && next < plan.run.length) {
      const entry = plan.run[next++];
      if (entry) await runItem(entry);
    }
  };
  try {
    await Promise.all(Array.from({length: workers}, worker));
  } finally {
    await runner.close();
  }
  await Promise.all(syncing);
  // A ledger that can no longer be written stops the batch like a failure; what finished is still summarised.
  const ledgerFailure = ledgerError === null ? null : errorMessage((ledgerError as {error: unknown}).error);

  const reason: Stop | null = signal?.aborted
    ? {reason: `interrupted by ${String(signal.reason)}`, causedByFailure: false}
    : ledgerFailure !== null
      ? {reason: 'the ledger could not be written', causedByFailure: true}
      : stop;
  const skipped = plan.run.slice(next).map(({item, promptHash}): SkipRecord => ({
    schemaVersion: 1,
    recordType: 'skip',
    runId: options.runId,
    file: options.file,
    id: item.id,
    promptHash,
    finishedAt: new Date().toISOString(),
    status: 'skipped',
    reason: reason?.reason ?? 'not run',
    causedByFailure: reason?.causedByFailure ?? false,
  }));
  if (ledgerFailure === null) await options.ledger.append(skipped).catch(() => undefined);
  for (const record of skipped) builder.add(record);

  const interrupted = signal?.aborted ? (signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT') : null;
  const items = options.items.map((item) => builder.get(options.file, item.id) ?? plan.placeholder(item));
  return {
    // This run's own time: after --resume the items' earliest start can be days old.
    summary: summarize([{file: options.file, items}], interrupted, Date.now() - started),
    notSelected: plan.notSelected,
    ledgerError: ledgerFailure,
  };
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Without KIRO_API_KEY, one bounded whoami for the whole batch; its failure becomes every item's result. */
async function credentialCheck(base: AskOptions, signal: AbortSignal | undefined): Promise<AskResult | null> {
  if (base.skipCredentialCheck) return null;
  return checkCredential({...base, signal}, kiroEnv(base.env));
}
