import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {engineFor} from '../../src/lib/engine/index.js';
import {headlessEngine} from '../../src/lib/engine/headless/run-turn.js';
import type {TurnEvent, TurnInput} from '../../src/lib/engine/turn.js';
import {makeWorld, removeWorlds, SIM_BIN, TEST_KEY} from '../e2e/harness.js';

afterAll(removeWorlds);

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
  it('is the engine named headless', () => {
    expect(engineFor('headless')).toBe(headlessEngine);
  });

  it('runs a turn: a classified result, the texts in spools, events as they happen', async () => {
    const run = await turn('hi [[sim:answer=Hello from the engine]]');
    expect(run.result).toMatchObject({outcome: 'completed', ok: true, exitCode: 0, text: '', messages: []});
    expect(run.result.command.at(-1)).toBe('<prompt>');
    expect(run.texts.messages.at(-1)?.toString()).toBe('Hello from the engine');
    expect(run.texts.transcript?.toString()).toContain('Hello from the engine');
    expect(run.events).toContainEqual({type: 'message-start'});
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
