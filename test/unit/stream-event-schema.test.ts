import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {TURN_EVENT_TYPES, type TurnEvent} from '../../src/lib/engine/events.js';
import {sampleAskDocument, STREAM_EVENT_SCHEMA_PATH, validateStreamEvent} from '../helpers/validate.js';

/** One event of each type, as an engine reports them. */
const SAMPLES: TurnEvent[] = [
  {
    type: 'session',
    engine: 'acp',
    sessionId: 'sess_1',
    resumed: false,
    model: 'auto',
    agent: null,
    elapsedMs: 310,
  },
  {type: 'message', text: 'Hello', messageIndex: 0, elapsedMs: 900},
  {type: 'thought', text: 'Reading the file first.', elapsedMs: 800},
  {
    type: 'tool_call',
    id: 'tool-1',
    tool: 'read',
    title: 'Reading a.txt',
    kind: null,
    status: 'in_progress',
    elapsedMs: 1,
  },
  {
    type: 'tool_call_update',
    id: 'tool-1',
    status: 'completed',
    title: null,
    output: null,
    durationMs: 400,
    elapsedMs: 2,
  },
  {type: 'plan', entries: [{content: 'Read', status: 'in_progress', priority: 'medium'}], elapsedMs: 3},
  {
    type: 'permission_request',
    id: 't1',
    tool: 'shell',
    title: 'ls',
    kind: 'execute',
    options: ['allow_once'],
    elapsedMs: 4,
  },
  {type: 'permission_decision', id: 't1', tool: 'shell', decision: 'deny', by: 'policy', elapsedMs: 5},
  {
    type: 'metadata',
    sessionId: null,
    credits: 0.06,
    contextUsagePercent: null,
    turnDurationMs: 4000,
    subagent: false,
    elapsedMs: 6,
  },
  {type: 'warning', message: 'MCP functionality disabled', elapsedMs: 7},
  {type: 'notice', method: '_kiro.dev/new_thing', params: {any: ['shape']}, elapsedMs: 8},
  sampleAskDocument(),
];

interface StreamSchema {
  oneOf: Array<{$ref: string}>;
  $defs: Record<string, {properties?: Record<string, unknown>}>;
}

describe('schema/stream-event.schema.json', () => {
  it('has one branch per event type, in the order of TURN_EVENT_TYPES', () => {
    const schema = JSON.parse(readFileSync(STREAM_EVENT_SCHEMA_PATH, 'utf8')) as StreamSchema;
    expect(schema.oneOf.map((branch) => branch.$ref.replace('#/$defs/', ''))).toEqual([...TURN_EVENT_TYPES]);
    expect(SAMPLES.map((event) => event.type)).toEqual([...TURN_EVENT_TYPES]);
  });

  it.each(SAMPLES.map((event) => [event.type, event] as const))('a %s event validates', (_type, event) => {
    expect(validateStreamEvent(JSON.parse(JSON.stringify(event)))).toEqual({valid: true, errors: []});
  });

  it('refuses an unstamped event, an extra field, a bad status and a result that is not the document', () => {
    const invalid = (event: object): boolean => validateStreamEvent(event).valid;
    expect(invalid({type: 'message', text: 'x', messageIndex: 0})).toBe(false);
    expect(invalid({type: 'warning', message: 'x', elapsedMs: 1, extra: true})).toBe(false);
    expect(invalid({...SAMPLES[3], status: 'done'})).toBe(false);
    expect(invalid({...SAMPLES[1], elapsedMs: 1.5})).toBe(false);
    const {stderrTail: _dropped, ...partial} = sampleAskDocument();
    expect(invalid(partial)).toBe(false);
    expect(invalid({type: 'something_new', elapsedMs: 1})).toBe(false);
  });
});
