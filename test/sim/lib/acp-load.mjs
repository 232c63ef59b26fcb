// `session/load {sessionId, cwd, mcpServers}`: the history replayed as chunks, and kiro-cli's quirks around it —
// an unknown id ends the process (2.4), another process's lock refuses the load, even a dead one's (2.16).
import {exitWith} from './io.mjs';
import {readV2Events, readV2Header, readV2Lock} from './store-v2.mjs';
import {findV3Dir, readV3Meta, readV3Payloads} from './store-v3.mjs';
import {atLeast} from './version.mjs';
import {INTERNAL_ERROR, NEVER, RpcError} from './acp-wire.mjs';
import {chunk, requireFields} from './acp-session.mjs';

// EPERM: the pid exists but belongs to someone else, so it is alive.
function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/**
 * What an unknown id does: 'exit' (the process exits 0 without answering, as 2.4 did; kept for every 2.x) or
 * 'error' (an error answer; from 3.0, unverified). KIRO_SIM_ACP_LOAD_UNKNOWN=exit|error overrides; V3 always errs.
 */
function unknownIdMode(server) {
  const forced = server.env.KIRO_SIM_ACP_LOAD_UNKNOWN;
  if (server.engine === 'v3') return 'error';
  if (forced === 'exit' || forced === 'error') return forced;
  return atLeast(server.version, '3.0') ? 'error' : 'exit';
}

// The conversation as `[kind, text]` pairs after the last Clear: prompts as user chunks, answers as agent chunks.
function v2History(env, id) {
  const events = readV2Events(env, id);
  const kinds = events.map((e) => e.kind);
  const texts = (data) =>
    (data?.content ?? []).filter((b) => b?.kind === 'text' && b.data !== '').map((b) => b.data);
  return events.slice(kinds.lastIndexOf('Clear') + 1).flatMap((e) => {
    if (e.kind === 'Prompt') return texts(e.data).map((t) => ['user_message_chunk', t]);
    if (e.kind === 'AssistantMessage') return texts(e.data).map((t) => ['agent_message_chunk', t]);
    return [];
  });
}

// The V3 conversation: `session_start` / `user` payloads as user chunks, answers (not reasoning) as agent chunks.
function v3History(dir) {
  return readV3Payloads(dir).flatMap((p) => {
    if (p.type === 'session_start' || p.type === 'user') return [['user_message_chunk', String(p.content)]];
    if (p.type === 'assistant' && p.operationType === undefined)
      return [['agent_message_chunk', String(p.content)]];
    return [];
  });
}

// Opens the stored session for this process: {session, history} or null when the id is unknown.
async function openStored(server, id, cwd) {
  const {env} = server;
  if (server.engine === 'v3') {
    const dir = findV3Dir(env, id);
    const meta = dir && readV3Meta(dir);
    if (!meta) return null;
    return {session: await server.dialect.open(cwd, {dir, meta}), history: v3History(dir)};
  }
  const header = readV2Header(env, id);
  if (!header) return null;
  const lock = readV2Lock(env, id);
  const stale = lock && !pidAlive(lock.pid);
  if (lock && lock.pid !== process.pid && !(stale && env.KIRO_SIM_ACP_STALE_LOCK === 'take')) {
    throw new RpcError(INTERNAL_ERROR, `Session is active in another process (PID ${lock.pid})`);
  }
  return {session: server.dialect.open(cwd, header), history: v2History(env, id)};
}

/** Handles session/load; the history goes out before the answer (KIRO_SIM_ACP_REPLAY=after: after it). */
export async function loadSession(server, params) {
  requireFields(params, ['sessionId', 'cwd', 'mcpServers']);
  if (server.env.KIRO_SIM_ACP_LOAD === 'hang') return NEVER;
  const id = String(params.sessionId);
  const opened = server.sessions.get(id)
    ? {session: server.sessions.get(id), history: []}
    : await openStored(server, id, String(params.cwd));
  if (!opened) {
    if (unknownIdMode(server) === 'exit') return exitWith(0);
    throw new RpcError(INTERNAL_ERROR, `Session not found: ${id}`);
  }
  const {session, history} = opened;
  const replay = async () => {
    for (const [kind, text] of history) await chunk(session.id, kind, text);
  };
  const answer = server.dialect.loaded(session);
  if (server.env.KIRO_SIM_ACP_REPLAY !== 'after') {
    await replay();
    return answer;
  }
  const after = answer.after;
  answer.after = async () => {
    await replay();
    await after();
  };
  return answer;
}
