import {randomUUID} from 'node:crypto';
import {statSync} from 'node:fs';
import path from 'node:path';

import {assertLedger, exists, loadLedgers} from '../lib/batch/ledger-report.js';
import {openLedger} from '../lib/batch/ledger-writer.js';
import {batchFormat, parseBatch} from '../lib/batch/parse-batch.js';
import {ReportBuilder} from '../lib/batch/report-builder.js';
import {runBatch} from '../lib/batch/run-batch.js';
import {planItems, type Selection} from '../lib/batch/select-items.js';
import {parseShard, selectShard} from '../lib/batch/shard.js';
import {kiroEnv} from '../lib/ask/env.js';
import {DEFAULT_WHOAMI_TIMEOUT_MS} from '../lib/ask/options.js';
import {harnessArgs} from '../lib/engine/resolve-harness.js';
import {prepareOutputFile} from '../lib/fs/output-file.js';
import {readTextFile, readTextStream} from '../lib/fs/read-text.js';
import {checkTempDirectory} from '../lib/fs/temp-dir.js';
import {errorLabel, paint} from '../lib/output/terminal.js';
import {plural} from '../lib/output/plural.js';
import {askOptionsFromSettings} from '../lib/ask/from-settings.js';
import {batchProgress} from './batch-progress.js';
import {emitBatchReport, warnLedger} from './batch-report-output.js';
import {cliSettings} from './shared-flags.js';
import {trapSignals} from './signals.js';

/** What the `batch` command hands over: the file argument and raw flags. */
export interface BatchCommandInput {
  file: string;
  flags: Record<string, unknown>;
}

/** Default ledger name, next to the batch file. */
export const DEFAULT_LEDGER = 'kiro-x-results.jsonl';

function readBatchText(file: string): Promise<string> {
  if (file === '-') return readTextStream(process.stdin, 'The batch read from stdin');
  return readTextFile(file, `Batch file ${file}`);
}

/** Validate the batch, run it with its ledger, print the summary; returns the process exit code. */
export async function runBatchCommand(input: BatchCommandInput): Promise<number> {
  const {flags} = input;
  const cwd = process.cwd();
  const {settings} = await cliSettings(flags, cwd);
  // Checked before any turn spends credits, not when the report is written at the end.
  if (settings.junitFile !== undefined)
    prepareOutputFile(settings.junitFile, `--junit-file ${settings.junitFile}`);
  checkTempDirectory();
  const file = input.file;
  const format = batchFormat(file, flags.format as string | undefined);
  const baseDir = file === '-' ? cwd : path.dirname(path.resolve(file));
  const items = parseBatch(await readBatchText(file), {file, format, baseDir});
  const shard = typeof flags.shard === 'string' ? parseShard(flags.shard) : undefined;
  const selected = selectShard(items, shard);
  const selection: Selection = flags.resume ? 'resume' : flags['retry-failed'] ? 'retry-failed' : 'all';
  const base = await askOptionsFromSettings(settings, '', {});
  // A pinned harness this kiro-cli cannot honour stops the batch before any item runs (exit 2).
  await harnessArgs(base.harness, {
    cliPath: base.cliPath,
    cwd: base.cwd,
    env: kiroEnv(base.env),
    timeoutMs: base.whoamiTimeoutMs ?? DEFAULT_WHOAMI_TIMEOUT_MS,
  });

  const ledgerPath = settings.results ?? path.join(baseDir, DEFAULT_LEDGER);
  const fileKey = (
    file === '-' ? '-' : path.relative(path.dirname(path.resolve(ledgerPath)), path.resolve(file))
  )
    .split(path.sep)
    .join('/');
  const ledgerExists = await exists(ledgerPath);
  const ledgerIsFile = ledgerExists && statSync(ledgerPath).isFile();
  const previous =
    selection !== 'all' && ledgerExists ? await loadLedgers([ledgerPath], warnLedger) : new ReportBuilder();
  // A batch file given as --results by mistake must not get records appended to it.
  if (selection === 'all' && ledgerIsFile) await assertLedger(ledgerPath);
  const ledger = openLedger(ledgerPath);
  process.stderr.write(`results: ${ledgerPath}\n`);
  if (ledger.repairedTornLine)
    warnLedger({file: ledgerPath, line: 0, message: 'torn last line closed; ignored'});
  if (shard) {
    const of = `${selected.length} of ${plural(items.length, 'item')}`;
    process.stderr.write(`shard ${shard.index}/${shard.count}: ${of}\n`);
  }
  // Decided before anything runs, so the skipped count comes first and progress counts only what runs.
  const plan = planItems(selected, base, fileKey, previous, selection);
  if (selection === 'resume') {
    process.stderr.write(`--resume: skipped ${plural(plan.notSelected, 'item')} that already passed\n`);
  } else if (selection === 'retry-failed') {
    const skipped = plural(plan.notSelected, 'item');
    process.stderr.write(`--retry-failed: skipped ${skipped} whose latest record did not fail\n`);
  }

  const cancellation = trapSignals();
  const progress = await batchProgress(
    process.stderr,
    plan.run.map(({item}) => item.id),
  );
  let run;
  try {
    run = await runBatch({
      items: selected,
      file: fileKey,
      base,
      concurrency: settings.concurrency,
      retries: settings.retries,
      failFast: settings.failFast,
      maxCredits: settings.maxCredits,
      backoff: retryBackoff(),
      ledger,
      previous,
      plan,
      runId: randomUUID(),
      signal: cancellation.signal,
      onStart: (item, attempt) => progress.start(item, attempt),
      onRecord: (record, report) => progress.record(record, report),
    });
  } finally {
    await progress.stop();
    cancellation.dispose();
    await ledger.close();
  }
  const empty = shard
    ? `shard ${shard.index}/${shard.count} holds none of the ${plural(items.length, 'item')} of ${file}`
    : `${file} holds no items`;
  const code = await emitBatchReport(run.summary, settings.output, settings.junitFile, empty);
  if (run.ledgerError === null) return code;
  process.stderr.write(`${errorLabel(paint(process.stderr, process.env))} ${run.ledgerError}\n`);
  return code === 0 ? 1 : code;
}

/** `KIRO_X_RETRY_BASE_MS` shortens the backoff base (tests, fast-failing backends); the cap stays 60 s. */
function retryBackoff(): {baseMs: number; capMs: number} {
  const raw = process.env.KIRO_X_RETRY_BASE_MS;
  const baseMs = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : 1000;
  return {baseMs, capMs: 60_000};
}
