import {closeSync, fdatasync, fstatSync, openSync, readSync, writeSync} from 'node:fs';
import path from 'node:path';

import {UsageError} from '../errors.js';
import {makeDirectories} from '../fs/make-dirs.js';
import {describePathError, fsReason} from '../fs/path-problem.js';
import type {LedgerRecord} from './types.js';

/** An append-only JSON Lines ledger; each append is written at once and durable when its promise resolves. */
export interface LedgerWriter {
  readonly path: string;
  /** The file ended in a torn line (left by a kill) that had to be closed before appending. */
  readonly repairedTornLine: boolean;
  /** Write the records now; the promise resolves once an `fdatasync` started after the write has finished. */
  append(records: readonly LedgerRecord[]): Promise<void>;
  /** Close the file after the syncs in flight. */
  close(): Promise<void>;
}

/** Whether the file's last byte is a newline (a SIGKILL mid-write can leave a torn last line). */
function endsWithNewline(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

const syncOnce = (fd: number): Promise<void> =>
  new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));

/**
 * Group commit: at most one `fdatasync` in flight and at most one queued behind it, which covers every write
 * made meanwhile. A synchronous fdatasync per record blocked the event loop ~3 ms each, about a fifth of the
 * main thread at 16 parallel turns; on the thread pool, sixteen finishing turns share one or two syncs.
 */
function groupSync(fd: number): () => Promise<void> {
  let inFlight: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const start = (): Promise<void> => {
    const sync = syncOnce(fd).finally(() => {
      if (inFlight === sync) inFlight = null;
    });
    inFlight = sync;
    return sync;
  };
  return () => {
    if (queued) return queued;
    if (!inFlight) return start();
    const next = inFlight
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return start();
      });
    queued = next;
    return next;
  };
}

/** A ledger write or sync that failed, said with the path and the system's reason in words. */
function ledgerFailure(file: string, error: unknown): Error {
  return new Error(
    `--results ${file} cannot be written: ${fsReason(error, file, 'write')}; results from here on are not in the ledger.`,
  );
}

/**
 * Open (or create) a ledger for appending. Records are single lines written with one synchronous `write`, so
 * a killed kiro-x (even SIGKILL) loses only the items still in flight; `fdatasync` then makes them survive a
 * power loss before the caller reports the item. A torn last line left by an earlier kill is closed with a
 * newline first, so the next record starts on a line of its own.
 */
export function openLedger(file: string): LedgerWriter {
  let fd: number;
  let repairedTornLine: boolean;
  try {
    makeDirectories(path.dirname(path.resolve(file)));
  } catch (error) {
    throw new UsageError(describePathError(`--results ${file}`, 'create', error, file));
  }
  try {
    fd = openSync(file, 'a+');
    repairedTornLine = !endsWithNewline(fd);
    if (repairedTornLine) writeSync(fd, '\n');
  } catch (error) {
    throw new UsageError(describePathError(`--results ${file}`, 'append', error, file));
  }
  const sync = groupSync(fd);
  let last: Promise<void> = Promise.resolve();
  let open = true;
  return {
    path: file,
    repairedTornLine,
    append(records) {
      if (!open || records.length === 0) return Promise.resolve();
      let lines = '';
      for (const record of records) lines += `${JSON.stringify(record)}\n`;
      try {
        writeSync(fd, lines);
      } catch (error) {
        // A full disk or a broken file: the caller stops the batch and still reports what finished.
        return Promise.reject(ledgerFailure(file, error));
      }
      last = sync().catch((error: unknown) => Promise.reject(ledgerFailure(file, error)));
      return last;
    },
    async close() {
      if (!open) return;
      open = false;
      await last.catch(() => undefined);
      closeSync(fd);
    },
  };
}
