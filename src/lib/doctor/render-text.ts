import type {ChalkInstance} from 'chalk';
import {MARKS} from '../output/marks.js';
import {plural} from '../output/plural.js';
import type {CheckStatus, DoctorResult} from './types.js';

const SYMBOLS: Record<CheckStatus, string> = {
  pass: MARKS.passed,
  warn: MARKS.warning,
  fail: MARKS.failed,
  skip: MARKS.skipped,
};

/** The report for people: one line per check, the fix indented below anything not passing, then a verdict. */
export function renderDoctorText(result: DoctorResult, chalk: ChalkInstance): string {
  const colour: Record<CheckStatus, (s: string) => string> = {
    pass: chalk.green,
    warn: chalk.yellow,
    fail: chalk.red,
    skip: chalk.dim,
  };
  const width = Math.max(...result.checks.map((c) => c.id.length), 0);
  const lines = result.checks.flatMap((check) => {
    const head = `${colour[check.status](SYMBOLS[check.status])} ${check.id.padEnd(width)}  ${check.message}`;
    return check.fix === null || check.status === 'pass'
      ? [head]
      : [head, `  ${' '.repeat(width)}  fix: ${check.fix}`];
  });
  const {pass, warn, fail, skip} = result.summary;
  const counts = `${pass} passed, ${plural(warn, 'warning')}, ${fail} failed${skip ? `, ${skip} skipped` : ''}`;
  const verdict = result.ok
    ? chalk.green(`kiro-x is ready (${counts}).`)
    : chalk.red(
        `kiro-x is not ready (${counts}${result.strict && warn > 0 ? '; --strict: warnings fail' : ''}).`,
      );
  return `${lines.join('\n')}\n\n${verdict}\n`;
}
