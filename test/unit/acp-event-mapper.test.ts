import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {EventMapper} from '../../src/lib/engine/acp/event-mapper.js';
import {TurnCollector} from '../../src/lib/engine/acp/turn-collector.js';
import {boundText, toolOutputText} from '../../src/lib/engine/acp/tool-output.js';
import type {AcpFrame} from '../../src/lib/engine/acp/wire-tap.js';
import type {TurnEvent} from '../../src/lib/engine/events.js';

const captures = path.resolve(
  fileURLToPath(new URL('../..', import.meta.url)),
  '../shared/kiro-cli/captures',
);

function capture(name: string): AcpFrame[] {
  return fs
    .readFileSync(path.join(captures, name), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as AcpFrame);
}

function mapAll(frames: AcpFrame[], main: string | null, mapper = new EventMapper()): TurnEvent[] {
  if (main !== null) mapper.follow(main);
  return frames.flatMap((frame, i) => mapper.map(frame, i * 10));
}

const update = (sessionId: string, body: Record<string, unknown>): AcpFrame => ({
  jsonrpc: '2.0',
  method: 'session/update',
  params: {sessionId, update: body},
});

describe('EventMapper on the captures', () => {
  it('maps the 2.5.1 turn: two chunks of one message, then the metadata with its credits', () => {
    // The first frame is the client's own session/prompt request.
    const frames = capture('acp-2.5.1-turn.jsonl').slice(1);
    const events = mapAll(frames, 'c58048a9-0000-4000-8000-000000000001');
    expect(events).toEqual([
      {type: 'message', text: 'Hello', messageIndex: 0, elapsedMs: 0},
      {type: 'message', text: '.', messageIndex: 0, elapsedMs: 10},
      {
        type: 'metadata',
        sessionId: 'c58048a9-0000-4000-8000-000000000001',
        credits: 0.014645598275290217,
        contextUsagePercent: 10.348,
        turnDurationMs: 1804,
        subagent: false,
        elapsedMs: 20,
      },
    ]);
  });

  it('maps the handshake: the roster as a notice, the commands as a notice, the context as metadata', () => {
    const events = mapAll(capture('acp-2.13.0-handshake.jsonl'), null);
    expect(events.map((e) => [e.type, 'method' in e ? e.method : null])).toEqual([
      ['notice', '_kiro.dev/subagent/list_update'],
      ['notice', '_kiro.dev/commands/available'],
      ['metadata', null],
    ]);
    expect(events[2]).toMatchObject({credits: null, contextUsagePercent: 3.908087968826294, subagent: false});
  });

  it('names the tool of the permission capture from its preview, and bounds nothing small', () => {
    const frames = capture('acp-2.x-tool-permission.jsonl');
    const mapper = new EventMapper();
    const events = mapAll(frames, '2fca0000-0000-4000-8000-000000000002', mapper);
    expect(events).toEqual([
      {
        type: 'tool_call',
        id: 'tooluse_RmZX',
        tool: 'read',
        title: 'Reading MARKER.txt:1',
        kind: 'read',
        status: 'pending',
        elapsedMs: 10,
      },
      {
        type: 'tool_call_update',
        id: 'tooluse_RmZX',
        status: 'completed',
        title: 'Reading MARKER.txt:1',
        output: 'ZUCCHINI_LIGHTHOUSE_42',
        durationMs: 20,
        elapsedMs: 30,
      },
    ]);
    const request = frames[2]?.params as Parameters<EventMapper['requestTool']>[0];
    expect(mapper.requestTool(request)).toEqual({tool: 'read', title: 'Reading MARKER.txt:1', kind: 'read'});
  });
});

