import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {isTransient} from '../../src/lib/batch/retry-policy.js';
import {runAcpTurn, type AcpTurnInput} from '../../src/lib/engine/acp/index.js';
import type {TurnEvent} from '../../src/lib/engine/events.js';
import {KEY, openSim, simBox, turnInput, type SimBox} from '../helpers/acp-sim.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function turn(
  box: SimBox,
  prompt: string,
  options: {dialect?: 'v2' | 'v3'; env?: Record<string, string>; input?: Partial<AcpTurnInput>} = {},
) {
  const {conn} = await openSim(
    box,
    options.dialect ?? 'v2',
    options.env === undefined ? {} : {env: options.env},
  );
  const events: TurnEvent[] = [];
  const result = await runAcpTurn(
    conn,
    turnInput(box, prompt, {onEvent: (e) => events.push(e), ...options.input}),
  );
  return {result, events};
}

const ofType = <T extends TurnEvent['type']>(events: TurnEvent[], type: T) =>
  events.filter((e): e is Extract<TurnEvent, {type: T}> => e.type === type);

describe('a V2 turn', () => {
  it('streams the chunks of the 2.5.1 capture and ends with its credits on end_turn', async () => {
    const box = simBox();
    const {result, events} = await turn(box, 'Say hello in one word.');
    expect(ofType(events, 'message').map((e) => [e.text, e.messageIndex])).toEqual([
      ['Hello', 0],
      ['.', 0],
    ]);
    const [session] = ofType(events, 'session');
    expect(session).toMatchObject({engine: 'acp', resumed: null, model: 'auto', agent: 'kiro_default'});
    expect(session?.sessionId).toMatch(UUID);
    expect(result).toMatchObject({
      schemaVersion: 1,
      ok: true,
      outcome: 'completed',
      message: 'The turn completed.',
      text: 'Hello.',
      messages: ['Hello.'],
      credits: 0.06,
      sessionId: session?.sessionId,
      permissions: [],
      exitCode: null,
      command: ['kiro-cli', 'acp'],
    });
    expect(typeof result.kiroTimeMs).toBe('number');
    expect(events.every((e) => e.type === 'result' || Number.isInteger(e.elapsedMs))).toBe(true);
  });

  it('counts only the main session’s credits, not its subagents’', async () => {
    const {result, events} = await turn(simBox(), '[[sim:subagent=2]][[sim:credits=0.5]] go');
    const metadata = ofType(events, 'metadata').filter((e) => e.credits !== null);
    expect(metadata.map((e) => [e.credits, e.subagent])).toEqual([
      [0.01, true],
      [0.01, true],
      [0.5, false],
    ]);
    expect(result.credits).toBe(0.5);
  });

  it('keeps the last chunk and the credits when the metadata comes before it', async () => {
    const {result, events} = await turn(simBox(), '[[sim:early-end]][[sim:answer=one two]]');
    expect(
      events
        .filter((e) => e.type === 'message' || e.type === 'metadata')
        .map((e) => e.type)
        .slice(-3),
    ).toEqual(['message', 'metadata', 'message']);
    expect(result).toMatchObject({outcome: 'completed', text: 'one two', credits: 0.06});
  });

  it('maps thoughts, a plan, messages split by a tool call, and the tool’s duration', async () => {
    const box = simBox();
    fs.writeFileSync(path.join(box.cwd, 'notes.txt'), 'NOTE CONTENT');
    const {result, events} = await turn(
      box,
      '[[sim:thinking=Let me think]][[sim:plan=Look;Answer]][[sim:tool=read:notes.txt]][[sim:answer=Done.]]',
    );
    expect(
      ofType(events, 'thought')
        .map((e) => e.text)
        .join(''),
    ).toBe('Let me think');
    expect(ofType(events, 'plan')[0]?.entries.map((e) => e.content)).toEqual(['Look', 'Answer']);
    expect(ofType(events, 'tool_call_update').at(-1)).toMatchObject({
      status: 'completed',
      output: 'NOTE CONTENT',
    });
    expect(result.toolCalls).toEqual([
      {tool: 'read', title: 'Reading notes.txt:1', durationMs: expect.any(Number)},
    ]);
    expect(result.text).toBe('Done.');
  });

  it('answers every stop reason with its own outcome', async () => {
    const box = simBox();
    const {conn} = await openSim(box);
    const outcomes: Record<string, string> = {};
    for (const reason of ['end_turn', 'max_tokens', 'max_turn_requests', 'refusal', 'cancelled']) {
      outcomes[reason] = (await runAcpTurn(conn, turnInput(box, `[[sim:stop=${reason}]]`))).outcome;
    }
    expect(outcomes).toEqual({
      end_turn: 'completed',
      max_tokens: 'max_tokens',
      max_turn_requests: 'max_turn_requests',
      refusal: 'refused',
      cancelled: 'cancelled',
    });
  });
});

