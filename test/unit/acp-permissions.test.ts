import {describe, expect, it} from 'vitest';
import {runAcpTurn, type AcpTurnInput, type PermissionQuestion} from '../../src/lib/engine/acp/index.js';
import type {TurnEvent} from '../../src/lib/engine/events.js';
import {openSim, simBox, turnInput} from '../helpers/acp-sim.js';

// kiro-cli runs without trust flags here, so every request reaches kiro-x's policy.
async function turn(prompt: string, input: Partial<AcpTurnInput>) {
  const box = simBox();
  const {sim, conn} = await openSim(box);
  const events: TurnEvent[] = [];
  const result = await runAcpTurn(conn, turnInput(box, prompt, {onEvent: (e) => events.push(e), ...input}));
  const answers = sim.sent.filter((f) => f.method === undefined && 'result' in f).map((f) => f.result);
  return {result, events, answers, sent: sim.sent};
}

const shellThenRead = '[[sim:shell=npm test]][[sim:tool=read:/etc/hostname]] go';

describe('permission policy over ACP', () => {
  it('approves what --trust-tools names and denies the rest, recording both', async () => {
    const {result, events, answers} = await turn(shellThenRead, {trust: {tools: ['shell']}});
    expect(result.permissions).toEqual([
      {tool: 'shell', title: 'npm test', kind: 'execute', decision: 'allow', by: 'trust-tools'},
      {tool: 'read', title: 'Reading hostname:1', kind: 'read', decision: 'deny', by: 'policy'},
    ]);
    expect(answers).toEqual([
      {outcome: {outcome: 'selected', optionId: 'allow_once'}},
      {outcome: {outcome: 'selected', optionId: 'reject_once'}},
    ]);
    expect(events.filter((e) => e.type === 'permission_request' || e.type === 'permission_decision')).toEqual(
      [
        expect.objectContaining({
          type: 'permission_request',
          tool: 'shell',
          title: 'npm test',
          kind: 'execute',
          options: ['allow_once', 'allow_always', 'reject_once'],
        }),
        expect.objectContaining({
          type: 'permission_decision',
          tool: 'shell',
          decision: 'allow',
          by: 'trust-tools',
        }),
        expect.objectContaining({type: 'permission_request', tool: 'read'}),
        expect.objectContaining({type: 'permission_decision', tool: 'read', decision: 'deny', by: 'policy'}),
      ],
    );
    expect(result).toMatchObject({outcome: 'completed', deniedTools: ['read']});
    expect(result.text).toContain('I was not allowed to use the read tool.');
    expect(result.text).not.toContain('shell tool');
  });

  it('approves everything with trust all', async () => {
    const {result} = await turn(shellThenRead, {trust: {all: true}});
    expect(result.permissions.map((p) => [p.tool, p.decision, p.by])).toEqual([
      ['shell', 'allow', 'trust-all'],
      ['read', 'allow', 'trust-all'],
    ]);
    expect(result.deniedTools).toEqual([]);
  });

  it('fail mode ends the turn at the first denial with permission_denied', async () => {
    const {result, sent} = await turn(shellThenRead, {permissionMode: 'fail'});
    expect(result.outcome).toBe('permission_denied');
    expect(result.message).toContain('denied the shell tool (npm test)');
    expect(result.permissions).toEqual([
      {tool: 'shell', title: 'npm test', kind: 'execute', decision: 'deny', by: 'policy'},
    ]);
    expect(sent.some((f) => f.method === 'session/cancel')).toBe(true);
  });

  it('ask mode asks the user and follows the answer', async () => {
    const questions: PermissionQuestion[] = [];
    const {result} = await turn(shellThenRead, {
      permissionMode: 'ask',
      askUser: async (question) => {
        questions.push(question);
        return question.tool === 'read';
      },
    });
    expect(questions.map((q) => [q.tool, q.title, q.kind, q.options])).toEqual([
      ['shell', 'npm test', 'execute', ['allow_once', 'allow_always', 'reject_once']],
      ['read', 'Reading hostname:1', 'read', ['allow_once', 'allow_always', 'reject_once']],
    ]);
    expect(result.permissions.map((p) => [p.tool, p.decision, p.by])).toEqual([
      ['shell', 'deny', 'user'],
      ['read', 'allow', 'user'],
    ]);
  });

  it('ask mode without a way to ask denies by policy', async () => {
    const {result} = await turn('[[sim:shell=ls]] go', {permissionMode: 'ask'});
    expect(result.permissions.map((p) => [p.decision, p.by])).toEqual([['deny', 'policy']]);
  });
});