describe('EventMapper', () => {
  it('turns an update kind nobody knows, and another session’s updates, into notices with the raw params', () => {
    const future = update('s1', {sessionUpdate: 'future_kind', payload: {x: 1}});
    const foreign = update('s2', {sessionUpdate: 'agent_message_chunk', content: {type: 'text', text: 'hi'}});
    expect(mapAll([future, foreign], 's1')).toEqual([
      {type: 'notice', method: 'session/update', params: future.params, elapsedMs: 0},
      {type: 'notice', method: 'session/update', params: foreign.params, elapsedMs: 10},
    ]);
  });

  it('keeps the session’s updates as notices until it follows the session (a load’s history replay)', () => {
    const replay = update('s1', {sessionUpdate: 'agent_message_chunk', content: {type: 'text', text: 'old'}});
    const mapper = new EventMapper();
    expect(mapper.map(replay, 0)).toEqual([
      {type: 'notice', method: 'session/update', params: replay.params, elapsedMs: 0},
    ]);
    mapper.follow('s1');
    expect(mapper.map(replay, 5)).toEqual([{type: 'message', text: 'old', messageIndex: 0, elapsedMs: 5}]);
  });

  it('starts a new message after a tool call interrupts the text, and maps thoughts and plans', () => {
    const chunk = (text: string) =>
      update('s', {sessionUpdate: 'agent_message_chunk', content: {type: 'text', text}});
    const events = mapAll(
      [
        update('s', {sessionUpdate: 'agent_thought_chunk', content: {type: 'text', text: 'hmm'}}),
        update('s', {
          sessionUpdate: 'plan',
          entries: [{content: 'Look', priority: 'medium', status: 'in_progress'}],
        }),
        update('s', {sessionUpdate: 'tool_call', toolCallId: 't0', title: 'ls', kind: 'execute'}),
        chunk('Step 1. '),
        update('s', {sessionUpdate: 'tool_call', toolCallId: 't1', title: 'ls', kind: 'execute'}),
        chunk('Done'),
        chunk('.'),
      ],
      's',
    );
    expect(events.filter((e) => e.type === 'message').map((e) => [e.text, e.messageIndex])).toEqual([
      ['Step 1. ', 0],
      ['Done', 1],
      ['.', 1],
    ]);
    expect(events[0]).toEqual({type: 'thought', text: 'hmm', elapsedMs: 0});
    expect(events[1]).toEqual({
      type: 'plan',
      entries: [{content: 'Look', priority: 'medium', status: 'in_progress'}],
      elapsedMs: 10,
    });
  });

  it('attributes metadata by session id: a subagent’s is marked and not counted', () => {
    const meta = (sessionId: string, value: number) => ({
      jsonrpc: '2.0',
      method: '_kiro.dev/metadata',
      params: {sessionId, meteringUsage: [{value, unit: 'credit', unitPlural: 'credits'}], turnDurationMs: 7},
    });
    const events = mapAll(
      [
        meta('child', 0.01),
        meta('main', 0.5),
        meta('child', 0.01),
        {jsonrpc: '2.0', method: '_kiro.dev/metadata', params: {sessionId: 'main'}},
      ],
      'main',
    );
    expect(events.map((e) => e.type === 'metadata' && [e.sessionId, e.credits, e.subagent])).toEqual([
      ['child', 0.01, true],
      ['main', 0.5, false],
      ['child', 0.01, true],
      ['main', null, false],
    ]);
    const collector = new TurnCollector();
    collector.startTurn();
    events.forEach((e) => collector.add(e));
    expect(collector.result()).toMatchObject({credits: 0.5, kiroTimeMs: 7});
  });

  it('reads V3 metering from session_info_update, whichever session it names', () => {
    const info = (sessionId: string, kiro: object) =>
      update(sessionId, {sessionUpdate: 'session_info_update', _meta: {kiro}});
    const events = mapAll(
      [
        info('sess_a', {kind: 'turn_start', turnStart: true}),
        info('sess_a', {
          kind: 'turn_completion',
          promptTurnSummaries: [{unit: 'credit', usage: 0.25, usedTools: []}],
          elapsedTime: 40,
          status: 'success',
        }),
        info('sess_a', {kind: 'context_usage', usagePercentage: 4.2}),
        info('sess_b', {kind: 'turn_completion', promptTurnSummaries: [{unit: 'credit', usage: 1}]}),
      ],
      'sess_a',
    );
    expect(events.map((e) => e.type)).toEqual(['notice', 'metadata', 'metadata', 'metadata']);
    expect(events[1]).toMatchObject({credits: 0.25, turnDurationMs: 40, subagent: false});
    expect(events[2]).toMatchObject({credits: null, contextUsagePercent: 4.2});
    expect(events[3]).toMatchObject({sessionId: 'sess_b', credits: 1, subagent: true});
  });

  it('turns rate limits, MCP failures and missing agents into warnings, other extensions and requests into notices', () => {
    const events = mapAll(
      [
        {jsonrpc: '2.0', method: '_kiro.dev/error/rate_limit', params: {message: 'Request quota exceeded.'}},
        {
          jsonrpc: '2.0',
          method: '_kiro.dev/mcp/server_init_failure',
          params: {serverName: 'gh', error: 'spawn npx ENOENT'},
        },
        {
          jsonrpc: '2.0',
          method: '_kiro.dev/agent/not_found',
          params: {requestedAgent: 'ghost', fallbackAgent: 'kiro_default'},
        },
        {jsonrpc: '2.0', method: '_kiro/compaction/status', params: {state: 'started'}},
        {jsonrpc: '2.0', id: 'u1', method: '_kiro/auth/getAccessToken', params: {}},
        {jsonrpc: '2.0', id: 'u2', method: 'session/request_permission', params: {}},
        {jsonrpc: '2.0', id: 3, result: {stopReason: 'end_turn'}},
      ],
      's',
    );
    expect(
      events.map((e) => (e.type === 'warning' ? e.message : e.type === 'notice' ? e.method : e.type)),
    ).toEqual([
      'Request quota exceeded.',
      'MCP server gh failed to start: spawn npx ENOENT',
      'kiro-cli found no agent named "ghost" and fell back to "kiro_default".',
      '_kiro/compaction/status',
      '_kiro/auth/getAccessToken',
    ]);
  });
});

describe('tool output', () => {
  it('joins Text and Json items, ACP content blocks, or the raw output', () => {
    expect(toolOutputText({items: [{Text: 'a'}, {Json: {exit_status: 0}}]}, undefined)).toBe(
      'a\n{"exit_status":0}',
    );
    expect(toolOutputText(undefined, [{type: 'content', content: {type: 'text', text: 'b'}}])).toBe('b');
    expect(toolOutputText({response: 'r'}, undefined)).toBe('{"response":"r"}');
    expect(toolOutputText(undefined, undefined)).toBeNull();
  });

  it('cuts at 64 KiB between characters and says how much was cut', () => {
    const text = `${'x'.repeat(65535)}€€`;
    const cut = toolOutputText({items: [{Text: text}]}, undefined) as string;
    expect(cut).toBe(`${'x'.repeat(65535)}… [6 more bytes]`);
    expect(boundText('ab€', 3)).toBe('ab… [3 more bytes]');
    expect(boundText('short', 100)).toBe('short');
  });
});