describe('a V3 turn', () => {
  it('sets model, effort and autopilot off as config options, and reads credits from session_info_update', async () => {
    const box = simBox();
    const {sim, conn} = await openSim(box, 'v3');
    const events: TurnEvent[] = [];
    const input = turnInput(box, '[[sim:credits=0.25]] hello', {
      model: 'claude-haiku-4.5',
      effort: 'high',
      onEvent: (e) => events.push(e),
    });
    const result = await runAcpTurn(conn, input);
    expect(result).toMatchObject({outcome: 'completed', credits: 0.25, model: 'claude-haiku-4.5'});
    expect(result.sessionId).toMatch(/^sess_/);
    expect(ofType(events, 'metadata').some((e) => e.credits === 0.25 && !e.subagent)).toBe(true);
    const options = sim.sent
      .filter((f) => f.method === 'session/set_config_option')
      .map((f) => f.params as {configId: string; value: string});
    expect(options.map((o) => [o.configId, o.value])).toEqual([
      ['model', 'claude-haiku-4.5'],
      ['effortLevel', 'high'],
      ['autopilot', 'off'],
    ]);
    const created = sim.sent.find((f) => f.method === 'session/new');
    expect(created?.params).toEqual({cwd: box.cwd, mcpServers: []});
  });

  it('fails clearly when a config option is refused', async () => {
    const {result} = await turn(simBox(), 'hi', {dialect: 'v3', input: {model: 'gpt-9'}});
    expect(result.outcome).toBe('failed');
    expect(result.message).toMatch(
      /^kiro-cli answered session\/set_config_option with error -32602 \(Invalid value 'gpt-9'/,
    );
  });

  it('turns autopilot off, so a tool asks and kiro-x’s policy answers', async () => {
    const {result} = await turn(simBox(), '[[sim:shell=ls]] go', {dialect: 'v3'});
    expect(result.permissions).toEqual([
      {tool: 'shell', title: 'ls', kind: 'execute', decision: 'deny', by: 'policy'},
    ]);
    expect(result.deniedTools).toEqual(['shell']);
  });
});

describe('errors', () => {
  it('reports a usage limit as usage_limited, not retryable', async () => {
    const {result} = await turn(simBox(), '[[sim:usage-limit]]');
    expect(result.outcome).toBe('usage_limited');
    expect(result.message).toContain('the limits reset on 10/01');
    expect(isTransient(result as Parameters<typeof isTransient>[0])).toBe(false);
  });

  it('reports a rate limit as a failure the batch retry policy retries', async () => {
    const {result, events} = await turn(simBox(), '[[sim:backend=quota]]');
    expect(ofType(events, 'warning').map((e) => e.message)).toContain(
      'Request quota exceeded. Please wait a moment and try again.',
    );
    expect(result.outcome).toBe('failed');
    expect(result.message).toMatch(/^kiro-cli answered session\/prompt with error -32603 \(backend: /);
    expect(isTransient(result as Parameters<typeof isTransient>[0])).toBe(true);
  });

  it('reports a process that exits unanswered with its exit code and stderr', async () => {
    const {result} = await turn(simBox(), '[[sim:crash]]');
    expect(result).toMatchObject({outcome: 'failed', exitCode: 101});
    expect(result.message).toMatch(/^kiro-cli exited 101 without answering session\/prompt \(.*panicked/);
    expect(result.text).toBe(result.messages[0]);
    expect(result.stderrTail).toContain('simulated panic');
  });

  it('stops before prompting when the agent asked for was not found', async () => {
    const box = simBox();
    const record = fs.mkdtempSync(path.join(box.home, 'record-'));
    const {conn} = await openSim(box, 'v2', {
      extraArgs: ['--agent', 'ghost'],
      env: {...KEY, KIRO_SIM_RECORD: record},
    });
    const result = await runAcpTurn(conn, turnInput(box, 'hi', {agent: 'ghost'}));
    expect(result.outcome).toBe('agent_not_found');
    expect(result.message).toContain('no agent named "ghost"');
    const [doc] = fs
      .readdirSync(record)
      .map((n) => JSON.parse(fs.readFileSync(path.join(record, n), 'utf8')) as {prompt?: unknown});
    expect(doc?.prompt ?? null).toBeNull();
  });
});
