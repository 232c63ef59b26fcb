import {mkdirSync} from 'node:fs';
import path from 'node:path';

import {describe, expect, test} from 'vitest';

import type {AskResult} from '../../src/lib/types.js';
import {makeWorld, records, runKiroX, type World} from './harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A world where `ask` looks its session id up (the harness turns the lookup off by default). */
const lookupWorld = (env: Record<string, string | undefined> = {}): World =>
  makeWorld({KIRO_X_NO_SESSION_ID: undefined, ...env});

/** The warnings about the session id (kiro-cli's own MCP notice under an API key is not one). */
const sessionWarnings = (result: AskResult): string[] =>
  result.warnings.filter((w) => w.includes('session id'));

async function askJson(world: World, args: string[], cwd?: string): Promise<AskResult> {
  const run = await runKiroX(['ask', '--json', ...args], {world, ...(cwd ? {cwd} : {})});
  return JSON.parse(run.stdout) as AskResult;
}

const chatArgv = (world: World): string[][] =>
  records(world)
    .map((r) => r.argv as string[])
    .filter((argv) => argv[0] === 'chat');

describe('ask session ids and resume', () => {
  test('sessionId comes from exactly one new listed entry; --resume-id continues it in a second run', async () => {
    const world = lookupWorld();
    const first = await askJson(world, ['remember 42']);
    expect(first.outcome).toBe('completed');
    expect(first.sessionId).toMatch(UUID);
    expect(sessionWarnings(first)).toEqual([]);
    const id = first.sessionId as string;

    const second = await askJson(world, ['what did I say?', '--resume-id', id]);
    expect(second.outcome).toBe('completed');
    expect(second.sessionId).toBe(id);
    expect(second.command).toContain('--resume-id');
    const listed = await runKiroX(['sessions', 'show', id, '--json'], {world});
    const doc = JSON.parse(listed.stdout) as {entries: Array<{kind: string; text?: string}>};
    expect(doc.entries.filter((e) => e.kind === 'prompt').map((e) => e.text)).toEqual([
      'remember 42',
      'what did I say?',
    ]);
    // The first run lists before and after its turn; a --resume-id run knows its id and lists nothing.
    expect(chatArgv(world).map((argv) => argv[1])).toEqual([
      '--list-sessions',
      '--no-interactive',
      '--list-sessions',
      '--no-interactive',
    ]);
  });

  test('--resume continues the latest conversation of the cwd and reports its id', async () => {
    const world = lookupWorld();
    const first = await askJson(world, ['one']);
    const again = await askJson(world, ['two', '--resume']);
    expect(again.outcome).toBe('completed');
    expect([again.sessionId, sessionWarnings(again)]).toEqual([first.sessionId, []]);
    expect(again.command).toContain('--resume');
  });

  test('when kiro-cli lists nothing new, sessionId is null with a warning', async () => {
    const world = lookupWorld({KIRO_SIM_LIST_HEADLESS: 'none'});
    const result = await askJson(world, ['hidden']);
    expect(result.outcome).toBe('completed');
    expect(result.sessionId).toBeNull();
    expect(sessionWarnings(result)).toEqual([
      'session id unknown: kiro-cli listed no new session for this directory.',
    ]);
  });

  test('--no-session-id skips the listing calls', async () => {
    const world = lookupWorld();
    const result = await askJson(world, ['quiet', '--no-session-id']);
    expect([result.outcome, result.sessionId, sessionWarnings(result)]).toEqual(['completed', null, []]);
    expect(chatArgv(world).map((argv) => argv[1])).toEqual(['--no-interactive']);
  });

  test('a turn that never started is not followed by a listing', async () => {
    const world = lookupWorld({KIRO_API_KEY: undefined, KIRO_SIM_NO_CREDENTIAL: 'error'});
    const result = await askJson(world, ['no login']);
    expect(result.outcome).toBe('auth_failed');
    expect(result.sessionId).toBeNull();
    expect(chatArgv(world).filter((argv) => argv.includes('--no-interactive'))).toEqual([]);
  });

  test('a bad --resume-id is a usage error naming the flag; an unknown one fails in kiro-cli', async () => {
    const world = lookupWorld();
    const bad = await runKiroX(['ask', 'x', '--resume-id', '../../etc'], {world});
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([
      2,
      'error: --resume-id takes a session id (a UUID), not "../../etc".',
    ]);
    expect(records(world)).toEqual([]);
    const both = await runKiroX(
      ['ask', 'x', '--resume', '--resume-id', '00000000-0000-4000-8000-000000000000'],
      {
        world,
      },
    );
    expect(both.code).toBe(2);
    const other = path.join(world.home, 'elsewhere');
    mkdirSync(other);
    const unknown = await askJson(world, ['x', '--resume-id', '00000000-0000-4000-8000-000000000000'], other);
    expect(unknown.outcome).toBe('failed');
    expect(unknown.sessionId).toBeNull();
  });
});
