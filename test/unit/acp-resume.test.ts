import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runAcpTurn} from '../../src/lib/engine/acp/index.js';
import type {TurnEvent} from '../../src/lib/engine/events.js';
import {deadPid, KEY, openSim, simBox, turnInput, type SimBox} from '../helpers/acp-sim.js';

// A session with one turn, its process ended cooperatively (stdin closed).
async function seed(box: SimBox): Promise<string> {
  const {sim, conn} = await openSim(box);
  const result = await runAcpTurn(conn, turnInput(box, 'first question'));
  sim.streams.stdin.end();
  await sim.exited;
  return result.sessionId as string;
}

const lockFile = (box: SimBox, id: string): string => path.join(box.storeDir, `${id}.lock`);

describe('resuming with session/load', () => {
  it('loads the session, reports it resumed, and keeps the replayed history out of the answer', async () => {
    const box = simBox();
    const sessionId = await seed(box);
    const {sim, conn} = await openSim(box);
    const events: TurnEvent[] = [];
    const result = await runAcpTurn(
      conn,
      turnInput(box, 'second', {resumeId: sessionId, onEvent: (e) => events.push(e)}),
    );
    expect(result).toMatchObject({
      outcome: 'completed',
      sessionId,
      resumed: true,
      text: 'You said: second',
      messages: ['You said: second'],
    });
    expect(events.find((e) => e.type === 'session')).toMatchObject({sessionId, resumed: true});
    expect(sim.sent.find((f) => f.method === 'session/load')?.params).toEqual({
      sessionId,
      cwd: box.cwd,
      mcpServers: [],
    });
    expect(sim.sent.some((f) => f.method === 'session/new')).toBe(false);
  });

  it('fails with resume_failed when kiro-cli exits on an unknown id, never starting a new session', async () => {
    const box = simBox();
    const {sim, conn} = await openSim(box);
    const result = await runAcpTurn(
      conn,
      turnInput(box, 'hi', {resumeId: '00000000-0000-4000-8000-000000000000'}),
    );
    expect(result.outcome).toBe('resume_failed');
    expect(result.message).toBe(
      'kiro-cli ended without answering session/load for 00000000-0000-4000-8000-000000000000: no such session (or one it cannot read).',
    );
    expect(sim.sent.some((f) => f.method === 'session/new' || f.method === 'session/prompt')).toBe(false);
  });

  it('removes the stale lock of a dead process and loads on the retry', async () => {
    const box = simBox();
    const sessionId = await seed(box);
    const dead = deadPid();
    fs.writeFileSync(
      lockFile(box, sessionId),
      JSON.stringify({pid: dead, started_at: new Date().toISOString()}),
    );
    const {sim, conn} = await openSim(box);
    const result = await runAcpTurn(conn, turnInput(box, 'again', {resumeId: sessionId}));
    expect(result).toMatchObject({outcome: 'completed', resumed: true, sessionId});
    expect(sim.sent.filter((f) => f.method === 'session/load')).toHaveLength(2);
    // The lock now names the process that loaded it.
    expect(JSON.parse(fs.readFileSync(lockFile(box, sessionId), 'utf8'))).toMatchObject({pid: sim.child.pid});
  });

  it('refuses a session a live process holds, naming its pid, and leaves its lock alone', async () => {
    const box = simBox();
    const owner = await openSim(box);
    const held = await runAcpTurn(owner.conn, turnInput(box, 'mine'));
    const sessionId = held.sessionId as string;
    const {sim, conn} = await openSim(box);
    const result = await runAcpTurn(conn, turnInput(box, 'steal', {resumeId: sessionId}));
    expect(result.outcome).toBe('resume_failed');
    expect(result.message).toBe(
      `Session ${sessionId} is in use by another kiro-cli process (PID ${owner.sim.child.pid}); end it or wait for it to finish.`,
    );
    expect(sim.sent.filter((f) => f.method === 'session/load')).toHaveLength(1);
    expect(JSON.parse(fs.readFileSync(lockFile(box, sessionId), 'utf8'))).toMatchObject({
      pid: owner.sim.child.pid,
    });
  });

  it('bounds session/load', async () => {
    const box = simBox();
    const sessionId = await seed(box);
    const {conn} = await openSim(box, 'v2', {env: {...KEY, KIRO_SIM_ACP_LOAD: 'hang'}});
    const result = await runAcpTurn(conn, turnInput(box, 'hi', {resumeId: sessionId, loadTimeoutMs: 300}));
    expect(result).toMatchObject({
      outcome: 'resume_failed',
      message: `kiro-cli did not answer session/load for ${sessionId} within 300 ms.`,
    });
  });
});
