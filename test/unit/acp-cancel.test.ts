import {describe, expect, it} from 'vitest';
import {startAcpTurn, runAcpTurn} from '../../src/lib/engine/acp/index.js';
import type {TurnEvent} from '../../src/lib/engine/events.js';
import {openSim, simBox, turnInput} from '../helpers/acp-sim.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('cancelling an ACP turn', () => {
  it('sends session/cancel and reports cancelled once kiro-cli answers within the grace', async () => {
    const box = simBox();
    const {sim, conn} = await openSim(box);
    const began = Date.now();
    const turn = startAcpTurn(conn, turnInput(box, '[[sim:sleep=10000]]'));
    await sleep(300);
    expect(await turn.cancelTurn('SIGINT')).toBe(true);
    const result = await turn.result;
    expect(result).toMatchObject({outcome: 'cancelled', message: 'The turn was cancelled by SIGINT.'});
    expect(turn.abandoned).toBe(false);
    expect(Date.now() - began).toBeLessThan(3000);
    expect(sim.sent.filter((f) => f.method === 'session/cancel').map((f) => f.params)).toEqual([
      {sessionId: result.sessionId},
    ]);
    // The process is still usable for the next turn.
    expect((await runAcpTurn(conn, turnInput(box, 'again'))).outcome).toBe('completed');
  });

  it('answers a pending permission request cancelled when the turn is cancelled', async () => {
    const box = simBox();
    const {sim, conn} = await openSim(box);
    const events: TurnEvent[] = [];
    const turn = startAcpTurn(
      conn,
      turnInput(box, '[[sim:shell=sleep 100]]', {
        permissionMode: 'ask',
        askUser: () => new Promise<boolean>(() => {}),
        onEvent: (e) => events.push(e),
      }),
    );
    while (!events.some((e) => e.type === 'permission_request')) await sleep(20);
    expect(await turn.cancelTurn('SIGTERM')).toBe(true);
    const result = await turn.result;
    expect(result.outcome).toBe('cancelled');
    expect(result.permissions).toEqual([
      {tool: 'shell', title: 'sleep 100', kind: 'execute', decision: 'cancelled', by: 'cancel'},
    ]);
    const answers = sim.sent.filter((f) => f.method === undefined && 'result' in f).map((f) => f.result);
    expect(answers).toEqual([{outcome: {outcome: 'cancelled'}}]);
  });

  it('cancels on an aborted signal with its reason', async () => {
    const box = simBox();
    const {conn} = await openSim(box);
    const abort = new AbortController();
    const running = runAcpTurn(conn, turnInput(box, '[[sim:sleep=10000]]', {signal: abort.signal}));
    await sleep(200);
    abort.abort('SIGTERM');
    expect((await running).message).toBe('The turn was cancelled by SIGTERM.');
  });

  it('times out, and stalls when kiro-cli goes quiet, but keep-alives keep a turn alive', async () => {
    const box = simBox();
    const {conn} = await openSim(box);
    const timedOut = await runAcpTurn(conn, turnInput(box, '[[sim:sleep=10000]]', {timeoutMs: 300}));
    expect(timedOut.outcome).toBe('timed_out');
    const stalled = await runAcpTurn(conn, turnInput(box, '[[sim:sleep=10000]]', {stallTimeoutMs: 300}));
    expect(stalled.outcome).toBe('stalled');
    const alive = await runAcpTurn(conn, turnInput(box, '[[sim:keepalive=6]] hi', {stallTimeoutMs: 350}));
    expect(alive.outcome).toBe('completed');
  });

  it('gives up after the grace when kiro-cli never answers the cancel', async () => {
    const box = simBox();
    const {conn} = await openSim(box);
    const turn = startAcpTurn(conn, turnInput(box, '[[sim:hang]]', {cancelGraceMs: 300}));
    await sleep(200);
    const began = Date.now();
    expect(await turn.cancelTurn('timeout')).toBe(false);
    expect(Date.now() - began).toBeLessThan(1500);
    const result = await turn.result;
    expect(result.outcome).toBe('timed_out');
    expect(result.warnings).toContain('kiro-cli did not answer session/cancel within 300 ms.');
    expect(turn.abandoned).toBe(true);
  });
});
