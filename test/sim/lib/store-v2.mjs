// The V2 engine's session store, $KIRO_HOME/sessions/cli/<uuid>.{json,jsonl,lock,history}, written the way
// kiro-cli 2.14.x writes it (../../../shared/kiro-cli/captures/session-store-2.14.x).
import {randomUUID} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {kiroHome} from './agents.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `$KIRO_HOME/sessions/cli`. */
export function v2Dir(env) {
  return path.join(kiroHome(env), 'sessions', 'cli');
}

const file = (env, id, ext) => path.join(v2Dir(env), `${id}${ext}`);

/** The `<uuid>.json` header of session id, or null. */
export function readV2Header(env, id) {
  if (!UUID.test(id)) return null;
  try {
    const doc = JSON.parse(fs.readFileSync(file(env, id, '.json'), 'utf8'));
    return doc && typeof doc.session_id === 'string' ? doc : null;
  } catch {
    return null;
  }
}

/** Every header of the store (all cwds, subagents included). */
export function allV2Headers(env) {
  let names;
  try {
    names = fs.readdirSync(v2Dir(env));
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.json'))
    .map((n) => readV2Header(env, n.slice(0, -'.json'.length)))
    .filter((h) => h !== null);
}

/** The events of a session as `{kind, data}`; unparsable lines are skipped. */
export function readV2Events(env, id) {
  let text;
  try {
    text = fs.readFileSync(file(env, id, '.jsonl'), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').flatMap((line) => {
    try {
      return line.trim() === '' ? [] : [JSON.parse(line)];
    } catch {
      return [];
    }
  });
}

/** The `<id>.lock` of a session as `{pid, started_at}`, or null when there is none (or it is unreadable). */
export function readV2Lock(env, id) {
  try {
    const lock = JSON.parse(fs.readFileSync(file(env, id, '.lock'), 'utf8'));
    return lock && Number.isInteger(lock.pid) ? lock : null;
  } catch {
    return null;
  }
}

/** Deletes every file of a session; returns whether it existed. */
export function deleteV2(env, id) {
  if (!readV2Header(env, id)) return false;
  for (const ext of ['.json', '.jsonl', '.lock', '.history']) fs.rmSync(file(env, id, ext), {force: true});
  return true;
}

const unixSeconds = () => Date.now() / 1000;

// The store's clock: never the same millisecond twice within one process, so sessions saved one after the other
// (a turn's subagents) keep their order by `updated_at`, as the seconds apart they are in real use would.
let lastStamp = 0;
function stamp() {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return new Date(lastStamp).toISOString();
}

/** A session being written by this process; created lazily on the first event. */
export class V2Session {
  /** header: an existing one (resume) or null for a new session described by fresh. */
  constructor(env, header, fresh) {
    this.env = env;
    const now = stamp();
    this.header = header ?? {
      session_id: randomUUID(),
      title: '',
      cwd: fresh.cwd,
      created_at: now,
      updated_at: now,
      parent_session_id: fresh.parentId ?? null,
      session_created_reason: fresh.reason ?? null,
      session_state: {
        version: 'v1',
        agent_name: fresh.agentName ?? null,
        rts_model_state: {
          conversation_id: null,
          model_info: {model_id: fresh.model, context_window_tokens: 1000000},
        },
        conversation_metadata: {user_turn_metadatas: []},
      },
    };
    this.header.session_state.rts_model_state.conversation_id ??= this.header.session_id;
    this.turnMessageIds = [];
    this.requests = 0;
  }

  get id() {
    return this.header.session_id;
  }

  /** Takes the `<id>.lock` for this process (left behind if the process is killed). */
  begin() {
    fs.mkdirSync(v2Dir(this.env), {recursive: true});
    const lock = {pid: process.pid, started_at: new Date().toISOString()};
    fs.writeFileSync(file(this.env, this.id, '.lock'), `${JSON.stringify(lock)}\n`);
  }

  /** Removes the lock (a normal exit). */
  release() {
    fs.rmSync(file(this.env, this.id, '.lock'), {force: true});
  }

  #save() {
    fs.mkdirSync(v2Dir(this.env), {recursive: true});
    this.header.updated_at = stamp();
    const target = file(this.env, this.id, '.json');
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(this.header)}\n`);
    fs.renameSync(tmp, target);
  }

  #append(kind, data) {
    fs.mkdirSync(v2Dir(this.env), {recursive: true});
    fs.appendFileSync(file(this.env, this.id, '.jsonl'), `${JSON.stringify({version: 'v1', kind, data})}\n`);
    this.#save();
  }

  #message(kind, content, extra = {}) {
    const id = randomUUID();
    this.turnMessageIds.push(id);
    this.#append(kind, {message_id: id, content, ...extra});
  }

  /** A user prompt; the first one names the session. `history` adds the raw line to `<id>.history`. */
  prompt(text, {history = true} = {}) {
    if (!this.header.title) this.header.title = text;
    this.turnMessageIds = [];
    this.requests = 0;
    this.#message('Prompt', [{kind: 'text', data: text}], {meta: {timestamp: unixSeconds()}});
    if (history) appendHistory(this.env, this.id, text);
  }

  /** One assistant message: optional thinking, the text, then tool uses; returns the toolUseIds. */
  assistant({text = '', tools = [], thinking}) {
    const ids = tools.map(() => `tooluse_${randomUUID().replaceAll('-', '').slice(0, 22)}`);
    const content = [
      ...(thinking === undefined ? [] : [{kind: 'thinking', data: {text: thinking}}]),
      {kind: 'text', data: text},
      ...tools.map((tool, i) => ({
        kind: 'toolUse',
        data: {toolUseId: ids[i], name: tool.name, input: tool.input},
      })),
    ];
    this.requests += 1;
    this.#message('AssistantMessage', content);
    return ids;
  }

  /** Tool results `{toolUseId, status, json?|text?}`, paired with their uses by id. */
  toolResults(results) {
    const content = results.map((r) => ({
      kind: 'toolResult',
      data: {
        toolUseId: r.toolUseId,
        content: [r.json === undefined ? {kind: 'text', data: r.text ?? ''} : {kind: 'json', data: r.json}],
        status: r.status,
      },
    }));
    this.#message('ToolResults', content);
  }

  /** `Clear`: the conversation before it is wiped. */
  clear() {
    this.#append('Clear', null);
  }

  /** `Compaction`: a summary replaces the history in the model's context. */
  compact(summary) {
    this.#append('Compaction', {summary, messages_snapshot: []});
  }

  /** The turn's metadata once it ended, credits included. */
  finishTurn({credits, durationMs}) {
    this.header.session_state.conversation_metadata.user_turn_metadatas.push({
      input_token_count: 0,
      output_token_count: 0,
      turn_duration: durationMs,
      end_timestamp: Math.floor(unixSeconds()),
      total_request_count: Math.max(1, this.requests),
      message_ids: this.turnMessageIds,
      context_usage_percentage: 0.4,
      metering_usage: [{value: credits, unit: 'credit', unit_plural: 'credits'}],
    });
    this.#save();
  }

  /** A subagent's session: same store and cwd, `parent_session_id` set, never locked nor in history. */
  child(agentReason) {
    return new V2Session(this.env, null, {
      cwd: this.header.cwd,
      parentId: this.id,
      reason: agentReason,
      agentName: null,
      model: this.header.session_state.rts_model_state.model_info?.model_id ?? 'auto',
    });
  }
}

/** Appends a raw prompt line to `<id>.history`, keeping the last 100 lines. */
function appendHistory(env, id, text) {
  const target = file(env, id, '.history');
  let lines = [];
  try {
    lines = fs
      .readFileSync(target, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
  } catch {
    // No history yet.
  }
  lines.push(...text.split('\n').filter((l) => l.trim() !== ''));
  fs.writeFileSync(target, `${lines.slice(-100).join('\n')}\n`);
}
