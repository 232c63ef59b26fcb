import {createInterface} from 'node:readline/promises';

import type {ResolveInput} from '../lib/config/resolve.js';
import {
  deleteIds,
  resolveSessionsOptions,
  type SessionShowOptions,
  type SessionsDeleteOptions,
  type SessionsListOptions,
} from '../lib/sessions/options.js';
import {runSessionShow, runSessionsDelete, runSessionsList} from '../lib/sessions/run-sessions.js';
import {processIo, type CommandIo} from './command-io.js';
import {givenFlags} from './shared-flags.js';
import {trapSignals} from './signals.js';

/** The flags of the `sessions` commands as oclif parses them; `cli-path` and `cwd` pass through by name. */
export interface SessionsFlags extends Record<string, unknown> {
  config?: string | undefined;
  json?: boolean | undefined;
  all?: boolean | undefined;
  yes?: boolean | undefined;
  thinking?: boolean | undefined;
}

type Env = Pick<CommandIo, 'env' | 'cwd'>;

function reachInput(flags: SessionsFlags, io: Env): ResolveInput {
  return {flags: givenFlags(flags), env: io.env, cwd: io.cwd, configPath: flags.config};
}

/** `sessions list` options from its flags. */
export async function sessionsListOptions(flags: SessionsFlags, io: Env): Promise<SessionsListOptions> {
  const reach = await resolveSessionsOptions(reachInput(flags, io));
  return {...reach, all: flags.all === true, json: flags.json === true};
}

/** `sessions show` options from its argument and flags (no config: only the store is read). */
export function sessionShowOptions(id: string, flags: SessionsFlags, io: Env): SessionShowOptions {
  return {id, thinking: flags.thinking === true, json: flags.json === true, env: io.env};
}

/** `sessions delete` options: the ids checked first, then how kiro-cli is reached. */
export async function sessionsDeleteOptions(
  ids: readonly string[],
  flags: SessionsFlags,
  io: Env,
): Promise<SessionsDeleteOptions> {
  const checked = deleteIds(ids);
  const reach = await resolveSessionsOptions(reachInput(flags, io));
  return {...reach, ids: checked, yes: flags.yes === true, json: flags.json === true};
}

/** A yes/no question on the terminal (stderr, so stdout stays the result); none when stdin is not one. */
export function terminalConfirm(io: CommandIo): ((question: string) => Promise<boolean>) | undefined {
  if (io.stdin.isTTY !== true) return undefined;
  return async (question) => {
    const rl = createInterface({input: io.stdin, output: io.stderr});
    try {
      return /^y(es)?$/i.test((await rl.question(question)).trim());
    } finally {
      rl.close();
    }
  };
}

/** `kiro-x sessions list`: returns the exit code. */
export async function runSessionsListCommand(
  flags: SessionsFlags,
  io: CommandIo = processIo(),
): Promise<number> {
  return runSessionsList(await sessionsListOptions(flags, io), {...io, interrupts: trapSignals});
}

/** `kiro-x sessions show ID`: returns the exit code. */
export function runSessionShowCommand(
  id: string,
  flags: SessionsFlags,
  io: CommandIo = processIo(),
): Promise<number> {
  return runSessionShow(sessionShowOptions(id, flags, io), io);
}

/** `kiro-x sessions delete ID…`: returns the exit code. */
export async function runSessionsDeleteCommand(
  ids: readonly string[],
  flags: SessionsFlags,
  io: CommandIo = processIo(),
): Promise<number> {
  const options = await sessionsDeleteOptions(ids, flags, io);
  return runSessionsDelete(options, {...io, interrupts: trapSignals, confirm: terminalConfirm(io)});
}
