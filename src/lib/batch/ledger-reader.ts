import {createReadStream, statSync} from 'node:fs';

import {UsageError} from '../errors.js';
import {describePathError} from '../fs/path-problem.js';
import type {LedgerRecord} from './types.js';

/** A line of a ledger that was not a record, with why. */
export interface LedgerProblem {
  file: string;
  line: number;
  message: string;
}

/** Lines that are not records, before any record, after which a file is taken not to be a ledger at all. */
const MAX_LEADING_PROBLEMS = 20;

const TORN = 'torn last line (kiro-x was killed while writing it); ignored';

function isRecord(value: unknown): value is LedgerRecord {
  const v = value as Partial<LedgerRecord> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    (v.recordType === 'attempt' || v.recordType === 'skip') &&
    typeof v.id === 'string' &&
    typeof v.file === 'string' &&
    typeof v.runId === 'string'
  );
}

/** A file with lines but no record: a batch file, a report, anything but a ledger. Exit 2. */
function notALedger(problem: LedgerProblem): UsageError {
  const why = problem.message.replace(/; ignored$/, '');
  return new UsageError(`${problem.file}:${problem.line}: not a kiro-x ledger: this line is ${why}.`, [
    'name a ledger kiro-x batch wrote (--results; default kiro-x-results.jsonl next to the batch file), not a batch file',
  ]);
}

/**
 * Stream the records of a ledger, oldest first, without holding the file in memory. Lines that are not
 * records go to `onProblem`: a last line without its newline is a record torn by a kill and is ignored. A file
 * whose lines hold no record at all is not a ledger: that is a UsageError naming its first bad line, and so is a
 * file that cannot be read. Problems before the first record are reported only once a record shows the file is
 * a ledger.
 */
export async function* readLedger(
  file: string,
  onProblem: (problem: LedgerProblem) => void,
): AsyncGenerator<LedgerRecord> {
  let rest = '';
  let line = 0;
  let leading: LedgerProblem[] | null = [];
  const problem = (found: LedgerProblem): void => {
    if (leading === null) return onProblem(found);
    leading.push(found);
    if (leading.length >= MAX_LEADING_PROBLEMS) throw notALedger(leading[0] as LedgerProblem);
  };
  const parse = (text: string, torn: boolean): LedgerRecord | null => {
    line++;
    if (text.trim() === '') return null;
    try {
      const value = JSON.parse(text) as unknown;
      if (isRecord(value)) {
        if (leading !== null) leading.forEach(onProblem);
        leading = null;
        return value;
      }
      problem({file, line, message: 'not a kiro-x batch record; ignored'});
    } catch {
      const message = torn ? TORN : 'not valid JSON; ignored';
      problem({file, line, message});
    }
    return null;
  };
  // A device never ends (/dev/zero, /dev/full) or is no ledger (a terminal); pipes and files are read.
  const kind = statSync(file, {throwIfNoEntry: false});
  if (kind?.isCharacterDevice() || kind?.isBlockDevice() || kind?.isSocket()) {
    throw new UsageError(`Ledger ${file} cannot be read: it is a device, not a file.`);
  }
  try {
    for await (const chunk of createReadStream(file, {encoding: 'utf8'})) {
      const lines = (rest + (chunk as string)).split('\n');
      rest = lines.pop() ?? '';
      for (const text of lines) {
        const record = parse(text, false);
        if (record) yield record;
      }
    }
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code === undefined) throw error;
    throw new UsageError(describePathError(`Ledger ${file}`, 'read', error, file));
  }
  if (rest !== '') {
    const record = parse(rest, true);
    if (record) yield record;
  }
  const first = leading?.[0];
  // A lone torn line is a ledger whose first record was cut by a kill: empty, not foreign.
  if (first !== undefined && first.message === TORN) onProblem(first);
  else if (first !== undefined) throw notALedger(first);
}
