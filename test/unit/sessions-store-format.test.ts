import {readFileSync} from 'node:fs';
import path from 'node:path';

import {describe, expect, test} from 'vitest';

import {isoTime} from '../../src/lib/sessions/conversation.js';
import {parseV2Header, parseV3Meta} from '../../src/lib/sessions/session-meta.js';
import {parseV2Events, v2Prompts} from '../../src/lib/sessions/v2-events.js';
import {parseV3Messages, v3Prompts} from '../../src/lib/sessions/v3-events.js';
import {CAPTURES} from '../e2e/harness.js';

const ID = '3f0c6d2e-8b1a-4c7e-9d55-2a61b0e4f7c3';
const capture = (ext: string): string =>
  readFileSync(path.join(CAPTURES, 'session-store-2.14.x', `${ID}${ext}`), 'utf8');
const OPTS = {thinking: false, outputLimit: 2000};
const line = (kind: string, data: unknown): string => JSON.stringify({version: 'v1', kind, data});

describe('the V2 store (kiro-cli 2.14.x capture)', () => {
  test('the header: title, times, model, turns, credits; only parent_session_id marks a subagent', () => {
    expect(parseV2Header(JSON.parse(capture('.json')), ID)).toEqual({
      id: ID,
      engine: 'v2',
      title: 'Reply with exactly: PONG',
      cwd: '/home/dev/project',
      createdAt: '2026-03-14T09:12:40.118Z',
      updatedAt: '2026-03-14T09:13:52.904Z',
      parentId: null,
      model: 'auto',
      credits: null,
      turns: 2,
      messageIds: 6,
    });
    const child = {
      session_id: ID,
      cwd: '/w',
      created_at: '2026-06-11T23:26:46.269062Z',
      updated_at: '2026-06-11T23:26:47.269062Z',
      parent_session_id: 'p',
      session_created_reason: 'subagent',
      session_state: {
        conversation_metadata: {
          user_turn_metadatas: [
            {message_ids: ['a'], metering_usage: [{value: 0.01, unit: 'credit'}]},
            {
              message_ids: ['b', 'c'],
              metering_usage: [{value: 0.02, unit: 'credit', unit_plural: 'credits'}],
            },
          ],
        },
      },
    };
    expect(parseV2Header(child, 'file-id')).toMatchObject({
      id: 'file-id',
      parentId: 'p',
      createdAt: '2026-06-11T23:26:46.269Z',
      credits: 0.03,
      turns: 2,
      messageIds: 3,
    });
    // One public measurement found "subagent" on every session: the reason alone marks nothing.
    expect(parseV2Header({...child, parent_session_id: null}, ID)?.parentId).toBeNull();
    expect(parseV2Header('not an object', ID)).toBeNull();
  });

  test('the events: prompts, answers, tool calls paired with results; thinking only on request', () => {
    const {entries, messages} = parseV2Events(capture('.jsonl'), OPTS);
    expect(messages).toBe(6);
    expect(entries).toEqual([
      {kind: 'prompt', text: 'Reply with exactly: PONG', at: '2026-03-14T09:12:40.000Z', cancelled: false},
      {kind: 'answer', text: 'PONG'},
      {
        kind: 'prompt',
        text: 'Run the shell command: sleep 30 && echo done',
        at: '2026-03-14T09:13:19.204Z',
        cancelled: false,
      },
      {
        kind: 'tool',
        id: 'tooluse_Q2x9',
        name: 'shell',
        purpose: 'Run the sleep command',
        command: 'sleep 30 && echo done',
        status: 'success',
        output: 'done\n',
        outputTruncated: false,
      },
      {kind: 'answer', text: 'The command finished and printed `done`.'},
    ]);
    const withThinking = parseV2Events(capture('.jsonl'), {...OPTS, thinking: true}).entries;
    expect(withThinking.at(-2)).toEqual({kind: 'thinking', text: 'The command finished.'});
    expect(v2Prompts(capture('.jsonl'))).toEqual([
      'Reply with exactly: PONG',
      'Run the shell command: sleep 30 && echo done',
    ]);
  });

  test('Clear wipes what came before; Compaction, ResetTo and CancelledPrompt are kept; unknown kinds skipped', () => {
    const text = [
      line('Prompt', {content: [{kind: 'text', data: 'old'}]}),
      line('AssistantMessage', {content: [{kind: 'text', data: 'old answer'}]}),
      line('Clear', null),
      line('Prompt', {content: [{kind: 'text', data: 'new'}], meta: {timestamp: 1773479599.5}}),
      line('Compaction', {summary: 'We talked.', messages_snapshot: []}),
      line('ResetTo', {target_index: 1}),
      line('CancelledPrompt', {content: [{kind: 'text', data: 'never mind'}]}),
      line('SomethingNew', {x: 1}),
      '{"truncated line',
      '',
    ].join('\n');
    const {entries, messages} = parseV2Events(text, OPTS);
    expect(entries).toEqual([
      {kind: 'cleared', dropped: 2},
      {kind: 'prompt', text: 'new', at: '2026-03-14T09:13:19.500Z', cancelled: false},
      {kind: 'compaction', summary: 'We talked.'},
      {kind: 'reset', targetIndex: 1},
      {kind: 'prompt', text: 'never mind', at: null, cancelled: true},
    ]);
    expect(messages).toBe(1);
  });

  test('tool results: json and text blocks, errors, bounded output, a result without its call', () => {
    const text = [
      line('AssistantMessage', {
        content: [
          {kind: 'text', data: ''},
          {kind: 'toolUse', data: {toolUseId: 't1', name: 'read', input: {operations: []}}},
          {kind: 'toolUse', data: {toolUseId: 't2', name: 'shell', input: {command: 'make'}}},
        ],
      }),
      line('ToolResults', {
        content: [
          {
            kind: 'toolResult',
            data: {
              toolUseId: 't2',
              content: [{kind: 'json', data: {exit_status: 'exit status: 2', stdout: 'out', stderr: 'err'}}],
              status: 'error',
            },
          },
          {
            kind: 'toolResult',
            data: {toolUseId: 't1', content: [{kind: 'text', data: 'x'.repeat(30)}], status: 'success'},
          },
          {
            kind: 'toolResult',
            data: {toolUseId: 't9', content: [{kind: 'json', data: {items: [1]}}], status: 'success'},
          },
        ],
      }),
    ].join('\n');
    const {entries} = parseV2Events(text, {thinking: false, outputLimit: 13});
    expect(entries).toEqual([
      {
        kind: 'tool',
        id: 't1',
        name: 'read',
        purpose: null,
        command: null,
        status: 'success',
        output: 'x'.repeat(13),
        outputTruncated: true,
      },
      {
        kind: 'tool',
        id: 't2',
        name: 'shell',
        purpose: null,
        command: 'make',
        status: 'error',
        output: 'out\nerr',
        outputTruncated: false,
      },
      {
        kind: 'tool',
        id: 't9',
        name: null,
        purpose: null,
        command: null,
        status: 'success',
        output: '{"items":[1]}',
        outputTruncated: false,
      },
    ]);
  });

  test('prompts of appended events; null when nothing is an event', () => {
    expect(v2Prompts(line('AssistantMessage', {content: []}))).toEqual([]);
    expect(v2Prompts('garbage\n')).toBeNull();
    expect(v2Prompts('')).toBeNull();
  });
});

