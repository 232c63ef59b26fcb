import {closeSync, fdatasyncSync, fstatSync, mkdirSync, openSync, readSync, writeSync} from 'node:fs';
import path from 'node:path';

import {UsageError} from '../errors.js';
import type {LedgerRecord} from './types.js';

/** An append-only JSON Lines ledger; each append reaches the disk before it returns. */
export interface LedgerWriter {
  readonly path: string;
  /** The file ended in a torn line (left by a kill) that had to be closed before appending. */
  readonly repairedTornLine: boolean;
  append(records: readonly LedgerRecord[]): void;
  close(): void;
}

/** Whether the file's last byte is a newline (a SIGKILL mid-write can leave a torn last line). */
function endsWithNewline(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

/**
 * Open (or create) a ledger for appending. Records are single lines written with one `write` and made durable
 * with `fdatasync`, so a killed kiro-x loses only the items still in flight. A torn last line left by an
 * earlier kill is closed with a newline first, so the next record starts on a line of its own.
 */
export function openLedger(file: string): LedgerWriter {
  let fd: number;
  let repairedTornLine: boolean;
  try {
    mkdirSync(path.dirname(path.resolve(file)), {recursive: true});
    fd = openSync(file, 'a+');
    repairedTornLine = !endsWithNewline(fd);
    if (repairedTornLine) writeSync(fd, '\n');
  } catch (error) {
    throw new UsageError(
      `--results ${file} cannot be opened for appending: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
  let open = true;
  return {
    path: file,
    repairedTornLine,
    append(records) {
      if (!open || records.length === 0) return;
      writeSync(fd, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
      fdatasyncSync(fd);
    },
    close() {
      if (!open) return;
      open = false;
      closeSync(fd);
    },
  };
}
