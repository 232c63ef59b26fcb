import {UsageError} from '../errors.js';
import {plural} from '../output/plural.js';
import {jsonDocument} from '../output/report-destination.js';
import type {InterruptSource, Streams} from '../output/streams.js';
import {deleteSessions, keptResult} from './delete.js';
import {assertSessionId} from './ids.js';
import {listSessions} from './list.js';
import type {SessionShowOptions, SessionsDeleteOptions, SessionsListOptions} from './options.js';
import {renderDeleteOutcomes, renderSessionShow, renderSessionsList, type TimeStyle} from './render-text.js';
import {showSession} from './show.js';

/** Where the sessions commands write, how they are interrupted, and how `delete` asks (absent: nobody to ask). */
export interface SessionsIo extends Streams {
  interrupts?: InterruptSource | undefined;
  confirm?: ((question: string) => Promise<boolean>) | undefined;
}

function print(io: Streams, json: boolean, doc: unknown, text: () => string): void {
  io.stdout.write(json ? jsonDocument(doc) : text());
}

// Relative times ("3 minutes ago") only for a person at a terminal; pipes get ISO times.
const timeStyle = (io: Streams): TimeStyle => ({relative: io.stdout.isTTY === true});

/** Runs `work` with the front end's interrupts wired to kiro-cli's bound calls. */
async function interruptible<T>(io: SessionsIo, work: (signal?: AbortSignal) => Promise<T>): Promise<T> {
  const interrupts = io.interrupts?.();
  try {
    return await work(interrupts?.signal);
  } finally {
    interrupts?.dispose();
  }
}

/** `sessions list`: prints the listing; returns the exit code. */
export async function runSessionsList(options: SessionsListOptions, io: SessionsIo): Promise<number> {
  const result = await interruptible(io, (signal) => listSessions({...options, signal}));
  print(io, options.json, result, () => renderSessionsList(result, timeStyle(io)));
  return 0;
}

/** `sessions show ID`: prints one conversation; returns the exit code. */
export async function runSessionShow(options: SessionShowOptions, io: Streams): Promise<number> {
  assertSessionId(options.id, 'ID');
  const result = await showSession(options.env, options.id, {thinking: options.thinking});
  print(io, options.json, result, () => renderSessionShow(result, timeStyle(io)));
  return 0;
}

/** `sessions delete ID…`: asks first unless `yes` (and refuses when nobody can be asked); returns the exit code. */
export async function runSessionsDelete(options: SessionsDeleteOptions, io: SessionsIo): Promise<number> {
  const {ids} = options;
  if (!options.yes) {
    if (io.confirm === undefined) {
      throw new UsageError('Refusing to delete sessions without --yes: stdin is not a terminal to ask on.', [
        'Add --yes to delete without asking.',
      ]);
    }
    // Declining is not an error, but nothing the command line asked for happened: exit 1, like a delete that
    // found nothing, so `kiro-x sessions delete ID && …` never goes on as if ID were gone.
    if (!(await io.confirm(`Delete ${plural(ids.length, 'session')}: ${ids.join(', ')}? [y/N] `))) {
      if (options.json) print(io, true, keptResult(ids), () => '');
      io.stderr.write('Nothing deleted.\n');
      return 1;
    }
  }
  const result = await interruptible(io, (signal) => deleteSessions({...options, signal}, ids));
  print(io, options.json, result, () => renderDeleteOutcomes(result.results));
  return result.ok ? 0 : 1;
}
