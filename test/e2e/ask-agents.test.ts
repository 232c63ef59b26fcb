import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';

import {afterAll, describe, expect, it} from 'vitest';

import type {AskResult} from '../../src/lib/ask/result.js';
import {makeWorld, records, removeWorlds, runKiroX, type World} from './harness.js';

afterAll(removeWorlds);

type ToolCall = {tool: string; arg: string; status: string};
type TurnRecord = {argv: string[]; toolCalls: ToolCall[]; agentJson: Record<string, unknown> | null};

/** The simulator's record of the chat turn (not the listings or whoami). */
const turnRecord = (world: World): TurnRecord =>
  records(world).find((r) => r.prompt !== null) as unknown as TurnRecord;

async function ask(world: World, args: string[]): Promise<{code: number | null; doc: AskResult}> {
  const run = await runKiroX(['ask', '--json', ...args], {world});
  return {code: run.code, doc: JSON.parse(run.stdout) as AskResult};
}

function agentFile(world: World, file: string, json: unknown, where: 'workspace' | 'global' = 'workspace') {
  const dir =
    where === 'workspace'
      ? path.join(world.workspace, '.kiro', 'agents')
      : path.join(world.kiroHome, 'agents');
  mkdirSync(dir, {recursive: true});
  const full = path.join(dir, `${file}.json`);
  writeFileSync(full, typeof json === 'string' ? json : JSON.stringify(json));
  return full;
}

const TOOLS = '[[sim:tool=read:notes.txt;grep:TODO;glob:src/**;write:out.txt;shell:ls]]';

describe('trust: kiro-cli default, never the empty --trust-tools=', () => {
  it('passes no trust flag by default: no bogus warning, read/grep/glob run in the cwd, the rest is refused', async () => {
    const world = makeWorld();
    const {code, doc} = await ask(world, [TOOLS]);
    expect(code).toBe(0);
    expect(doc.outcome).toBe('completed');
    expect(doc.command.some((arg) => arg.startsWith('--trust-tools'))).toBe(false);
    expect(doc.warnings.filter((w) => w.includes('custom tool'))).toEqual([]);
    expect(turnRecord(world).toolCalls.map((c) => [c.tool, c.status])).toEqual([
      ['read', 'ran'],
      ['grep', 'ran'],
      ['glob', 'ran'],
      ['write', 'refused'],
      ['shell', 'refused'],
    ]);
    expect(doc.deniedTools).toEqual(['fs_write', 'execute_bash']);
  });

  it('an empty trust list (config `trustTools: []`) is the same default, not the empty flag', async () => {
    const world = makeWorld({KIRO_X_TRUST_TOOLS: ''});
    const {doc} = await ask(world, ['hi']);
    expect(doc.command.some((arg) => arg.startsWith('--trust-tools'))).toBe(false);
    expect(doc.warnings).toEqual(['Failed to retrieve MCP settings; MCP functionality disabled']);
  });

  it('--allow-tools on a generated profile is also passed as --trust-tools', async () => {
    const world = makeWorld();
    const {doc} = await ask(world, ['[[sim:shell=ls]]', '--allow-tools', 'shell,@git/*']);
    expect(doc.command).toContain('--trust-tools=shell');
    expect(turnRecord(world).toolCalls).toEqual([{tool: 'shell', arg: 'ls', status: 'ran'}]);
  });
});

