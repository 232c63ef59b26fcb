import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {PassThrough} from 'node:stream';

import {beforeEach, describe, expect, it} from 'vitest';

import {batchInput, type BatchFlags} from '../../src/cli/batch.js';
import {runBatchReportCommand} from '../../src/cli/batch-report.js';
import {plainProgress} from '../../src/cli/batch-progress.js';
import {resolveBatchOptions} from '../../src/lib/batch/options.js';
import {ReportBuilder} from '../../src/lib/batch/report-builder.js';
import type {BatchSummary} from '../../src/lib/batch/types.js';
import {UsageError} from '../../src/lib/errors.js';
import {captureStreams} from '../helpers/streams.js';
import {useTempHome} from '../helpers/temp-home.js';
import {attemptRecord} from '../helpers/records.js';

const home = useTempHome('kiro-x-cli-batch-');
let cwd = '';
let env: NodeJS.ProcessEnv = {};

beforeEach(() => {
  ({cwd, env} = home);
});

const options = (file: string, flags: BatchFlags, extra: NodeJS.ProcessEnv = {}) =>
  resolveBatchOptions(batchInput(file, flags, {env: {...env, ...extra}, cwd}));

async function usageError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(UsageError);
  return (error as Error).message;
}

const attempt = attemptRecord;

describe('batch flags → options', () => {
  it('hands the setting flags to the resolver and keeps the batch choices apart', () => {
    const flags = {model: 'm', format: 'jsonl', shard: '2/4', 'retry-failed': true, config: 'c.yaml'};
    const input = batchInput('-', flags, {env, cwd});
    expect(input).toMatchObject({
      file: '-',
      format: 'jsonl',
      shard: '2/4',
      retryFailed: true,
      configPath: 'c.yaml',
    });
    expect(input.flags).toMatchObject({model: 'm'});
  });

  it('resolves the format from the extension, the ledger next to the file, the defaults', async () => {
    const resolved = await options('evals/prompts.yml', {});
    expect(resolved).toMatchObject({
      file: 'evals/prompts.yml',
      format: 'yaml',
      baseDir: path.join(cwd, 'evals'),
      shard: undefined,
      selection: 'all',
      concurrency: 4,
      retries: 0,
      failFast: false,
      maxCredits: undefined,
      backoff: {baseMs: 1000, capMs: 60_000},
      ledger: path.join(cwd, 'evals', 'kiro-x-results.jsonl'),
      output: 'text',
      junitFile: undefined,
    });
    expect(resolved.base).toMatchObject({prompt: '', cliPath: 'kiro-cli', cwd});
  });

  it('reads the shard, the selection, --results, the environment and KIRO_X_RETRY_BASE_MS', async () => {
    const resolved = await options(
      '-',
      {format: 'txt', shard: '2/3', resume: true, results: 'out/r.jsonl', json: true},
      {KIRO_X_CONCURRENCY: '8', KIRO_X_RETRY_BASE_MS: '20'},
    );
    expect(resolved).toMatchObject({
      format: 'txt',
      baseDir: cwd,
      shard: {index: 2, count: 3},
      selection: 'resume',
      concurrency: 8,
      backoff: {baseMs: 20, capMs: 60_000},
      ledger: path.join(cwd, 'out', 'r.jsonl'),
      output: 'json',
    });
  });

  it('refuses stdin without --format, an unknown extension and a bad shard before anything runs', async () => {
    expect(await usageError(options('-', {}))).toBe(
      'Reading a batch from stdin needs --format txt|jsonl|json|yaml.',
    );
    expect(await usageError(options('p.csv', {}))).toContain('p.csv: unknown batch file extension');
    expect(await usageError(options('p.txt', {shard: '5/4'}))).toBe(
      '--shard: expected I/N with 1 ≤ I ≤ N (e.g. 2/4), got "5/4".',
    );
  });
});

describe('batch rendering', () => {
  it('plain progress: one numbered line per finished item, a note per retry', () => {
    const streams = captureStreams();
    const progress = plainProgress(streams.stdout, 2);
    const builder = new ReportBuilder();
    const retry = attempt('a', {status: 'error', outcome: 'timed_out', willRetry: true});
    builder.add(retry);
    progress.record(retry, builder.get('b.txt', 'a') as never);
    const done = attempt('a', {attempt: 2});
    builder.add(done);
    progress.record(done, builder.get('b.txt', 'a') as never);
    expect(streams.out()).toBe(
      '  a: attempt 1 ended timed_out; retrying\n[1/2] ✔ a  completed  2 attempts  0.12 credits  1s\n',
    );
  });

  it('batch report: the summary of a ledger as text, as JSON, and an empty ledger as an error', async () => {
    const ledger = path.join(cwd, 'r.jsonl');
    writeFileSync(ledger, `${JSON.stringify(attempt('a'))}\n`);
    const text = {...captureStreams(env), stdin: new PassThrough(), cwd};
    await expect(runBatchReportCommand([ledger], {}, text)).resolves.toBe(0);
    expect(text.out()).toMatch(/^1 item: 1 passed, 0 failed, 0 errors, 0 skipped \(.*\)\n$/);
    const json = {...captureStreams(env), stdin: new PassThrough(), cwd};
    await expect(runBatchReportCommand([ledger], {json: true}, json)).resolves.toBe(0);
    expect((JSON.parse(json.out()) as BatchSummary).totals).toMatchObject({items: 1, passed: 1});
    const empty = path.join(cwd, 'empty.jsonl');
    writeFileSync(empty, '');
    const none = {...captureStreams(env), stdin: new PassThrough(), cwd};
    await expect(runBatchReportCommand([empty], {}, none)).resolves.toBe(1);
    expect(none.err()).toBe(`error: nothing to report: the ledger holds no records (${empty})\n`);
  });
});
