import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import type {ChildProcess} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {alive, makeWorld, records, runKiroX, waitFor, type World} from './harness.js';

interface SimRecord {
  pid: number;
  grandchildPid: number | null;
  agentName: string | null;
  agentJson: Record<string, unknown> | null;
  argv: string[];
}

const simRecords = (world: World): SimRecord[] => records(world) as unknown as SimRecord[];
const chatRecords = (world: World): SimRecord[] => simRecords(world).filter((r) => r.argv[0] === 'chat');

/** Every simulator process of the world, and every grandchild it started, is gone. */
async function nothingSurvives(world: World): Promise<void> {
  const pids = simRecords(world)
    .flatMap((r) => [r.pid, r.grandchildPid ?? -1])
    .filter((pid) => pid > 0);
  expect(pids.length).toBeGreaterThan(0);
  expect(await waitFor(() => pids.every((pid) => !alive(pid)), 2000)).toBe(true);
}

const noProfileLeft = (world: World): void => {
  expect(existsSync(path.join(world.workspace, '.kiro'))).toBe(false);
};

/** Start kiro-x, wait until kiro-cli is running, then send `signal` (twice when `again`). */
async function interrupt(world: World, args: string[], signal: NodeJS.Signals, again = false) {
  let child: ChildProcess | undefined;
  const run = runKiroX(args, {world, onSpawn: (c) => (child = c)});
  expect(await waitFor(() => chatRecords(world).length > 0, 10_000)).toBe(true);
  const sentAt = Date.now();
  child?.kill(signal);
  if (again) {
    await new Promise((r) => setTimeout(r, 200));
    child?.kill(signal);
  }
  const result = await run;
  return {result, elapsedMs: Date.now() - sentAt};
}

const PROFILE = ['--system-prompt', 'Be brief.', '--tools', 'read,grep'];

describe('ask ends the whole process tree and removes its profile on every path', () => {
  it('timeout: a kiro-cli that ignores SIGTERM and leaves a grandchild is killed after the grace', async () => {
    const world = makeWorld();
    const result = await runKiroX(
      ['ask', '[[sim:hang]][[sim:ignore-term]][[sim:grandchild]]', '--timeout', '1s', '--json', ...PROFILE],
      {world},
    );
    expect(result.code).toBe(8);
    expect(JSON.parse(result.stdout)).toMatchObject({outcome: 'timed_out', signal: 'SIGKILL'});
    expect(chatRecords(world)[0]?.grandchildPid).toBeGreaterThan(0);
    await nothingSurvives(world);
    noProfileLeft(world);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: cancelled, exit %i, nothing left', async (signal, code) => {
    const world = makeWorld();
    const {result} = await interrupt(
      world,
      ['ask', '[[sim:hang]][[sim:grandchild]]', '--json', ...PROFILE],
      signal,
    );
    expect(result.code).toBe(code);
    expect(JSON.parse(result.stdout)).toMatchObject({outcome: 'cancelled', ok: false});
    await nothingSurvives(world);
    noProfileLeft(world);
  });

  it('SIGINT with a kiro-cli that ignores SIGTERM: the group is killed after the grace', async () => {
    const world = makeWorld();
    const {result} = await interrupt(
      world,
      ['ask', '[[sim:hang]][[sim:ignore-term]][[sim:grandchild]]', ...PROFILE],
      'SIGINT',
    );
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('error: The turn was cancelled by SIGINT and kiro-cli was stopped.');
    await nothingSurvives(world);
    noProfileLeft(world);
  });

  it('a second SIGINT forces: kiro-x exits at once and still leaves nothing behind', async () => {
    const world = makeWorld();
    const {result, elapsedMs} = await interrupt(
      world,
      ['ask', '[[sim:hang]][[sim:ignore-term]][[sim:grandchild]]', ...PROFILE],
      'SIGINT',
      true,
    );
    expect(result.code).toBe(130);
    expect(elapsedMs).toBeLessThan(4000);
    await nothingSurvives(world);
    noProfileLeft(world);
  });

  it.each([
    ['completed', ['hi'], {}, 0],
    ['failed (backend)', ['[[sim:backend=trouble]]'], {}, 1],
    ['auth_failed', ['hi'], {KIRO_API_KEY: 'ksk_invalid_1234'}, 5],
    ['cli_usage_error', ['hi', '--effort', 'max'], {KIRO_SIM_VERSION: '2.1.0'}, 7],
    ['stalled', ['[[sim:hang]]', '--stall-timeout', '1s'], {}, 9],
    ['crash mid-line', ['[[sim:crash]]'], {}, 1],
  ] as const)('%s: the profile is removed', async (_name, args, env, code) => {
    const world = makeWorld(env);
    const result = await runKiroX(['ask', ...args, ...PROFILE], {world});
    expect(result.code).toBe(code);
    const argv = chatRecords(world)[0]?.argv ?? [];
    expect(argv[argv.indexOf('--agent') + 1]).toMatch(/^kiro-x-[0-9a-f]{12}$/);
    noProfileLeft(world);
  });
});

