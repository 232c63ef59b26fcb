import {randomUUID} from 'node:crypto';

import {kiroEnv} from '../ask/env.js';
import {DEFAULT_WHOAMI_TIMEOUT_MS, type AskOptions} from '../ask/options.js';
import {harnessArgs} from '../engine/resolve-harness.js';
import {prepareOutputFile} from '../fs/output-file.js';
import {readTextFile, readTextStream} from '../fs/read-text.js';
import {checkTempDirectory} from '../fs/temp-dir.js';
import {plural} from '../output/plural.js';
import type {InterruptSource, Streams} from '../output/streams.js';
import {errorLabel, paint} from '../output/terminal.js';
import {openBatchLedger} from './batch-ledger.js';
import {SILENT_PROGRESS, type BatchProgressFactory} from './batch-progress.js';
import {itemAskOptions} from './item-options.js';
import type {BatchOptions} from './options.js';
import {parseBatch} from './parse-batch.js';
import {writeBatchReport} from './report-output.js';
import {runBatch, type BatchRun} from './run-batch.js';
import {planItems, type Selection} from './select-items.js';
import {selectShard} from './shard.js';
import type {BatchItem} from './types.js';

/** Where a batch reads (`-` is stdin) and writes, how it is interrupted, and how its progress is shown. */
export interface BatchIo extends Streams {
  stdin: NodeJS.ReadableStream;
  interrupts?: InterruptSource | undefined;
  progress?: BatchProgressFactory | undefined;
}

function readBatchText(file: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (file === '-') return readTextStream(stdin, 'The batch read from stdin');
  return readTextFile(file, `Batch file ${file}`);
}

function noteSelection(selection: Selection, notSelected: number, io: Streams): void {
  const skipped = plural(notSelected, 'item');
  if (selection === 'resume') io.stderr.write(`--resume: skipped ${skipped} that already passed\n`);
  if (selection === 'retry-failed') {
    io.stderr.write(`--retry-failed: skipped ${skipped} whose latest record did not fail\n`);
  }
}

/** Validate the batch, run it with its ledger, deliver the summary; returns the exit code. */
export async function runBatchFile(options: BatchOptions, io: BatchIo): Promise<number> {
  const {file, shard, base} = options;
  // Checked before any turn spends credits, not when the report is written at the end.
  if (options.junitFile !== undefined)
    prepareOutputFile(options.junitFile, `--junit-file ${options.junitFile}`);
  checkTempDirectory();
  const source = {file, format: options.format, baseDir: options.baseDir};
  const items = parseBatch(await readBatchText(file, io.stdin), source);
  const selected = selectShard(items, shard);
  // A pinned harness this kiro-cli cannot honour stops the batch before any item runs (exit 2).
  await harnessArgs(base.harness, {
    cliPath: base.cliPath,
    cwd: base.cwd,
    env: kiroEnv(base.env),
    timeoutMs: base.whoamiTimeoutMs ?? DEFAULT_WHOAMI_TIMEOUT_MS,
  });
  const ledger = await openBatchLedger(options, io);
  if (shard)
    io.stderr.write(
      `shard ${shard.index}/${shard.count}: ${selected.length} of ${plural(items.length, 'item')}\n`,
    );
  // Decided before anything runs, so the skipped count comes first and progress counts only what runs.
  const itemOptions = (item: BatchItem): Promise<AskOptions> => itemAskOptions(item, options.settings, base);
  const plan = await planItems(selected, itemOptions, ledger.fileKey, ledger.previous, options.selection);
  noteSelection(options.selection, plan.notSelected, io);

  const interrupts = io.interrupts?.();
  const progress = (await io.progress?.(plan.run.map(({item}) => item.id))) ?? SILENT_PROGRESS;
  let run: BatchRun;
  try {
    run = await runBatch({
      items: selected,
      file: ledger.fileKey,
      base,
      itemOptions,
      concurrency: options.concurrency,
      retries: options.retries,
      failFast: options.failFast,
      maxCredits: options.maxCredits,
      backoff: options.backoff,
      ledger: ledger.writer,
      previous: ledger.previous,
      plan,
      runId: randomUUID(),
      signal: interrupts?.signal,
      onStart: (item, attempt) => progress.start(item, attempt),
      onRecord: (record, report) => progress.record(record, report),
    });
  } finally {
    await progress.stop();
    interrupts?.dispose();
    await ledger.writer.close();
  }
  const empty = shard
    ? `shard ${shard.index}/${shard.count} holds none of the ${plural(items.length, 'item')} of ${file}`
    : `${file} holds no items`;
  const code = await writeBatchReport(run.summary, empty, {
    ...io,
    output: options.output,
    junitFile: options.junitFile,
  });
  if (run.ledgerError === null) return code;
  io.stderr.write(`${errorLabel(paint(io.stderr, io.env))} ${run.ledgerError}\n`);
  return code === 0 ? 1 : code;
}
