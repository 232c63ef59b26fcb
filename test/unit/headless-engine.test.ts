import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {engineFor} from '../../src/lib/engine/index.js';
import {headlessEngine} from '../../src/lib/engine/headless/run-turn.js';
import type {TurnEvent, TurnInput} from '../../src/lib/engine/turn.js';
import {makeWorld, removeWorlds, SIM_BIN, TEST_KEY} from '../e2e/harness.js';
import {validateStreamEvent} from '../helpers/validate.js';

afterAll(removeWorlds);

/** An event without its time stamp, to compare with an exact one. */
function unstamped(event: TurnEvent): Record<string, unknown> {
  const {elapsedMs: _elapsed, ...rest} = event as TurnEvent & {elapsedMs?: number};
  return rest;
}

/** One turn of the headless engine against the simulator, in a fresh world. */
async function turn(prompt: string, extra: Partial<TurnInput> = {}) {
  const world = makeWorld();
  const events: TurnEvent[] = [];
  const output = await headlessEngine.runTurn({
    prompt,
    cwd: world.workspace,
    cliPath: path.join(SIM_BIN, 'kiro-cli'),
    env: world.env,
    trust: {tools: []},
    harnessArgs: [],
    timeoutMs: 20_000,
    stallTimeoutMs: 0,
    keepTranscript: true,
    secrets: [TEST_KEY],
    onEvent: (event) => events.push(event),
    ...extra,
  });
  return {...output, events, dispose: () => output.texts.messages.forEach((spool) => spool.dispose())};
}

describe('headlessEngine', () => {
  it('is the engine named headless; acp names the ACP engine', async () => {
    expect(await engineFor('headless')).toBe(headlessEngine);
    expect((await engineFor('acp')).name).toBe('acp');
  });

  it('runs a turn: a classified result, the texts in spools, events as they happen', async () => {
    const run = await turn('hi [[sim:answer=Hello from the engine]]');
    expect(run.result).toMatchObject({outcome: 'completed', ok: true, exitCode: 0, text: '', messages: []});
    expect(run.result.command.at(-1)).toBe('<prompt>');
    expect(run.texts.messages.at(-1)?.toString()).toBe('Hello from the engine');
    expect(run.texts.transcript?.toString()).toContain('Hello from the engine');
    expect(run.events.map((e) => e.type)).toEqual(['session', 'metadata', 'warning', 'message']);
    run.dispose();
  });

  it('reports the contract events as the transcript and stderr stream in', async () => {
    const startedAt = Date.now() - 1000;
    const run = await turn('hi [[sim:tools]]', {model: 'claude-sonnet-4.5', startedAt});
    const shape = run.events.map(unstamped);
    expect(shape[0]).toEqual({
      type: 'session',
      engine: 'headless',
      sessionId: null,
      resumed: null,
      model: 'claude-sonnet-4.5',
      agent: null,
    });
    const call = (n: number, tool: string, title: string) =>
      ({type: 'tool_call', id: `tool-${n}`, tool, title, kind: null, status: 'in_progress'}) as const;
    const done = (n: number, durationMs: number) =>
      ({
        type: 'tool_call_update',
        id: `tool-${n}`,
        status: 'completed',
        title: null,
        output: null,
        durationMs,
      }) as const;
    expect(shape.filter((e) => String(e.type).startsWith('tool'))).toEqual([
      call(1, 'shell', 'I will run the following command: git -C /home/u/proj status --short'),
      call(2, 'read', 'Batch fs_read operation with 3 operations'),
      done(1, 900),
      done(2, 100),
      call(3, 'read', 'Batch fs_read operation with 2 operations'),
      done(3, 0),
    ]);
    expect(shape.filter((e) => e.type === 'message')).toEqual([
      {
        type: 'message',
        text: 'Substantial work exists across all 10 tasks. Let me verify the current state by running the reproduction script.\n',
        messageIndex: 0,
      },
      {type: 'message', text: 'Both suites are green.\n', messageIndex: 1},
    ]);
    expect(shape).toContainEqual({
      type: 'metadata',
      sessionId: null,
      credits: 0.06,
      contextUsagePercent: null,
      turnDurationMs: 1000,
      subagent: false,
    });
    expect(shape).toContainEqual({
      type: 'warning',
      message: 'Failed to retrieve MCP settings; MCP functionality disabled',
    });
    // Stamped from the turn's start, in order, and each one a valid stream-json line.
    const stamps = run.events.map((e) => ('elapsedMs' in e ? e.elapsedMs : -1));
    expect(stamps.every((ms, i) => Number.isInteger(ms) && ms >= 1000 && ms >= (stamps[i - 1] ?? 0))).toBe(
      true,
    );
    for (const event of run.events) expect(validateStreamEvent(event)).toEqual({valid: true, errors: []});
    run.dispose();
  });

  it('a listener that throws breaks nothing: the turn completes and says so in a warning', async () => {
    const run = await turn('hi [[sim:answer=fine]]', {
      onEvent: () => {
        throw new Error('listener bug');
      },
    });
    expect(run.result.outcome).toBe('completed');
    expect(run.result.warnings).toContain('An event listener failed: listener bug');
    run.dispose();
  });

  it('redacts secrets from warning events as from the result', async () => {
    const run = await turn(`hi [[sim:error=bad key ${TEST_KEY}]]`);
    const warnings = run.events.flatMap((e) => (e.type === 'warning' ? [e.message] : []));
    expect(warnings).toContain('error: bad key ksk_***');
    expect(warnings).toEqual(run.result.warnings);
    run.dispose();
  });

  it('keeps only the answer when the transcript is not wanted', async () => {
    const run = await turn('hi [[sim:answer=Only this]]', {keepTranscript: false});
    expect(run.texts.transcript).toBeNull();
    expect(run.texts.messages.map(String)).toEqual(['Only this']);
    run.dispose();
  });

  it('a cancelled turn is an outcome, not a throw', async () => {
    const controller = new AbortController();
    controller.abort('SIGTERM');
    const run = await turn('hi', {signal: controller.signal});
    expect(run.result).toMatchObject({outcome: 'cancelled', exitCode: null});
    expect(run.result.message).toContain('SIGTERM');
  });
});
