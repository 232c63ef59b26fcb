import {existsSync, readdirSync} from 'node:fs';
import path from 'node:path';

import {afterAll, afterEach, describe, expect, it} from 'vitest';

import {alive, makeWorld, records, removeWorlds, waitFor, type World} from './harness.js';
import {closeAll, noSimAlive, rawServer, simTurnPid, startMcp, structured} from './mcp-client.js';

afterEach(closeAll);
afterAll(removeWorlds);

/** Generated profiles left in the workspace (kiro-x removes the directories it created, too). */
const profiles = (world: World): string[] => {
  const dir = path.join(world.workspace, '.kiro', 'agents');
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('kiro-x mcp: long turns', () => {
  it('sends progress with the elapsed time during a slow turn, and names the tool in use', async () => {
    const {client} = await startMcp(makeWorld(), ['--progress-interval', '300ms']);
    const seen: Array<{progress: number; message?: string | undefined}> = [];
    const result = await client.callTool(
      {name: 'kiro_ask', arguments: {prompt: 'Look [[sim:sleep=1500]] [[sim:tool=read:README.md]]'}},
      {onprogress: (progress) => seen.push(progress), resetTimeoutOnProgress: true, timeout: 1000},
    );
    expect(structured(result).outcome).toBe('completed');
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen.map((p) => p.progress)).toEqual(seen.map((_, index) => index + 1));
    expect(seen[0]?.message).toMatch(/^kiro-cli working, \ds elapsed$/);
    expect(seen.at(-1)?.message).toMatch(
      /^kiro-cli working, \ds elapsed; tool in use: read: Reading file: README\.md/,
    );
  });

  it('sends no progress to a call that did not ask for it', async () => {
    const server = rawServer(makeWorld(), ['--progress-interval', '100ms']);
    server.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: {name: 'kiro_ask', arguments: {prompt: '[[sim:sleep=600]]'}},
    });
    await server.response(1);
    expect(server.lines.filter((line) => line.includes('notifications/progress'))).toEqual([]);
    server.child.stdin?.end();
    await server.exited;
  });

  it('cancelling the call stops the turn: no kiro-cli left, no profile left, the server keeps serving', async () => {
    const world = makeWorld();
    const {client} = await startMcp(world, ['--max-concurrent', '1']);
    const controller = new AbortController();
    const call = client.callTool(
      {name: 'kiro_ask', arguments: {prompt: '[[sim:hang]]', systemPrompt: 'Be brief.'}},
      {signal: controller.signal},
    );
    const pid = await simTurnPid(world);
    expect(profiles(world)).toHaveLength(1);
    controller.abort('enough');
    await expect(call).rejects.toThrow();
    expect(await waitFor(() => !alive(pid), 10_000)).toBe(true);
    expect(await waitFor(() => profiles(world).length === 0)).toBe(true);
    // The slot is free again: a second turn runs under --max-concurrent 1.
    const next = await client.callTool({name: 'kiro_ask', arguments: {prompt: 'again'}});
    expect(structured(next).outcome).toBe('completed');
  });

  it('closing stdin cancels the running turns and exits 0 with no orphan and no profile', async () => {
    const world = makeWorld();
    const server = rawServer(world);
    await server.response(0);
    server.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: {name: 'kiro_ask', arguments: {prompt: '[[sim:hang]]', systemPrompt: 'x'}},
    });
    server.send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: {name: 'kiro_ask_async', arguments: {prompt: '[[sim:hang]]'}},
    });
    await simTurnPid(world, 1);
    server.child.stdin?.end();
    expect(await server.exited).toEqual({code: 0, signal: null});
    expect(noSimAlive(world)).toBe(true);
    expect(profiles(world)).toEqual([]);
    expect(server.stderr()).toContain('kiro-x mcp: stdin closed: cancelling 2 running turns');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('%s cancels the running turns and exits 0', async (signal) => {
    const world = makeWorld();
    const server = rawServer(world);
    await server.response(0);
    server.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: {name: 'kiro_ask', arguments: {prompt: '[[sim:hang]]'}},
    });
    await simTurnPid(world);
    server.child.kill(signal);
    expect(await server.exited).toEqual({code: 0, signal: null});
    expect(noSimAlive(world)).toBe(true);
    expect(records(world)).toHaveLength(1);
    const answer = server.lines.map((line) => JSON.parse(line) as {id?: number; result?: unknown});
    expect(answer.find((message) => message.id === 1)?.result).toMatchObject({
      isError: true,
      structuredContent: {outcome: 'cancelled', message: 'kiro-x mcp shut down, and kiro-cli was stopped.'},
    });
  });
});
