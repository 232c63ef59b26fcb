import {afterAll, afterEach, describe, expect, it} from 'vitest';

import {alive, makeWorld, records, removeWorlds, waitFor, type World} from './harness.js';
import {closeAll, noSimAlive, startMcp, structured} from './mcp-client.js';

afterEach(closeAll);
afterAll(removeWorlds);

/** The simulator's `kiro-cli acp` processes the world started. */
const acpRuns = (world: World): Array<Record<string, unknown>> =>
  records(world).filter((record) => (record.argv as string[])[0] === 'acp');

describe('kiro-x mcp --engine acp', () => {
  it('runs kiro_ask on kiro-cli acp: the session id, the permission decisions, the same result shape', async () => {
    const world = makeWorld();
    const {client} = await startMcp(world, ['--engine', 'acp']);
    const result = await client.callTool({
      name: 'kiro_ask',
      arguments: {prompt: 'List the files [[sim:shell=ls]] [[sim:answer=Two files.]]'},
    });
    const answer = structured(result);
    expect(answer).toMatchObject({outcome: 'completed', transcript: null});
    expect(answer.text).toMatch(/Two files\.$/);
    expect(answer.permissions).toEqual([
      {tool: 'shell', title: 'ls', kind: 'execute', decision: 'deny', by: 'policy'},
    ]);
    expect(answer.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(acpRuns(world)).toHaveLength(1);
    expect(await waitFor(() => noSimAlive(world))).toBe(true);
  });

  it('a server started with --permission-mode fail ends the turn at the first denial (permission_denied)', async () => {
    const {client} = await startMcp(makeWorld(), ['--engine', 'acp', '--permission-mode', 'fail']);
    const result = await client.callTool({name: 'kiro_ask', arguments: {prompt: 'Run [[sim:shell=ls]]'}});
    expect(result.isError).toBe(true);
    expect(structured(result)).toMatchObject({outcome: 'permission_denied', ok: false});
  });

  it('cancelling the call cancels the ACP turn and leaves no kiro-cli behind', async () => {
    const world = makeWorld();
    const {client} = await startMcp(world, ['--engine', 'acp']);
    const controller = new AbortController();
    const call = client.callTool(
      {name: 'kiro_ask', arguments: {prompt: '[[sim:hang]]'}},
      {signal: controller.signal},
    );
    expect(await waitFor(() => acpRuns(world).length === 1, 10_000)).toBe(true);
    const pid = acpRuns(world)[0]?.pid as number;
    controller.abort('enough');
    await expect(call).rejects.toThrow();
    expect(await waitFor(() => !alive(pid), 15_000)).toBe(true);
  });
});
