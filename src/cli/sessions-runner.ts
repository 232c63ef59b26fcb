import path from 'node:path';
import {createInterface} from 'node:readline/promises';
import {UsageError} from '../lib/errors.js';
import {plural} from '../lib/output/plural.js';
import {deleteSessions, keptResult} from '../lib/sessions/delete.js';
import {DEFAULT_LIST_TIMEOUT_MS, listSessions} from '../lib/sessions/list.js';
import {renderDeleteOutcomes, renderSessionShow, renderSessionsList} from '../lib/sessions/render-text.js';
import {showSession} from '../lib/sessions/show.js';
import type {SessionsOptions} from '../lib/sessions/types.js';
import {assertSessionId} from '../lib/sessions/ids.js';
import {cliSettings} from './shared-flags.js';
import {trapSignals} from './signals.js';

const OWN_FLAGS = new Set(['all', 'yes', 'thinking']);

/** kiro-cli, the cwd and the environment for a sessions command, from flags > env > .kirorc. */
async function sessionsOptions(
  flags: Record<string, unknown>,
  signal: AbortSignal,
): Promise<SessionsOptions> {
  const settingFlags = Object.fromEntries(Object.entries(flags).filter(([name]) => !OWN_FLAGS.has(name)));
  const {settings} = await cliSettings(settingFlags);
  return {
    cliPath: settings.cliPath,
    // The resolver has already checked that a given cwd is an existing directory.
    cwd: path.resolve(settings.cwd ?? process.cwd()),
    env: process.env,
    timeoutMs: DEFAULT_LIST_TIMEOUT_MS,
    signal,
  };
}

const print = (json: boolean, doc: unknown, text: () => string): void => {
  process.stdout.write(json ? `${JSON.stringify(doc, null, 2)}\n` : text());
};

// Relative times ("3 minutes ago") only for a person at a terminal; pipes get ISO times.
const timeStyle = (): {relative: boolean} => ({relative: process.stdout.isTTY === true});

/** `sessions list`: returns the exit code. */
export async function runSessionsList(flags: Record<string, unknown>): Promise<number> {
  const cancellation = trapSignals();
  try {
    const options = await sessionsOptions(flags, cancellation.signal);
    const result = await listSessions({...options, all: flags.all === true});
    print(flags.json === true, result, () => renderSessionsList(result, timeStyle()));
    return 0;
  } finally {
    cancellation.dispose();
  }
}

/** `sessions show ID`: returns the exit code. */
export async function runSessionsShow(id: string, flags: Record<string, unknown>): Promise<number> {
  assertSessionId(id, 'ID');
  // The store is read directly (kiro-cli has no command that prints a conversation): only KIRO_HOME matters.
  const result = await showSession(process.env, id, {thinking: flags.thinking === true});
  print(flags.json === true, result, () => renderSessionShow(result, timeStyle()));
  return 0;
}

async function confirm(ids: readonly string[]): Promise<boolean> {
  const rl = createInterface({input: process.stdin, output: process.stderr});
  try {
    const answer = await rl.question(`Delete ${plural(ids.length, 'session')}: ${ids.join(', ')}? [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** `sessions delete ID…`: every id checked first, a TTY asked unless --yes; returns the exit code. */
export async function runSessionsDelete(
  ids: readonly string[],
  flags: Record<string, unknown>,
): Promise<number> {
  if (ids.length === 0) throw new UsageError('sessions delete needs at least one session ID.');
  for (const id of ids) assertSessionId(id, 'ID');
  const unique = [...new Set(ids)];
  if (flags.yes !== true) {
    if (!process.stdin.isTTY) {
      throw new UsageError('Refusing to delete sessions without --yes: stdin is not a terminal to ask on.', [
        'Add --yes to delete without asking.',
      ]);
    }
    // Declining is not an error, but nothing the command line asked for happened: exit 1, like a delete that
    // found nothing, so `kiro-x sessions delete ID && …` never goes on as if ID were gone.
    if (!(await confirm(unique))) {
      if (flags.json === true) print(true, keptResult(unique), () => '');
      process.stderr.write('Nothing deleted.\n');
      return 1;
    }
  }
  const cancellation = trapSignals();
  try {
    const options = await sessionsOptions(flags, cancellation.signal);
    const result = await deleteSessions(options, unique);
    print(flags.json === true, result, () => renderDeleteOutcomes(result.results));
    return result.ok ? 0 : 1;
  } finally {
    cancellation.dispose();
  }
}
