// `session/prompt`: one turn whose frames the prompt's `[[sim:…]]` directives choose, ended by the dialect's
// lifecycle frames and the `{stopReason}` answer (or a JSON-RPC error, see acp-failures.mjs).
import {bigTextBlocks} from './content.mjs';
import {intValue, parseDirectives, unescape} from './directives.mjs';
import {hangNoisy, spawnGrandchild} from './faults.mjs';
import {err, exitWith, hangForever} from './io.mjs';
import {updateRecord} from './record.mjs';
import {answerText} from './turn.mjs';
import {INTERNAL_ERROR, INVALID_PARAMS, NEVER, RpcError} from './acp-wire.mjs';
import {chunk, chunks, newTurn, pause, sessionOf, streamText, update} from './acp-session.mjs';
import {credentialError, failure, fault} from './acp-failures.mjs';
import {runSubagents} from './acp-subagents.mjs';
import {runTools} from './acp-tools.mjs';

const STOP_REASONS = new Set(['end_turn', 'max_tokens', 'max_turn_requests', 'refusal', 'cancelled']);

// The answer as the pieces to stream (a `big=` answer in 16 KiB pieces, lazily) and the texts the store keeps.
function answer(d, prompt, denied) {
  if (d.has('big')) {
    const bytes = intValue(d, 'big', 65536);
    const pieces = (function* () {
      for (const block of bigTextBlocks(bytes)) {
        for (let at = 0; at < block.length; at += 16384) yield block.slice(at, at + 16384);
      }
    })();
    return {pieces, texts: [`(${bytes} bytes of generated text)`]};
  }
  const count = Math.max(1, intValue(d, 'messages', 1));
  const texts = Array.from({length: count - 1}, (_, i) => `Step ${i + 1} of ${count}. `);
  for (const tool of denied) texts.push(`I was not allowed to use the ${tool} tool. `);
  texts.push(answerText({directives: d, prompt}));
  return {pieces: texts.flatMap(chunks)[Symbol.iterator](), texts: texts.map((t) => t.trimEnd())};
}

// `plan` / `plan=A;B`: one plan update, the first entry in progress.
function plan(session, value) {
  const steps = value === true ? 'Read the code;Make the change' : unescape(String(value));
  const entries = steps.split(';').map((content, i) => ({
    content,
    priority: 'medium',
    status: i === 0 ? 'in_progress' : 'pending',
  }));
  return update(session.id, {sessionUpdate: 'plan', entries});
}

async function run(server, session, turn, d, prompt) {
  const started = Date.now();
  for (let i = intValue(d, 'keepalive', 0); i > 0 && !turn.cancelled; i--) {
    await pause(turn, 100);
    await server.dialect.keepAlive(session);
  }
  const latency = intValue(d, 'sleep', intValue(new Map([['v', server.env.KIRO_SIM_LATENCY_MS]]), 'v', 0));
  if (latency > 0) await pause(turn, latency);
  if (!turn.cancelled) {
    const failed = await failure(server, d, prompt);
    if (failed instanceof RpcError) throw failed;
    if (failed) return failed;
    if (d.has('crash') || d.has('signal')) return fault(session, d);
  }
  const thinking = d.has('thinking') ? unescape(String(d.get('thinking'))) : undefined;
  if (thinking !== undefined) await streamText(session.id, 'agent_thought_chunk', thinking, turn);
  if (d.has('plan') && !turn.cancelled) await plan(session, d.get('plan'));
  const usedTools = [];
  const denied = turn.cancelled ? [] : await runTools(server, session, turn, d, usedTools);
  if (d.has('subagent') && !turn.cancelled) {
    await runSubagents(server, session, Math.max(1, intValue(d, 'subagent', 1)));
  }
  // Every piece but the last goes out now; the dialect places the last one around its end-of-turn frames.
  const {pieces, texts} = answer(d, prompt, denied);
  let held = pieces.next();
  for (let next = pieces.next(); !next.done && !turn.cancelled; next = pieces.next()) {
    await chunk(session.id, 'agent_message_chunk', held.value);
    held = next;
  }
  if (!turn.cancelled) {
    texts.forEach((text, i) =>
      session.store.assistant({
        text,
        ...(i === texts.length - 1 && thinking !== undefined ? {thinking} : {}),
      }),
    );
  }
  const credits = d.has('credits') ? Number(d.get('credits')) || 0 : 0.06;
  const durationMs = Date.now() - started;
  session.store.finishTurn({credits, durationMs});
  if (d.has('exit')) return exitWith(intValue(d, 'exit', 0));
  const stopReason = turn.cancelled ? 'cancelled' : String(d.get('stop') ?? 'end_turn');
  const last = async () => {
    if (!held.done && !turn.cancelled) await chunk(session.id, 'agent_message_chunk', held.value);
  };
  const early = d.has('early-end') || server.env.KIRO_SIM_ACP_EARLY_END === '1';
  await server.dialect.turnEnd(session, {credits, durationMs, usedTools, stopReason}, last, early);
  return {stopReason};
}

// The prompt's directives, or the simulator's invalid-params error for an unknown directive or stop reason.
async function directivesOf(server, text) {
  const found = parseDirectives(server.env.KIRO_SIM_DIRECTIVES, text);
  if (found.unknown) {
    const message = `kiro-cli simulator: unknown directive [[sim:${found.unknown}]]`;
    await err(`${message}\n`);
    throw new RpcError(INVALID_PARAMS, message);
  }
  const d = found.directives;
  if (d.has('stop') && !STOP_REASONS.has(String(d.get('stop')))) {
    throw new RpcError(INVALID_PARAMS, `kiro-cli simulator: unknown stop reason '${d.get('stop')}'`);
  }
  return d;
}

/** Handles session/prompt; a request without the `prompt` key is never answered (as kiro-cli does). */
export async function prompt(server, params) {
  const session = sessionOf(server, params);
  if (!Array.isArray(params.prompt)) return NEVER;
  const text = params.prompt
    .filter((block) => block?.type === 'text')
    .map((block) => String(block.text))
    .join('\n');
  const d = await directivesOf(server, text);
  if (session.turn) throw new RpcError(INTERNAL_ERROR, 'A prompt is already in progress for this session');
  const denied = credentialError(server);
  if (denied) throw denied;
  if (d.has('ignore-term')) server.ignoreTerm = true;
  if (d.has('linger')) {
    server.linger = true;
    void hangForever();
  }
  if (d.has('grandchild')) spawnGrandchild(d.get('grandchild'));
  const turn = newTurn();
  session.turn = turn;
  try {
    const ended = await server.dialect.beforeTurn(session, turn);
    if (ended) return ended;
    updateRecord({prompt: text, sessionId: session.id, model: session.model});
    if (d.has('clear')) session.store.clear();
    if (d.has('compact')) session.store.compact('The earlier conversation, summarised.');
    session.store.prompt(text);
    await server.dialect.turnStart(session);
    if (d.has('hang')) return NEVER;
    if (d.has('hang-noisy')) return hangNoisy();
    return await run(server, session, turn, d, text);
  } finally {
    session.turn = null;
  }
}

/** Handles the session/cancel notification: the pending prompt answers `cancelled` promptly. */
export function cancel(server, params) {
  server.cancels ??= [];
  server.cancels.push(params?.sessionId ?? null);
  updateRecord({cancels: server.cancels});
  server.sessions.get(params?.sessionId)?.turn?.cancel();
}
