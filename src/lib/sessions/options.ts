import path from 'node:path';

import {resolveSettings, type ResolveInput} from '../config/resolve.js';
import {UsageError} from '../errors.js';
import {assertSessionId} from './ids.js';
import {DEFAULT_LIST_TIMEOUT_MS} from './list.js';
import type {SessionsOptions} from './types.js';

/** `sessions list`: whose sessions, and in which form. */
export interface SessionsListOptions extends SessionsOptions {
  /** Every directory's sessions, from the stores. */
  all: boolean;
  json: boolean;
}

/** `sessions show`: the store is read directly (kiro-cli has no command that prints a conversation). */
export interface SessionShowOptions {
  id: string;
  thinking: boolean;
  json: boolean;
  /** Only KIRO_HOME (and HOME) matter: they say where the stores are. */
  env: NodeJS.ProcessEnv;
}

/** `sessions delete`: validated, distinct ids, and whether to ask first. */
export interface SessionsDeleteOptions extends SessionsOptions {
  ids: string[];
  /** Delete without asking. */
  yes: boolean;
  json: boolean;
}

/** How the sessions commands reach kiro-cli (its path, cwd, environment, bound), from flags > env > .kirorc. */
export async function resolveSessionsOptions(input: ResolveInput): Promise<SessionsOptions> {
  const {settings} = await resolveSettings(input);
  return {
    cliPath: settings.cliPath,
    // The resolver has already checked that a given cwd is an existing directory.
    cwd: path.resolve(input.cwd, settings.cwd ?? '.'),
    env: input.env,
    timeoutMs: DEFAULT_LIST_TIMEOUT_MS,
  };
}

/** The ids `sessions delete` was given: at least one, each a session id (checked before anything else), once each. */
export function deleteIds(ids: readonly string[]): string[] {
  if (ids.length === 0) throw new UsageError('sessions delete needs at least one session ID.');
  for (const id of ids) assertSessionId(id, 'ID');
  return [...new Set(ids)];
}
