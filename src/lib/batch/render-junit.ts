import path from 'node:path';

import {renderJunit, type JunitCase, type JunitResult, type JunitSuite} from '../output/junit.js';
import type {BatchSummary, ItemReport, SuiteReport} from './types.js';

/** The classname of a batch file's cases: its file name without the extension (`prompts` for `ci/prompts.yaml`). */
export function classnameOf(file: string): string {
  if (file === '-') return 'stdin';
  return path.basename(file, path.extname(file)) || file;
}

function resultOf(item: ItemReport): JunitResult {
  switch (item.status) {
    case 'passed':
      return {kind: 'pass'};
    case 'skipped':
      return {kind: 'skipped', message: item.skipReason ?? 'not run'};
    case 'failed': {
      const failed = item.assertions.filter((a) => !a.passed).map((a) => a.message);
      return {kind: 'failure', type: 'assertion', message: failed.join('; '), details: failed.join('\n')};
    }
    case 'error': {
      const error: JunitResult = {kind: 'error', type: item.outcome ?? 'error', message: item.message};
      return item.stderrTail === '' ? error : {...error, details: item.stderrTail};
    }
  }
}

function caseOf(item: ItemReport, classname: string): JunitCase {
  const facts: Record<string, string> = {outcome: item.outcome ?? 'skipped', attempts: String(item.attempts)};
  if (item.credits !== null) facts.credits = String(item.credits);
  facts.durationMs = String(item.durationMs);
  facts.runId = item.runId;
  const testcase: JunitCase = {
    name: item.id,
    classname,
    timeMs: item.durationMs,
    result: resultOf(item),
    properties: facts,
  };
  if (item.text !== '') testcase.systemOut = item.text;
  return testcase;
}

function suiteOf(suite: SuiteReport, summary: BatchSummary): JunitSuite {
  const classname = classnameOf(suite.file);
  const credits = suite.items.reduce((sum, item) => sum + (item.credits ?? 0), 0);
  const properties: Record<string, string> = {
    credits: String(Math.round(credits * 1e6) / 1e6),
    runIds: [...new Set(suite.items.map((item) => item.runId))].join(' '),
  };
  if (summary.interrupted !== null) properties.interrupted = summary.interrupted;
  const junit: JunitSuite = {
    name: suite.file === '-' ? 'stdin' : suite.file,
    properties,
    cases: suite.items.map((item) => caseOf(item, classname)),
  };
  // The XSD wants a timestamp without a zone, as Surefire writes it.
  if (summary.startedAt !== null) junit.timestamp = summary.startedAt.replace(/\.\d+Z$|Z$/, '');
  return junit;
}

/**
 * A batch summary as JUnit: a testsuite per batch file, a testcase per item (name = id). A summary without items
 * gets one errored testcase saying why (`empty`), so CI shows a failure instead of "no test results".
 */
export function renderBatchJunit(summary: BatchSummary, empty = 'nothing to report: no items'): string {
  if (summary.totals.items === 0) {
    const testcase: JunitCase = {
      name: 'kiro-x batch',
      classname: 'kiro-x.batch',
      timeMs: 0,
      result: {kind: 'error', type: 'empty', message: empty},
    };
    return renderJunit([{name: 'kiro-x batch', cases: [testcase]}], {name: 'kiro-x batch'});
  }
  return renderJunit(
    summary.suites.map((suite) => suiteOf(suite, summary)),
    {name: 'kiro-x batch'},
  );
}