describe('generated agent profiles', () => {
  it('are passed by name and hold exactly what the flags asked for', async () => {
    const world = makeWorld();
    writeFileSync(
      path.join(world.workspace, 'mcp.json'),
      JSON.stringify({mcpServers: {git: {command: 'git-mcp'}}}),
    );
    const result = await runKiroX(
      [
        'ask',
        'hi',
        ...PROFILE,
        '--allow-tools',
        'read',
        '--resource',
        'README.md',
        '--resource',
        'docs/**/*.md',
        '--mcp-config',
        'mcp.json',
        '--allow-command',
        '^npm test$',
        '--deny-command',
        'rm -rf',
        '--allow-path',
        './src/**',
      ],
      {world},
    );
    expect(result.code).toBe(0);
    const record = chatRecords(world)[0];
    const name = record?.agentName ?? '';
    expect(record?.argv).toEqual(expect.arrayContaining(['--agent', name]));
    expect(record?.agentJson).toEqual({
      name,
      description: 'kiro-x temporary profile',
      prompt: 'Be brief.',
      tools: ['read', 'grep'],
      allowedTools: ['read'],
      resources: ['file://README.md', 'file://docs/**/*.md'],
      mcpServers: {git: {command: 'git-mcp'}},
      toolsSettings: {
        shell: {allowedCommands: ['^npm test$'], deniedCommands: ['rm -rf']},
        write: {allowedPaths: ['./src/**']},
      },
    });
    noProfileLeft(world);
  });

  it('overlay a named agent, leaving the agent and its directory as they were', async () => {
    const world = makeWorld();
    const agents = path.join(world.workspace, '.kiro', 'agents');
    mkdirSync(agents, {recursive: true});
    const reviewer = {name: 'reviewer', prompt: 'You review code.', tools: ['*'], model: 'claude-haiku-4.5'};
    writeFileSync(path.join(agents, 'reviewer.json'), JSON.stringify(reviewer));
    const result = await runKiroX(['ask', 'hi', '--agent', 'reviewer', '--tools', 'read', '--json'], {world});
    expect(result.code).toBe(0);
    const record = chatRecords(world)[0];
    expect(record?.agentJson).toMatchObject({
      prompt: 'You review code.',
      tools: ['read'],
      model: 'claude-haiku-4.5',
    });
    expect(JSON.parse(result.stdout)).toMatchObject({agent: record?.agentName});
    expect(readdirSync(agents)).toEqual(['reviewer.json']);
  });

  it('go to $KIRO_HOME/agents when the cwd is $HOME', async () => {
    const world = makeWorld();
    const result = await runKiroX(['ask', 'hi', '--cwd', world.home, ...PROFILE], {world});
    expect(result.code).toBe(0);
    expect(chatRecords(world)[0]?.agentJson).toMatchObject({prompt: 'Be brief.'});
    expect(existsSync(path.join(world.kiroHome, 'agents'))).toBe(false);
  });

  it('--keep-profile keeps the file (mode 0600, name = stem) and prints its path', async () => {
    const world = makeWorld();
    const result = await runKiroX(['ask', 'hi', '--keep-profile', ...PROFILE], {world});
    expect(result.code).toBe(0);
    const match = /^kept agent profile: (.+)$/m.exec(result.stderr);
    const file = match?.[1] ?? '';
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({name: path.basename(file, '.json')});
  });

  it('refuse a missing base agent before anything runs', async () => {
    const world = makeWorld();
    const result = await runKiroX(['ask', 'hi', '--agent', 'ghost', ...PROFILE, '--json'], {world});
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stdout)).toMatchObject({outcome: 'agent_not_found'});
    expect(chatRecords(world)).toEqual([]);
    noProfileLeft(world);
  });

  it('refuse an agent name that is a path', async () => {
    const world = makeWorld();
    const result = await runKiroX(['ask', 'hi', '--agent', '../../etc/x', ...PROFILE, '--json'], {world});
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({outcome: 'usage_error'});
  });
});

describe('after a kiro-x was killed outright', () => {
  it('the next run removes its stale profile and says so', async () => {
    const world = makeWorld();
    const agents = path.join(world.workspace, '.kiro', 'agents');
    mkdirSync(agents, {recursive: true});
    const stale = path.join(agents, 'kiro-x-0123456789ab.json');
    writeFileSync(stale, '{"name": "kiro-x-0123456789ab"}');
    const twoHoursAgo = (Date.now() - 2 * 3_600_000) / 1000;
    utimesSync(stale, twoHoursAgo, twoHoursAgo);
    const result = await runKiroX(['ask', 'hi'], {world});
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `warning: removed a stale kiro-x agent profile left by a killed run: ${stale}`,
    );
    expect(existsSync(stale)).toBe(false);
  });
});