describe('--no-tools: nothing runs', () => {
  it('offers the model no tool at all, even with trust-all; the profile holds only 2.x keys and goes away', async () => {
    const world = makeWorld();
    const {code, doc} = await ask(world, [TOOLS, '--no-tools', '--trust-all-tools']);
    expect(code).toBe(0);
    expect(doc.outcome).toBe('completed');
    const record = turnRecord(world);
    expect(record.toolCalls.map((c) => c.status)).toEqual(Array(5).fill('unavailable'));
    expect(record.agentJson).toEqual({
      name: doc.agent,
      description: 'kiro-x temporary profile',
      tools: [],
      allowedTools: [],
    });
    expect(doc.toolCalls).toEqual([]);
    expect(existsSync(path.join(world.workspace, '.kiro'))).toBe(false);
  });

  it('is exclusive with --tools', async () => {
    const world = makeWorld();
    const run = await runKiroX(['ask', 'hi', '--no-tools', '--tools', 'read'], {world});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--tools');
    expect(records(world)).toEqual([]);
  });

  it('without --tools a generated profile keeps every tool, also where an agent file without `tools` gets none', async () => {
    for (const variant of [{}, {KIRO_SIM_AGENT_TOOLS: 'all'}]) {
      const world = makeWorld(variant);
      await ask(world, ['[[sim:tool=read:a.txt]]', '--system-prompt', 'Be brief.']);
      expect(turnRecord(world).toolCalls).toEqual([{tool: 'read', arg: 'a.txt', status: 'ran'}]);
    }
  });
});

describe('agents: resolved by the name inside the file', () => {
  it('uses the agent a file declares, whatever the file is called, as the base of a generated profile', async () => {
    const world = makeWorld();
    agentFile(world, 'a', {name: 'b', prompt: 'From b.', tools: ['read']});
    const {code, doc} = await ask(world, ['hi', '--agent', 'b', '--resource', 'README.md']);
    expect(code).toBe(0);
    expect(turnRecord(world).agentJson).toMatchObject({
      name: doc.agent,
      prompt: 'From b.',
      tools: ['read'],
      resources: ['file://README.md'],
    });
  });

  it('prefers the workspace agent over $KIRO_HOME, like kiro-cli', async () => {
    const world = makeWorld();
    agentFile(world, 'r', {name: 'rev', prompt: 'global'}, 'global');
    agentFile(world, 'r2', {name: 'rev', prompt: 'workspace'});
    await ask(world, ['hi', '--agent', 'rev', '--resource', 'x']);
    expect(turnRecord(world).agentJson).toMatchObject({prompt: 'workspace'});
  });

  it('refuses a base agent kiro-cli would reject (exit 4), naming the file and the key; nothing runs', async () => {
    const world = makeWorld();
    const file = agentFile(world, 'strict', {name: 'strict', tools: [], colour: 'blue'});
    const {code, doc} = await ask(world, ['hi', '--agent', 'strict', '--system-prompt', 'x']);
    expect(code).toBe(4);
    expect(doc.outcome).toBe('agent_not_found');
    expect(doc.message).toBe(
      `kiro-cli would reject the agent file ${file} and fall back to its default agent: unknown key "colour" (kiro-cli 2.x rejects the whole file for it).`,
    );
    expect(records(world)).toEqual([]);
  });

  it('a rejected agent named directly is agent_not_found: kiro-cli ran its default agent instead', async () => {
    const world = makeWorld();
    agentFile(world, 'strict', {name: 'strict', tools: [], colour: 'blue'});
    const {code, doc} = await ask(world, [TOOLS, '--agent', 'strict']);
    expect(code).toBe(4);
    expect(doc.outcome).toBe('agent_not_found');
    expect(doc.warnings.some((w) => w.startsWith('Error: Json supplied at '))).toBe(true);
  });
});

