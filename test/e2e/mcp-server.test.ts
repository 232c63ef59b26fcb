import {afterAll, afterEach, describe, expect, it} from 'vitest';

import {validateAskResult} from '../helpers/validate.js';
import {makeWorld, records, removeWorlds} from './harness.js';
import {closeAll, rawServer, startMcp, structured, textOf} from './mcp-client.js';

afterEach(closeAll);
afterAll(removeWorlds);

describe('kiro-x mcp: the server', () => {
  it('lists its tools with their schemas (a public contract)', async () => {
    const {client} = await startMcp(makeWorld());
    const {tools} = await client.listTools();
    await expect(`${JSON.stringify(tools, null, 2)}\n`).toMatchFileSnapshot('./snapshots/mcp-tools.json');
  });

  it.each(['2025-06-18', '2025-11-25'])(
    'negotiates protocol %s with a client that speaks it',
    async (version) => {
      const {client} = await startMcp(makeWorld(), [], {protocolVersions: [version]});
      expect(client.getNegotiatedProtocolVersion()).toBe(version);
      expect(client.getServerVersion()?.name).toBe('kiro-x');
      expect(client.getInstructions()).toContain('kiro_ask_async');
    },
  );

  it('speaks the 2026-07-28 revision to a client that pins it', async () => {
    const {client} = await startMcp(makeWorld(), ['--progress-interval', '200ms'], {pin: '2026-07-28'});
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    const seen: unknown[] = [];
    const result = await client.callTool(
      {name: 'kiro_ask', arguments: {prompt: 'Hi [[sim:sleep=700]]'}},
      {onprogress: (progress) => seen.push(progress)},
    );
    expect(structured(result).outcome).toBe('completed');
    expect(seen.length).toBeGreaterThanOrEqual(2);
  });

  it('kiro_ask runs one turn and answers with the kiro-x result and a readable text', async () => {
    const world = makeWorld();
    const {client} = await startMcp(world, ['--model', 'claude-sonnet-4.5']);
    const result = await client.callTool({name: 'kiro_ask', arguments: {prompt: 'Say hello'}});
    const doc = structured(result);
    expect(result.isError).toBeFalsy();
    expect(validateAskResult(doc)).toEqual({valid: true, errors: []});
    expect([doc.outcome, doc.text, doc.model]).toEqual([
      'completed',
      'You said: Say hello',
      'claude-sonnet-4.5',
    ]);
    expect(textOf(result)).toMatch(/^You said: Say hello\n\n\[kiro-x: completed, [\d.]+ credits\]$/);
    const [turn] = records(world);
    expect([turn?.cwd, turn?.model, turn?.trustedTools]).toEqual([world.workspace, 'claude-sonnet-4.5', []]);
  });

  it('a turn that did not complete is a tool error that still carries the result', async () => {
    const {client} = await startMcp(makeWorld(), ['--timeout', '1s']);
    const result = await client.callTool({name: 'kiro_ask', arguments: {prompt: '[[sim:hang]]'}});
    expect(result.isError).toBe(true);
    expect(structured(result).outcome).toBe('timed_out');
    expect(textOf(result)).toBe(
      'kiro-x: timed_out: The turn exceeded its time limit and kiro-cli was stopped.',
    );
  });

  it("a result's sessionId continues its conversation", async () => {
    const world = makeWorld({KIRO_X_NO_SESSION_ID: undefined});
    const {client} = await startMcp(world);
    const first = structured(await client.callTool({name: 'kiro_ask', arguments: {prompt: 'Remember 7'}}));
    expect(first.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const args = {prompt: 'Which number?', sessionId: first.sessionId};
    const second = structured(await client.callTool({name: 'kiro_ask', arguments: args}));
    expect([second.outcome, second.sessionId, second.resumed]).toEqual(['completed', first.sessionId, true]);
  });

  it('a malformed call is answered with an error, and the server keeps serving', async () => {
    const {client} = await startMcp(makeWorld());
    const bad = await client.callTool({name: 'kiro_ask', arguments: {prompt: 42, sessionId: 'not-an-id'}});
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toContain('Invalid arguments for tool kiro_ask');
    expect(textOf(bad)).toContain('a kiro session id');
    await expect(client.callTool({name: 'kiro_nope', arguments: {}})).rejects.toThrow(/kiro_nope not found/);
    const good = await client.callTool({name: 'kiro_ask', arguments: {prompt: 'still there?'}});
    expect(structured(good).outcome).toBe('completed');
  });

  it('writes nothing but JSON-RPC on stdout, even for a line that is not JSON, and logs on stderr', async () => {
    const server = rawServer(makeWorld());
    await server.response(0);
    server.child.stdin?.write('this is not json\n');
    server.send({jsonrpc: '2.0', id: 1, method: 'tools/list'});
    const list = await server.response(1);
    expect((list.result as {tools: unknown[]}).tools).toHaveLength(8);
    server.child.stdin?.end();
    expect(await server.exited).toEqual({code: 0, signal: null});
    for (const line of server.lines) expect(JSON.parse(line)).toMatchObject({jsonrpc: '2.0'});
    expect(server.stderr()).toContain('kiro-x mcp: serving on stdio');
  });

  it('refuses to start on an allowed directory that does not exist', async () => {
    const world = makeWorld();
    const server = rawServer(world, ['--allow-cwd', 'missing']);
    expect(await server.exited).toEqual({code: 2, signal: null});
    expect(server.stderr()).toContain(`--allow-cwd: not an existing directory: ${world.workspace}/missing`);
  });
});
