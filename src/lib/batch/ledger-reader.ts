import {createReadStream} from 'node:fs';

import type {LedgerRecord} from './types.js';

/** A line of a ledger that was not a record, with why. */
export interface LedgerProblem {
  file: string;
  line: number;
  message: string;
}

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

/**
 * Stream the records of a ledger, oldest first, without holding the file in memory. Lines that are not
 * records go to `onProblem`: a last line without its newline is a record torn by a kill and is ignored.
 */
export async function* readLedger(
  file: string,
  onProblem: (problem: LedgerProblem) => void,
): AsyncGenerator<LedgerRecord> {
  let rest = '';
  let line = 0;
  const parse = (text: string, torn: boolean): LedgerRecord | null => {
    line++;
    if (text.trim() === '') return null;
    try {
      const value = JSON.parse(text) as unknown;
      if (isRecord(value)) return value;
      onProblem({file, line, message: 'not a kiro-x batch record; ignored'});
    } catch {
      const message = torn
        ? 'torn last line (kiro-x was killed while writing it); ignored'
        : 'not valid JSON; ignored';
      onProblem({file, line, message});
    }
    return null;
  };
  for await (const chunk of createReadStream(file, {encoding: 'utf8'})) {
    const lines = (rest + (chunk as string)).split('\n');
    rest = lines.pop() ?? '';
    for (const text of lines) {
      const record = parse(text, false);
      if (record) yield record;
    }
  }
  if (rest !== '') {
    const record = parse(rest, true);
    if (record) yield record;
  }
}
