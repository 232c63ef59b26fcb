// Tool calls of an ACP turn (`shell=`, `tool=`): announced as `tool_call`, run at once when trusted, otherwise
// only after the client answers `session/request_permission` (captures/acp-2.x-tool-permission.jsonl).
import fs from 'node:fs';
import path from 'node:path';
import {unescape} from './directives.mjs';
import {updateRecord} from './record.mjs';
import {insideCwd, internalName, toolAvailable} from './trust.mjs';
import {SHELL_PURPOSE, toolSpecs} from './turn.mjs';
import {forget, request} from './acp-wire.mjs';
import {unlessCancelled, update} from './acp-session.mjs';

const KINDS = {
  read: 'read',
  write: 'edit',
  shell: 'execute',
  grep: 'search',
  glob: 'search',
  web_fetch: 'fetch',
};
const SHELL_RESULT = {exit_status: 'exit status: 0', stdout: 'simulated output of the command\n', stderr: ''};

/** The ACP tool kind of a canonical tool name. */
export function toolKind(tool) {
  return KINDS[tool] ?? 'other';
}

// What the store and `rawInput` hold: a shell command, a read operation (the capture's shape), else a path.
function toolInput(tool, arg) {
  if (tool === 'shell') return {command: arg, __tool_use_purpose: SHELL_PURPOSE};
  if (tool === 'read') {
    return {__tool_use_purpose: 'Read the requested file', operations: [{mode: 'Line', path: arg}]};
  }
  return {path: arg};
}

// A read returns the real file when it is a small readable file (so a test can see what was read); the rest is fake.
function toolResult(tool, arg, cwd) {
  if (tool === 'shell') return {json: SHELL_RESULT};
  if (tool === 'read') {
    try {
      const file = path.resolve(cwd, arg);
      if (fs.statSync(file).size <= 65536) return {text: fs.readFileSync(file, 'utf8')};
    } catch {
      // Not a readable file: the simulated result below.
    }
  }
  return {text: 'simulated result'};
}

// Sends the permission request and waits for the answer, or for session/cancel: 'allow' | 'reject' | 'cancelled'.
async function ask(server, session, turn, call) {
  const options = server.dialect.permissionOptions(call.tool);
  const params = {sessionId: session.id, toolCall: {toolCallId: call.toolCallId, title: call.title}, options};
  const meta = server.dialect.permissionMeta(call.tool, call.arg);
  if (meta) params._meta = meta;
  const {id, answer} = request('session/request_permission', params);
  const reply = await unlessCancelled(turn, answer, null);
  if (reply === null) forget(id);
  const outcome = reply?.result?.outcome;
  if (outcome?.outcome !== 'selected') return 'cancelled';
  const kind = options.find((o) => o.optionId === outcome.optionId)?.kind;
  if (kind === 'allow_always') session.alwaysAllowed.add(call.tool);
  return kind === 'allow_once' || kind === 'allow_always' ? 'allow' : 'reject';
}

// One call: 'ran', 'denied', 'cancelled' or 'unavailable' (a tool the agent lacks is never called).
async function toolStep(server, session, turn, {tool, arg}, usedTools) {
  const record = (status, outcome) => {
    server.toolCalls.push({tool, arg, status});
    updateRecord({toolCalls: server.toolCalls});
    return outcome;
  };
  if (!toolAvailable(session.agent, tool, server.env)) return record('unavailable', 'unavailable');
  const input = toolInput(tool, arg);
  const [toolCallId] = session.store.assistant({tools: [{name: tool, input}]});
  const title = server.dialect.toolTitle(tool, arg);
  const kind = toolKind(tool);
  await server.dialect.toolPreview(session, {toolCallId, tool, kind});
  const located =
    tool === 'shell' || tool === 'grep' ? {} : {locations: [{path: path.resolve(session.cwd, arg)}]};
  await update(session.id, {
    sessionUpdate: 'tool_call',
    toolCallId,
    title,
    kind,
    ...located,
    rawInput: input,
  });
  // grep's argument is a pattern searched from the cwd; the others name paths.
  const inside = tool !== 'shell' && (tool === 'grep' || insideCwd(arg, session.cwd));
  const trusted = session.alwaysAllowed.has(tool) || server.dialect.autoApproves(session, tool, inside);
  const decision = trusted ? 'allow' : await ask(server, session, turn, {toolCallId, title, tool, arg});
  // The capture's tool_call_update key order: toolCallId, kind, status, title, rawOutput.
  const progress = (status, extra = {}) =>
    update(session.id, {sessionUpdate: 'tool_call_update', toolCallId, kind, status, title, ...extra});
  if (decision !== 'allow' || turn.cancelled) {
    const cancelled = decision === 'cancelled' || turn.cancelled;
    if (!cancelled) await progress('failed');
    const text = cancelled ? 'Tool use was cancelled by the user.' : 'Tool use was rejected by the user.';
    session.store.toolResults([{toolUseId: toolCallId, status: 'error', text}]);
    return record('refused', cancelled ? 'cancelled' : 'denied');
  }
  usedTools.push(internalName(tool));
  if (tool === 'shell') await progress('in_progress');
  const result = toolResult(tool, arg, session.cwd);
  await progress('completed', {
    rawOutput: {items: [result.json === undefined ? {Text: result.text} : {Json: result.json}]},
  });
  session.store.toolResults([{toolUseId: toolCallId, status: 'success', ...result}]);
  return record('ran', 'ran');
}

/**
 * Runs the turn's `shell=` then `tool=` calls in order. Returns the tools the client denied; a cancelled permission
 * request cancels the whole turn.
 */
export async function runTools(server, session, turn, directives, usedTools) {
  const calls = [];
  if (directives.has('shell')) calls.push({tool: 'shell', arg: unescape(String(directives.get('shell')))});
  if (directives.has('tool')) calls.push(...toolSpecs(directives.get('tool')));
  const denied = [];
  for (const call of calls) {
    if (turn.cancelled) break;
    const outcome = await toolStep(server, session, turn, call, usedTools);
    if (outcome === 'cancelled') turn.cancel();
    if (outcome === 'denied') denied.push(call.tool);
  }
  return denied;
}
