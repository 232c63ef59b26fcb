import {cpSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {PassThrough} from 'node:stream';

import {beforeEach, describe, expect, it} from 'vitest';

import {
  runSessionShowCommand,
  runSessionsDeleteCommand,
  runSessionsListCommand,
  sessionShowOptions,
  sessionsDeleteOptions,
  sessionsListOptions,
} from '../../src/cli/sessions.js';
import {runSessionsDelete} from '../../src/lib/sessions/run-sessions.js';
import type {SessionsListResult} from '../../src/lib/sessions/types.js';
import {CAPTURES} from '../e2e/harness.js';
import {captureStreams} from '../helpers/streams.js';
import {useTempHome} from '../helpers/temp-home.js';

const ID = '3f0c6d2e-8b1a-4c7e-9d55-2a61b0e4f7c3';
const OTHER = '607a278f-0d2c-4c6e-9a43-1f2b3c4d5e6f';

const home = useTempHome('kiro-x-cli-sessions-');
let cwd = '';
let env: NodeJS.ProcessEnv = {};

beforeEach(() => {
  ({cwd, env} = home);
});

/** A V2 session store holding the 2.14.x capture. */
function withStore(): void {
  const store = path.join(cwd, '.kiro', 'sessions', 'cli');
  mkdirSync(store, {recursive: true});
  cpSync(path.join(CAPTURES, 'session-store-2.14.x'), store, {recursive: true});
}

const io = () => ({...captureStreams(env), stdin: new PassThrough(), cwd});

describe('sessions flags → options', () => {
  it('list: kiro-cli reached through the resolver, --all and --json as given', async () => {
    const options = await sessionsListOptions(
      {'cli-path': 'my-kiro', all: true, json: true},
      {env: {...env, KIRO_X_CLI_PATH: 'env-kiro'}, cwd},
    );
    expect(options).toEqual({
      cliPath: 'my-kiro',
      cwd,
      env: {...env, KIRO_X_CLI_PATH: 'env-kiro'},
      timeoutMs: 10_000,
      all: true,
      json: true,
    });
  });

  it('show: only the store is read, so no config is loaded', () => {
    expect(sessionShowOptions(ID, {thinking: true}, {env, cwd})).toEqual({
      id: ID,
      thinking: true,
      json: false,
      env,
    });
  });

  it('delete: ids checked before anything else, each once', async () => {
    const options = await sessionsDeleteOptions([ID, ID, OTHER], {yes: true}, {env, cwd});
    expect(options).toMatchObject({ids: [ID, OTHER], yes: true, json: false, cliPath: 'kiro-cli'});
    await expect(sessionsDeleteOptions(['nope'], {config: '/missing.yaml'}, {env, cwd})).rejects.toThrow(
      /ID/,
    );
    await expect(sessionsDeleteOptions([], {}, {env, cwd})).rejects.toThrow('at least one session ID');
  });
});

describe('sessions rendering', () => {
  it('list: a table on stdout with ISO times off a terminal; the JSON document with --json', async () => {
    withStore();
    const text = io();
    await expect(runSessionsListCommand({all: true}, text)).resolves.toBe(0);
    expect(text.out()).toMatch(new RegExp(`^ID +UPDATED +MSGS +CWD +TITLE\\n${ID}  2026-03-14T09:13:52Z`));
    const json = io();
    await expect(runSessionsListCommand({all: true, json: true}, json)).resolves.toBe(0);
    const doc = JSON.parse(json.out()) as SessionsListResult;
    expect(doc).toMatchObject({schemaVersion: 1, source: 'store', cwd: null});
    expect(doc.sessions.map((s) => s.id)).toEqual([ID]);
  });

  it('show: the conversation, prompts first', async () => {
    withStore();
    const streams = io();
    await expect(runSessionShowCommand(ID, {}, streams)).resolves.toBe(0);
    expect(streams.out()).toContain('Reply with exactly: PONG');
    expect(streams.err()).toBe('');
  });

  it('delete: without --yes and nobody to ask it refuses; a declined question deletes nothing, exit 1', async () => {
    await expect(runSessionsDeleteCommand([ID], {}, io())).rejects.toThrow(
      'Refusing to delete sessions without --yes',
    );
    const streams = captureStreams(env);
    const options = await sessionsDeleteOptions([ID], {json: true}, {env, cwd});
    const asked: string[] = [];
    const confirm = async (question: string) => (asked.push(question), false);
    await expect(runSessionsDelete(options, {...streams, confirm})).resolves.toBe(1);
    expect(asked).toEqual([`Delete 1 session: ${ID}? [y/N] `]);
    expect(JSON.parse(streams.out())).toMatchObject({ok: false, results: [{id: ID, status: 'kept'}]});
    expect(streams.err()).toBe('Nothing deleted.\n');
  });
});
