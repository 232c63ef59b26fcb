// The V3 dialect's turn frames: the token asked of the client, `session_info_update` lifecycle and credits
// (`_meta.kiro.kind`), permission requests once autopilot is off, subagents as `agent-subtask` tool calls.
import {internalName, isTrusted} from './trust.mjs';
import {forget, request} from './acp-wire.mjs';
import {chunk, unlessCancelled, update} from './acp-session.mjs';

const NOTHING_TRUSTED = {trustAll: false, tools: []};
const ACCEPT = {optionId: 'accept', name: 'Accept', kind: 'allow_once'};
const ALWAYS = {optionId: 'always-accept', name: 'Always accept', kind: 'allow_always'};
const REJECT = {optionId: 'reject', name: 'Reject', kind: 'reject_once'};
const TITLES = {read: 'Read File', write: 'Write File', grep: 'Grep Search', glob: 'File Search'};

/** A `session_info_update` whose `_meta.kiro` carries the kind and its fields. */
export const info = (session, kiro) =>
  update(session.id, {sessionUpdate: 'session_info_update', _meta: {kiro}});

/** The session's context usage in percent, growing with each turn. */
export const contextOf = (session) => 2.5 + 1.7 * session.turns;

/** The hooks acp-turn.mjs and acp-tools.mjs call during a V3 turn. */
export function v3TurnHooks(server) {
  return {
    /** Without --auth-method=cli the client must hand over a token first; none ends the turn with an error chunk. */
    async beforeTurn(session, turn) {
      if (server.cliAuth || server.token) return null;
      const {id, answer} = request('_kiro/auth/getAccessToken', {});
      const reply = await unlessCancelled(turn, answer, null);
      if (reply === null) forget(id);
      const token = reply?.result?.accessToken;
      if (typeof token === 'string' && token !== '') {
        server.token = reply.result;
        return null;
      }
      if (turn.cancelled) return {stopReason: 'cancelled'};
      const text = '[TokenInvalidError] Host refresh callback returned no access token';
      await chunk(session.id, 'agent_message_chunk', text);
      return {stopReason: 'end_turn'};
    },
    turnStart: (session) => info(session, {kind: 'turn_start', turnStart: true}),
    keepAlive: async () => undefined,
    rateLimit: async () => undefined,
    toolPreview: async () => undefined,
    toolTitle: (tool, arg) => TITLES[tool] ?? (tool === 'shell' ? arg : tool),
    autoApproves: (session, tool, inside) =>
      session.autopilot === 'on' || isTrusted(NOTHING_TRUSTED, tool, inside),
    permissionOptions: (tool) => (tool === 'shell' ? [ACCEPT, REJECT] : [ACCEPT, ALWAYS, REJECT]),
    permissionMeta: (tool, arg) => ({
      kiro: {toolId: internalName(tool), consent: {capability: tool, resource: arg}},
    }),
    /** Subagents are `agent-subtask` tool calls; their conversations went to the V3 store as child sessions. */
    async subagents(session, children) {
      for (const child of children) {
        const toolCallId = `invoke_subagent_${child.id}`;
        await update(session.id, {
          sessionUpdate: 'tool_call',
          toolCallId,
          title: 'Sub-agent: general-task-execution',
          kind: 'other',
          status: 'pending',
          rawInput: {
            name: 'general-task-execution',
            prompt: child.name,
            explanation: 'Delegate part of the task',
          },
          _meta: {kiro: {kind: 'agent-subtask', agentSubtaskId: toolCallId}},
        });
        const rawOutput = {response: child.answer, subExecutionId: child.id};
        await update(session.id, {
          sessionUpdate: 'tool_call_update',
          toolCallId,
          status: 'completed',
          rawOutput,
        });
      }
    },
    /** turn_end (before the last chunk when `early`), then turn_completion with the credits, then context_usage. */
    async turnEnd(session, {credits, durationMs, usedTools, stopReason}, last, early) {
      session.turns += 1;
      if (!early) await last();
      await info(session, {kind: 'turn_end', turnEnd: {stopReason}});
      if (early) await last();
      await info(session, {
        kind: 'turn_completion',
        promptTurnSummaries: [{unit: 'credit', usage: credits, usedTools}],
        elapsedTime: durationMs,
        status: stopReason === 'cancelled' ? 'cancelled' : 'success',
      });
      await info(session, {kind: 'context_usage', usagePercentage: contextOf(session)});
    },
  };
}
