import {describe, expect, it} from 'vitest';
import type {TurnEvent} from '../../src/lib/engine/events.js';
import {TurnEvents} from '../../src/lib/engine/acp/turn-events.js';

const ID = '5f0f6db3-1f0e-40f1-9537-62c8480b904e';
const notice: TurnEvent = {type: 'notice', method: '_kiro.dev/commands/available', params: {}, elapsedMs: 3};
const metadata: TurnEvent = {
  type: 'metadata',
  sessionId: ID,
  credits: null,
  contextUsagePercent: 3.9,
  turnDurationMs: null,
  subagent: false,
  elapsedMs: 4,
};
const warning: TurnEvent & {type: 'warning'} = {
  type: 'warning',
  message: 'kiro-cli found no agent named "x"',
  elapsedMs: 5,
};
const session: TurnEvent = {
  type: 'session',
  engine: 'acp',
  sessionId: ID,
  resumed: null,
  model: 'auto',
  agent: 'kiro_default',
  elapsedMs: 7,
};
const message: TurnEvent = {type: 'message', text: 'Hi', messageIndex: 0, elapsedMs: 9};

function listened() {
  const seen: TurnEvent[] = [];
  return {seen, events: new TurnEvents((event) => seen.push(event), Date.now())};
}

describe('TurnEvents', () => {
  it('holds what kiro-cli said about the session until the session event, then reports it after, in order', () => {
    const {seen, events} = listened();
    for (const event of [notice, metadata, warning, session, message]) events.emit(event);
    expect(seen.map((e) => e.type)).toEqual(['notice', 'session', 'metadata', 'warning', 'message']);
    const stamps = seen.slice(1).map((e) => (e as {elapsedMs: number}).elapsedMs);
    expect(stamps).toEqual([7, 7, 7, 9]);
    expect(events.collector.result().warnings).toEqual([warning.message]);
  });

  it('a turn that never had a session reports what it held when it ends', () => {
    const {seen, events} = listened();
    events.emit(warning);
    expect(seen).toEqual([]);
    events.release();
    expect(seen).toEqual([warning]);
    events.emit(message);
    expect(seen).toEqual([warning, message]);
  });
});
