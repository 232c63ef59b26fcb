import {formatDuration} from '../duration.js';
import {MARKS} from '../output/marks.js';
import {plural} from '../output/plural.js';
import {oneLine} from '../output/shorten.js';
import {hitUsageLimit} from './report-builder.js';
import type {BatchSummary, ItemReport} from './types.js';

/** An item's mark: an error (the turn did not complete) fails like an assertion does. */
export const ITEM_MARKS: Readonly<Record<ItemReport['status'], string>> = {
  passed: MARKS.passed,
  failed: MARKS.failed,
  error: MARKS.failed,
  skipped: MARKS.skipped,
};

/** One line per item for people: mark, id, outcome, attempts, credits, time, and why it did not pass. */
export function itemLine(item: ItemReport): string {
  const parts = [`${ITEM_MARKS[item.status]} ${item.id}`, item.outcome ?? 'skipped'];
  if (item.attempts > 1) parts.push(plural(item.attempts, 'attempt'));
  if (item.credits !== null) parts.push(plural(item.credits, 'credit'));
  if (item.status !== 'skipped') parts.push(formatDuration(item.durationMs));
  const line = parts.join('  ');
  if (item.status === 'failed') {
    const failed = item.assertions.filter((a) => !a.passed).map((a) => a.message);
    return `${line}  ${oneLine(failed.join('; '), 200)}`;
  }
  if (item.status === 'error' || item.status === 'skipped') return `${line}  ${oneLine(item.message, 200)}`;
  return line;
}

/** The text summary: items that did not pass, then the totals line. */
export function renderBatchText(summary: BatchSummary): string {
  const lines: string[] = [];
  for (const suite of summary.suites) {
    const bad = suite.items.filter((item) => item.status !== 'passed');
    if (bad.length === 0) continue;
    lines.push(`${suite.file === '-' ? 'stdin' : suite.file}:`);
    for (const item of bad) lines.push(`  ${itemLine(item)}`);
  }
  const t = summary.totals;
  const counts = `${plural(t.items, 'item')}: ${t.passed} passed, ${t.failed} failed, ${plural(t.errors, 'error')}, ${t.skipped} skipped`;
  const extra = `${plural(t.credits, 'credit')}, ${formatDuration(summary.durationMs)}`;
  const why = summary.interrupted
    ? `; interrupted by ${summary.interrupted}`
    : hitUsageLimit(summary)
      ? "; stopped: kiro-cli's usage limit was reached"
      : '';
  lines.push(`${counts} (${extra})${why}`);
  return `${lines.join('\n')}\n`;
}
