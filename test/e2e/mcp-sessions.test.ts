import {afterAll, afterEach, describe, expect, it} from 'vitest';

import {makeWorld, removeWorlds} from './harness.js';
import {closeAll, sessionOutsideCwd, startMcp, structured, textOf} from './mcp-client.js';

afterEach(closeAll);
afterAll(removeWorlds);

describe('kiro-x mcp: sessions and doctor', () => {
  it('lists the sessions of the cwd and shows one, bounded', async () => {
    const world = makeWorld({KIRO_X_NO_SESSION_ID: undefined});
    const {client} = await startMcp(world);
    const first = structured(
      await client.callTool({name: 'kiro_ask', arguments: {prompt: 'First question'}}),
    );
    const sessionId = first.sessionId as string;
    await client.callTool({name: 'kiro_ask', arguments: {prompt: 'Second question', sessionId}});

    const list = await client.callTool({name: 'kiro_sessions_list', arguments: {}});
    expect(structured(list)).toMatchObject({schemaVersion: 1, cwd: world.workspace, total: 1});
    expect((structured(list).sessions as Array<{id: string}>).map((s) => s.id)).toEqual([sessionId]);
    expect(textOf(list)).toContain(sessionId);

    const whole = structured(await client.callTool({name: 'kiro_session_show', arguments: {sessionId}}));
    expect(whole).toMatchObject({id: sessionId, cwd: world.workspace, omittedEntries: 0, truncated: false});
    const kinds = (whole.entries as Array<{kind: string; text?: string}>).map((e) => [e.kind, e.text]);
    expect(kinds).toEqual([
      ['prompt', 'First question'],
      ['answer', 'You said: First question'],
      ['prompt', 'Second question'],
      ['answer', 'You said: Second question'],
    ]);
    const args = {sessionId, maxEntries: 1};
    const newest = structured(await client.callTool({name: 'kiro_session_show', arguments: args}));
    expect(newest).toMatchObject({
      omittedEntries: 3,
      entries: [{kind: 'answer', text: 'You said: Second question'}],
    });
  });

  it('reads no session outside the allowed directories', async () => {
    const {world, other, sessionId} = await sessionOutsideCwd('elsewhere');
    const {client} = await startMcp(world);
    const list = await client.callTool({name: 'kiro_sessions_list', arguments: {cwd: other}});
    expect([list.isError, textOf(list)]).toEqual([
      true,
      `Refused by --allow-cwd: the cwd ${other} is outside the directories this server allows (${world.workspace}).`,
    ]);
    const show = await client.callTool({name: 'kiro_session_show', arguments: {sessionId}});
    expect([show.isError, textOf(show)]).toEqual([
      true,
      `Refused by --allow-cwd: the session ${sessionId} belongs to ${other}, outside the directories this server allows.`,
    ]);
    const unknown = await client.callTool({
      name: 'kiro_session_show',
      arguments: {sessionId: '00000000-0000-4000-8000-000000000000'},
    });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/^No session 00000000-0000-4000-8000-000000000000 in /);
  });

  it("kiro_doctor checks the setup with the server's settings", async () => {
    const {client} = await startMcp(makeWorld(), ['--model', 'claude-sonnet-4.5']);
    const result = await client.callTool({name: 'kiro_doctor', arguments: {}});
    const doc = structured(result);
    expect(doc).toMatchObject({schemaVersion: 1});
    const checks = doc.checks as Array<{id: string; status: string; message: string}>;
    expect(checks.find((check) => check.id === 'model')).toMatchObject({status: 'pass'});
    // No probe: a tool call never spends credits on a check.
    expect(checks.map((check) => check.id)).not.toContain('probe');
    expect(textOf(result)).toContain('claude-sonnet-4.5');
  });
});