describe('harness', () => {
  it('unpinned: no harness flag and no extra kiro-cli process', async () => {
    const world = makeWorld();
    await ask(world, ['hi']);
    expect(records(world).map((r) => (r.argv as string[])[0])).toEqual(['chat']);
    expect(turnRecord(world).argv).not.toContain('--v3');
  });

  it('pinned: reads the version once and passes --v3 (2.8+), --v2 (3.0+), nothing for v2 on 2.x', async () => {
    const cases: [Record<string, string>, string[], string[]][] = [
      [{KIRO_X_HARNESS: 'v3'}, [], ['--v3']],
      [{KIRO_SIM_VERSION: '3.1.0'}, ['--harness', 'v2'], ['--v2']],
      [{}, ['--harness', 'v2'], []],
    ];
    for (const [env, flags, expected] of cases) {
      const world = makeWorld(env);
      const {code} = await ask(world, ['hi', ...flags]);
      expect(code).toBe(0);
      expect(records(world).map((r) => (r.argv as string[])[0])).toEqual(['--version', 'chat']);
      const argv = turnRecord(world).argv;
      expect(argv.slice(0, 2 + expected.length)).toEqual(['chat', '--no-interactive', ...expected]);
      expect(records(world).find((r) => r.prompt !== null)).toMatchObject({
        harnessPinned: expected.length > 0,
      });
    }
  });

  it('a pin the installed kiro-cli cannot honour is a usage error naming the flag and the version', async () => {
    const world = makeWorld({KIRO_SIM_VERSION: '2.5.0'});
    const {code, doc} = await ask(world, ['hi', '--harness', 'v3']);
    expect(code).toBe(2);
    expect(doc.outcome).toBe('usage_error');
    expect(doc.message).toMatch(
      /^--harness v3 needs kiro-cli 2\.8 or newer; this is kiro-cli 2\.5\.0 \(.*kiro-cli\)\.$/,
    );
    expect(records(world).map((r) => (r.argv as string[])[0])).toEqual(['--version']);
  });

  it('batch checks the pin once, before any item, and stops with exit 2', async () => {
    const world = makeWorld({KIRO_SIM_VERSION: '2.5.0'});
    writeFileSync(path.join(world.workspace, 'p.jsonl'), '{"prompt":"a"}\n{"prompt":"b"}\n');
    const run = await runKiroX(['batch', 'p.jsonl', '--harness', 'v3'], {world});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--harness v3 needs kiro-cli 2.8 or newer; this is kiro-cli 2.5.0');
    expect(records(world).map((r) => (r.argv as string[])[0])).toEqual(['--version']);
    const ok = makeWorld();
    writeFileSync(path.join(ok.workspace, 'p.jsonl'), '{"prompt":"a"}\n{"prompt":"b"}\n{"prompt":"c"}\n');
    expect((await runKiroX(['batch', 'p.jsonl', '--harness', 'v3'], {world: ok})).code).toBe(0);
    const calls = records(ok).map((r) => (r.argv as string[])[0]);
    expect(calls.filter((c) => c === '--version')).toHaveLength(1);
    expect(calls.filter((c) => c === 'chat')).toHaveLength(3);
  });
});

describe('environment', () => {
  it('sets KIRO_NO_AUTO_UPDATE=1 for kiro-cli unless the user set it', async () => {
    const world = makeWorld({KIRO_X_NO_SESSION_ID: undefined, KIRO_API_KEY: undefined});
    mkdirSync(path.join(world.home, '.local', 'share', 'kiro-cli'), {recursive: true});
    writeFileSync(
      path.join(world.home, '.local', 'share', 'kiro-cli', 'sim-login.json'),
      '{"method":"builder-id"}',
    );
    await ask(world, ['hi']);
    const all = records(world);
    const seen = all.map((r) => (r.env as {KIRO_NO_AUTO_UPDATE: string | null}).KIRO_NO_AUTO_UPDATE);
    // whoami and the turn both get it.
    expect(all.map((r) => (r.argv as string[])[0]).sort()).toEqual(
      expect.arrayContaining(['chat', 'whoami']),
    );
    expect(new Set(seen)).toEqual(new Set(['1']));
    const own = makeWorld({KIRO_NO_AUTO_UPDATE: 'false'});
    await ask(own, ['hi']);
    expect((turnRecord(own) as unknown as {env: {KIRO_NO_AUTO_UPDATE: string}}).env.KIRO_NO_AUTO_UPDATE).toBe(
      'false',
    );
  });
});
