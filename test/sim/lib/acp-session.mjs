// Pieces every ACP session shares: the turn's cancellation, `session/update` frames, streamed text, the record.
import {INVALID_PARAMS, INTERNAL_ERROR, RpcError, notify} from './acp-wire.mjs';
import {updateRecord} from './record.mjs';

/** A prompt turn: session/cancel cancels it, and every wait of the turn (pauses, permission answers) ends early. */
export function newTurn() {
  const listeners = new Set();
  return {
    cancelled: false,
    cancel() {
      if (this.cancelled) return;
      this.cancelled = true;
      for (const fn of listeners) fn();
    },
    onCancel(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

/** Resolves with what the promise gives, or with `fallback` as soon as the turn is cancelled. */
export function unlessCancelled(turn, promise, fallback) {
  if (turn.cancelled) return Promise.resolve(fallback);
  return new Promise((resolve) => {
    const off = turn.onCancel(() => resolve(fallback));
    promise.then((value) => {
      off();
      resolve(value);
    });
  });
}

/** Waits ms milliseconds, less when the turn is cancelled meanwhile. */
export function pause(turn, ms) {
  let timer;
  const elapsed = new Promise((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return unlessCancelled(turn, elapsed, undefined).finally(() => clearTimeout(timer));
}

/** A `session/update` notification. */
export function update(sessionId, body) {
  return notify('session/update', {sessionId, update: body});
}

/** The pieces kiro-cli streams an answer in: words and punctuation apart (`Hello`, `.` in acp-2.5.1-turn.jsonl). */
export function chunks(text) {
  return text.match(/[^\s.,!?;:]+\s*|[.,!?;:]+\s*|\s+/g) ?? [];
}

/** One chunk update of a kind (`agent_message_chunk`, `agent_thought_chunk`, `user_message_chunk`). */
export function chunk(sessionId, kind, text) {
  return update(sessionId, {sessionUpdate: kind, content: {type: 'text', text}});
}

/** Streams text as chunks of one kind, stopping when the turn is cancelled. */
export async function streamText(sessionId, kind, text, turn) {
  for (const piece of chunks(text)) {
    if (turn?.cancelled) return;
    await chunk(sessionId, kind, piece);
  }
}

/** Throws kiro-cli's serde-style invalid-params error when a required field is missing. */
export function requireFields(params, fields) {
  for (const field of fields) {
    if (params === null || typeof params !== 'object' || params[field] === undefined) {
      throw new RpcError(INVALID_PARAMS, `missing field \`${field}\``);
    }
  }
}

/** The session a request names; an unknown id is an internal error (wording unverified). */
export function sessionOf(server, params) {
  requireFields(params, ['sessionId']);
  const session = server.sessions.get(params.sessionId);
  if (!session) throw new RpcError(INTERNAL_ERROR, `Session not found: ${params.sessionId}`);
  return session;
}

/** Registers a session this process now owns (its lock, if any, is released on exit) and records it. */
export function adopt(server, session) {
  server.sessions.set(session.id, session);
  updateRecord({sessionId: session.id, model: session.model, effort: session.effort ?? null});
  return session;
}
