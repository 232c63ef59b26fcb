import {appendFileSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {readLedger, type LedgerProblem} from '../../src/lib/batch/ledger-reader.js';
import {openLedger} from '../../src/lib/batch/ledger-writer.js';
import {reportFromLedgers} from '../../src/lib/batch/ledger-report.js';
import {renderBatchJunit} from '../../src/lib/batch/render-junit.js';
import {summarize, summaryExitCode} from '../../src/lib/batch/report-builder.js';
import {renderBatchText} from '../../src/lib/batch/render-text.js';
import type {SkipRecord} from '../../src/lib/batch/types.js';
import {UsageError} from '../../src/lib/errors.js';
import {attemptRecord} from '../helpers/records.js';
import {validateJunit} from '../helpers/validate.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kiro-x-ledger-'));

const attempt = attemptRecord;

const skip = (id: string, causedByFailure: boolean): SkipRecord => ({
  schemaVersion: 1,
  recordType: 'skip',
  runId: 'run-1',
  file: 'b.txt',
  id,
  promptHash: `sha256:${id}`,
  finishedAt: '2025-01-01T00:00:05.000Z',
  status: 'skipped',
  reason: '--fail-fast: item b did not pass (timed_out)',
  causedByFailure,
});

async function collect(file: string): Promise<{ids: string[]; problems: LedgerProblem[]}> {
  const problems: LedgerProblem[] = [];
  const ids: string[] = [];
  for await (const record of readLedger(file, (p) => problems.push(p))) ids.push(record.id);
  return {ids, problems};
}

describe('ledger', () => {
  it('appends one line per record and ignores a torn last line with a warning', async () => {
    const file = path.join(dir, 'torn.jsonl');
    const ledger = openLedger(file);
    await ledger.append([attempt('a'), attempt('b')]);
    await ledger.close();
    appendFileSync(file, '{"recordType":"attempt","id":"c","fi');
    expect(await collect(file)).toEqual({
      ids: ['a', 'b'],
      problems: [{file, line: 3, message: 'torn last line (kiro-x was killed while writing it); ignored'}],
    });
    const again = openLedger(file);
    expect(again.repairedTornLine).toBe(true);
    await again.append([attempt('d')]);
    await again.close();
    expect(readFileSync(file, 'utf8').split('\n').length).toBe(5);
    expect((await collect(file)).ids).toEqual(['a', 'b', 'd']);
  });

  it('rebuilds a summary from several ledgers: latest record per item, credits summed per run', async () => {
    const one = path.join(dir, 'one.jsonl');
    const two = path.join(dir, 'two.jsonl');
    writeFileSync(
      one,
      [
        attempt('a', {status: 'error', outcome: 'timed_out', ok: false, credits: 0.5, willRetry: true}),
        attempt('a', {attempt: 2, credits: 0.25, finishedAt: '2025-01-01T00:00:03.000Z'}),
        attempt('b', {
          status: 'failed',
          assertions: [
            {kind: 'contains', passed: false, message: 'expected the answer to contain "x", got "y"'},
          ],
        }),
      ]
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n',
    );
    writeFileSync(two, `${JSON.stringify(skip('c', true))}\n`);
    const summary = await reportFromLedgers([one, two], () => {});
    expect(summary.totals).toEqual({
      items: 3,
      passed: 1,
      failed: 1,
      errors: 0,
      skipped: 1,
      attempts: 3,
      credits: 0.81,
    });
    expect(summary.suites[0]?.items.map((i) => [i.id, i.status, i.attempts, i.credits])).toEqual([
      ['a', 'passed', 2, 0.75],
      ['b', 'failed', 1, 0.06],
      ['c', 'skipped', 0, null],
    ]);
    expect(summaryExitCode(summary)).toBe(1);
    const xml = renderBatchJunit(summary);
    expect(await validateJunit(xml)).toEqual({valid: true, errors: []});
    expect(xml).toContain(
      '<failure message="expected the answer to contain &quot;x&quot;, got &quot;y&quot;" type="assertion">',
    );
    expect(xml).toContain('<skipped message="--fail-fast: item b did not pass (timed_out)"/>');
  });

  it('a usage limit: exit 10 (interruption still wins), the text summary says why, JUnit types the error', async () => {
    const file = path.join(dir, 'limit.jsonl');
    const limited = attempt('b', {
      status: 'error',
      outcome: 'usage_limited',
      ok: false,
      credits: null,
      message:
        "kiro-cli's usage limit is reached (Monthly request limit reached); the limits reset on 10/01, so retrying sooner will not help.",
    });
    const skipped = {...skip('c', true), reason: "kiro-cli's usage limit was reached (item b)"};
    writeFileSync(file, [attempt('a'), limited, skipped].map((r) => `${JSON.stringify(r)}\n`).join(''));
    const summary = await reportFromLedgers([file], () => {});
    expect(summaryExitCode(summary)).toBe(10);
    expect(summaryExitCode({...summary, interrupted: 'SIGINT'})).toBe(130);
    expect(renderBatchText(summary)).toBe(
      [
        'b.txt:',
        "  ✖ b  usage_limited  1s  kiro-cli's usage limit is reached (Monthly request limit reached); the limits reset on 10/01, so retrying sooner will not help.",
        "  - c  skipped  kiro-cli's usage limit was reached (item b)",
        "3 items: 1 passed, 0 failed, 1 error, 1 skipped (0.06 credits, 5s); stopped: kiro-cli's usage limit was reached",
        '',
      ].join('\n'),
    );
    const xml = renderBatchJunit(summary);
    expect(await validateJunit(xml)).toEqual({valid: true, errors: []});
    expect(xml).toContain('type="usage_limited"');
    expect(summaryExitCode(summarize(summary.suites.map((s) => ({...s, items: s.items.slice(0, 1)}))))).toBe(
      0,
    );
  });
});