describe('the V3 bucketed store', () => {
  const record = (payload: object, timestamp = '2026-03-14T09:00:00.000Z'): string =>
    JSON.stringify({id: 'r', timestamp, payload});

  test('session.json in camelCase', () => {
    const meta = {
      id: 'sess_x',
      title: 'hello',
      agentMode: 'kiro_default',
      workspacePaths: ['/w'],
      createdAt: '2026-03-14T09:00:00.000Z',
      lastModifiedAt: 1773479632000,
      modelId: 'auto',
      parentSessionId: null,
    };
    expect(parseV3Meta(meta, 'sess_dir')).toEqual({
      id: 'sess_dir',
      engine: 'v3',
      title: 'hello',
      cwd: '/w',
      createdAt: '2026-03-14T09:00:00.000Z',
      updatedAt: '2026-03-14T09:13:52.000Z',
      parentId: null,
      model: 'auto',
      credits: null,
      turns: null,
      messageIds: null,
    });
    expect(parseV3Meta({...meta, workspacePaths: []}, 'sess_dir')?.cwd).toBeNull();
  });

  test('messages.jsonl: session_start and user prompts, reasoning as thinking, tool calls paired, lifecycle skipped', () => {
    const text = [
      record({type: 'turn_start'}),
      record({type: 'session_start', agentType: 'kiro_default', content: 'first'}),
      record({type: 'assistant', operationType: 'Reasoning', content: 'hmm'}),
      record({type: 'tool_call', toolCallId: 'c1', toolName: 'shell', args: {command: 'ls'}}),
      record({type: 'tool_result', toolCallId: 'c1', content: 'a\nb', success: false}),
      record({type: 'assistant', content: 'done'}),
      record({type: 'usage_summary', usage: 0.06}),
      record({type: 'user', content: 'second'}),
    ].join('\n');
    expect(parseV3Messages(text, {...OPTS, thinking: true})).toEqual({
      entries: [
        {kind: 'prompt', text: 'first', at: '2026-03-14T09:00:00.000Z', cancelled: false},
        {kind: 'thinking', text: 'hmm'},
        {
          kind: 'tool',
          id: 'c1',
          name: 'shell',
          purpose: null,
          command: 'ls',
          status: 'error',
          output: 'a\nb',
          outputTruncated: false,
        },
        {kind: 'answer', text: 'done'},
        {kind: 'prompt', text: 'second', at: '2026-03-14T09:00:00.000Z', cancelled: false},
      ],
      messages: 6,
    });
    expect(v3Prompts(text)).toEqual(['first', 'second']);
    expect(v3Prompts('nope')).toBeNull();
  });
});

test.each([
  [1773479560, '2026-03-14T09:12:40.000Z'],
  [1773479599.204113, '2026-03-14T09:13:19.204Z'],
  [1773479632000, '2026-03-14T09:13:52.000Z'],
  ['2026-06-11T23:26:46.269062Z', '2026-06-11T23:26:46.269Z'],
  ['yesterday', null],
  [null, null],
])('isoTime(%s) = %s', (value, iso) => {
  expect(isoTime(value)).toBe(iso);
});
