import {mkdirSync, symlinkSync} from 'node:fs';
import path from 'node:path';

import {afterAll, afterEach, describe, expect, it} from 'vitest';

import {TEST_KEY, makeWorld, records, removeWorlds} from './harness.js';
import {closeAll, sessionOutsideCwd, startMcp, structured, textOf, type McpSession} from './mcp-client.js';

afterEach(closeAll);
afterAll(removeWorlds);

/** Calls kiro_ask and returns the text of a refusal (the call must be a tool error without a result). */
async function refusal(session: McpSession, args: Record<string, unknown>): Promise<string> {
  const result = await session.client.callTool({name: 'kiro_ask', arguments: {prompt: 'hi', ...args}});
  expect([result.isError, result.structuredContent]).toEqual([true, undefined]);
  return textOf(result);
}

describe('kiro-x mcp: a call cannot do more than the server allows', () => {
  it('refuses a cwd outside the allowed directories, through .. or a symlink; runs one inside', async () => {
    const world = makeWorld();
    const outside = path.dirname(world.workspace);
    mkdirSync(path.join(world.workspace, 'sub'));
    symlinkSync(outside, path.join(world.workspace, 'escape'));
    const session = await startMcp(world);
    expect(await refusal(session, {cwd: '..'})).toBe(
      `Refused by --allow-cwd: the cwd ${outside} is outside the directories this server allows (${world.workspace}).`,
    );
    expect(await refusal(session, {cwd: 'sub/../../ws/../..'})).toContain(
      `the cwd ${path.dirname(outside)} is outside`,
    );
    expect(await refusal(session, {cwd: 'escape'})).toBe(
      `Refused by --allow-cwd: the cwd ${world.workspace}/escape (really ${outside}) is outside the directories this server allows (${world.workspace}).`,
    );
    const inside = await session.client.callTool({name: 'kiro_ask', arguments: {prompt: 'hi', cwd: 'sub'}});
    expect(structured(inside).outcome).toBe('completed');
    expect(records(world).map((record) => record.cwd)).toEqual([path.join(world.workspace, 'sub')]);
  });

  it('--allow-cwd names the directories, which a call may name absolutely', async () => {
    const world = makeWorld();
    const other = path.join(world.home, 'other');
    mkdirSync(other);
    const session = await startMcp(world, ['--allow-cwd', other]);
    expect(await refusal(session, {})).toContain(`the cwd ${world.workspace} is outside`);
    const result = await session.client.callTool({name: 'kiro_ask', arguments: {prompt: 'hi', cwd: other}});
    expect(structured(result).outcome).toBe('completed');
  });

  it('refuses a widened trust, passes a narrowed one to kiro-cli', async () => {
    const world = makeWorld();
    const session = await startMcp(world, ['--trust-tools', 'read,shell']);
    expect(await refusal(session, {trustTools: ['shell', 'write']})).toBe(
      'Refused by --trust-tools: trustTools names write, which this server does not trust (it trusts: read, shell).',
    );
    expect(await refusal(session, {trustAllTools: true})).toBe(
      'Refused by --trust-all-tools: trustAllTools asks for more trust than this server gives (it trusts: read, shell).',
    );
    await session.client.callTool({name: 'kiro_ask', arguments: {prompt: 'hi', trustTools: ['read']}});
    await session.client.callTool({name: 'kiro_ask', arguments: {prompt: 'hi'}});
    expect(records(world).map((record) => record.trustedTools)).toEqual([['read'], ['read', 'shell']]);
  });

  it('refuses models and agents off the allow lists, and prompts over the size limit', async () => {
    const args = [
      '--allow-model',
      'claude-sonnet-4.5',
      '--allow-agent',
      'reviewer',
      '--max-prompt-bytes',
      '8',
    ];
    const session = await startMcp(makeWorld(), args);
    expect(await refusal(session, {model: 'claude-opus-4.1'})).toBe(
      'Refused by --allow-model: the model "claude-opus-4.1" is not one this server allows (claude-sonnet-4.5).',
    );
    expect(await refusal(session, {agent: 'admin'})).toMatch(/^Refused by --allow-agent: /);
    expect(await refusal(session, {prompt: 'nine byte'})).toBe(
      'Refused by --max-prompt-bytes: the prompt has 9 bytes; this server takes at most 8.',
    );
  });

  it('refuses to continue a session that belongs to a directory the server does not allow', async () => {
    const {world, other, sessionId} = await sessionOutsideCwd('secret plans');
    const narrow = await startMcp(world);
    expect(await refusal(narrow, {sessionId})).toBe(
      `Refused by --allow-cwd: the session ${sessionId} belongs to ${other}, outside the directories this server allows.`,
    );
  });

  it('never shows the API key, in results, texts or logs', async () => {
    const world = makeWorld();
    const session = await startMcp(world);
    const result = await session.client.callTool({name: 'kiro_ask', arguments: {prompt: `echo ${TEST_KEY}`}});
    const async = await session.client.callTool({
      name: 'kiro_ask_async',
      arguments: {prompt: `again ${TEST_KEY}`},
    });
    const list = await session.client.callTool({name: 'kiro_task_list', arguments: {}});
    const everything = JSON.stringify([result, async, list]) + session.stderr();
    expect(structured(result).text).toBe('You said: echo ksk_***');
    expect(everything).not.toContain(TEST_KEY);
  });
});