describe('what is not a ledger', () => {
  it.each([
    ['a batch file', '{"prompt": "hi"}\n', 1, 'not a kiro-x batch record'],
    ['text after blank lines', '\n\nhello\n', 3, 'not valid JSON'],
  ])('%s is a usage error naming the file and the first line', async (_name, content, line, why) => {
    const file = path.join(dir, `foreign-${line}.jsonl`);
    writeFileSync(file, content);
    const problems: LedgerProblem[] = [];
    await expect(collect(file)).rejects.toThrow(`${file}:${line}: not a kiro-x ledger: this line is ${why}.`);
    await expect(reportFromLedgers([file], (p) => problems.push(p))).rejects.toBeInstanceOf(UsageError);
    expect(problems).toEqual([]);
  });

  it('a ledger whose only line was torn by a kill is empty, not foreign', async () => {
    const file = path.join(dir, 'only-torn.jsonl');
    writeFileSync(file, '{"recordType":"attempt","id":"a","fi');
    expect(await collect(file)).toEqual({
      ids: [],
      problems: [{file, line: 1, message: 'torn last line (kiro-x was killed while writing it); ignored'}],
    });
  });

  it('bad lines before the first record are warnings once a record shows it is a ledger', async () => {
    const file = path.join(dir, 'late.jsonl');
    writeFileSync(file, `garbage\n${JSON.stringify(attempt('a'))}\n`);
    expect(await collect(file)).toEqual({
      ids: ['a'],
      problems: [{file, line: 1, message: 'not valid JSON; ignored'}],
    });
  });

  it('an empty summary fails: exit 1, ok false, and a JUnit error saying why', async () => {
    const file = path.join(dir, 'empty.jsonl');
    writeFileSync(file, '');
    const summary = await reportFromLedgers([file], () => {});
    expect([summary.ok, summary.totals.items, summaryExitCode(summary)]).toEqual([false, 0, 1]);
    const xml = renderBatchJunit(summary, 'nothing to report: the ledger holds no records (empty.jsonl)');
    expect(await validateJunit(xml)).toEqual({valid: true, errors: []});
    expect(xml).toContain(
      '<error message="nothing to report: the ledger holds no records (empty.jsonl)" type="empty"/>',
    );
  });
});
