import {describe, expect, it, vi} from 'vitest';
import {
  AcpConnection,
  AcpHandshakeError,
  AcpTimeoutError,
  handshakeFailure,
  runAcpTurn,
  type AcpTurnInput,
  type AcpTurnResult,
} from '../../src/lib/engine/acp/index.js';
import type {TurnEvent} from '../../src/lib/engine/events.js';
import {fakeAgent, openSim, simBox, startSim, turnInput} from '../helpers/acp-sim.js';

describe('AcpConnection against the simulator', () => {
  it('opens with initialize and reports the agent of each dialect', async () => {
    const box = simBox();
    const v2 = await openSim(box, 'v2');
    expect(v2.conn.agent).toEqual({
      protocolVersion: 1,
      name: 'Kiro CLI Agent',
      version: '2.21.2',
      loadSession: true,
    });
    const v3 = await openSim(box, 'v3');
    expect(v3.sim.args).toEqual(['acp', '--agent-engine=v3', '--auth-method=cli']);
    expect(v3.conn.agent.loadSession).toBe(true);
  });

  it('reports a missing credential (stderr, no frame, exit) as auth_failed', async () => {
    const box = simBox();
    const sim = startSim(box, ['acp'], {});
    const failure = await AcpConnection.open(sim.streams, {dialect: 'v2', initializeTimeoutMs: 5000}).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AcpHandshakeError);
    const result = await handshakeFailure(failure as AcpHandshakeError, {
      command: ['kiro-cli', 'acp'],
      secrets: [],
      apiKeySet: false,
    });
    expect(result).toMatchObject({
      outcome: 'auth_failed',
      exitCode: 1,
      stderrTail: 'error: You are not logged in, please log in with kiro-cli login',
    });
    expect(result.message).toContain('You are not logged in');
  });

  it('bounds initialize: a process that never answers is a timeout, not a hang', async () => {
    const agent = fakeAgent();
    const began = Date.now();
    const failure = await AcpConnection.open(agent.streams, {dialect: 'v2', initializeTimeoutMs: 200}).then(
      () => null,
      (error: unknown) => error,
    );
    expect((failure as AcpHandshakeError).cause).toBeInstanceOf(AcpTimeoutError);
    expect(Date.now() - began).toBeLessThan(2000);
    const result = await handshakeFailure(failure as AcpHandshakeError, {
      command: [],
      secrets: [],
      apiKeySet: false,
    });
    expect(result).toMatchObject({
      outcome: 'failed',
      message: 'kiro-cli did not answer initialize within 200 ms.',
    });
  });
});

describe('the wire tap', () => {
  async function scripted(
    frames: (sessionId: string) => Array<object | string>,
    options: {input?: Partial<AcpTurnInput>; afterNew?: object[]} = {},
  ): Promise<{events: TurnEvent[]; text: string; result: AcpTurnResult}> {
    const agent = fakeAgent();
    const opening = AcpConnection.open(agent.streams, {dialect: 'v2', initializeTimeoutMs: 2000});
    const init = await agent.next('initialize');
    agent.write({
      jsonrpc: '2.0',
      id: init.id,
      result: {protocolVersion: 1, agentCapabilities: {loadSession: false}},
    });
    const conn = await opening;
    const events: TurnEvent[] = [];
    const running = runAcpTurn(conn, {
      ...turnInput(simBox(), 'hi'),
      onEvent: (event) => events.push(event),
      ...options.input,
    });
    const created = await agent.next('session/new');
    agent.write({jsonrpc: '2.0', id: created.id, result: {sessionId: 's1'}});
    for (const frame of options.afterNew ?? []) agent.write(frame);
    const prompt = await agent.next('session/prompt');
    for (const frame of frames('s1')) {
      if (typeof frame === 'string') agent.raw(frame);
      else agent.write(frame);
    }
    agent.write({jsonrpc: '2.0', id: prompt.id, result: {stopReason: 'end_turn'}});
    const result = await running;
    return {events, text: result.text, result};
  }

  it('keeps an update kind the SDK does not know as a notice, and a stray stdout line as a warning', async () => {
    const unknown = {sessionId: 's1', update: {sessionUpdate: 'future_kind', detail: {a: 1}}};
    const logged = vi.spyOn(console, 'error');
    const {events, text} = await scripted(() => [
      'Thinking...',
      {jsonrpc: '2.0', method: 'session/update', params: unknown},
      {
        jsonrpc: '2.0',
        method: 'session/update',
        params: {
          sessionId: 's1',
          update: {sessionUpdate: 'agent_message_chunk', content: {type: 'text', text: 'ok'}},
        },
      },
    ]);
    expect(events.filter((e) => e.type === 'notice' && e.method === 'session/update')).toEqual([
      {type: 'notice', method: 'session/update', params: unknown, elapsedMs: expect.any(Number) as number},
    ]);
    expect(text).toBe('ok');
    expect(events.filter((e) => e.type === 'warning').map((e) => e.message)).toEqual([
      'kiro-cli wrote a line that is not JSON-RPC: Thinking...',
    ]);
    // The SDK never saw the notification, so it logged nothing on kiro-x's stderr.
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
  });

  it('ends the turn on the prompt answer only, with every chunk written before it', async () => {
    const chunk = (text: string) => ({
      jsonrpc: '2.0',
      method: 'session/update',
      params: {
        sessionId: 's1',
        update: {sessionUpdate: 'agent_message_chunk', content: {type: 'text', text}},
      },
    });
    const many = Array.from({length: 200}, (_, i) => chunk(`${i} `));
    const {text} = await scripted(() => [
      ...many.slice(0, 100),
      {jsonrpc: '2.0', method: '_kiro.dev/metadata', params: {sessionId: 's1', turnDurationMs: 5}},
      ...many.slice(100),
    ]);
    expect(text).toBe(Array.from({length: 200}, (_, i) => i).join(' '));
  });

  it('fails a turn whose agent kiro-cli reports not found after session/new', async () => {
    const notFound = {
      jsonrpc: '2.0',
      method: '_kiro.dev/agent/not_found',
      params: {requestedAgent: 'rev', fallbackAgent: 'kiro_default'},
    };
    const {result} = await scripted(() => [], {input: {agent: 'rev'}, afterNew: [notFound]});
    expect(result.outcome).toBe('agent_not_found');
    expect(result.warnings).toContain('kiro-cli found no agent named "rev" and fell back to "kiro_default".');
  });
});
