// The V3 harness's bucketed store: $KIRO_HOME/sessions/<first 16 hex of sha256(cwd)>|_global/<sess_id>/
// session.json (camelCase) + messages.jsonl (`{"id","timestamp","payload":{"type",…}}`).
import {createHash, randomUUID} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {kiroHome} from './agents.mjs';

const V3_ID = /^sess_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BUCKET = /^([0-9a-f]{16}|_global)$/;

/** `$KIRO_HOME/sessions`, the parent of the buckets (and of the V2 `cli` directory). */
export function v3Root(env) {
  return path.join(kiroHome(env), 'sessions');
}

/** The bucket of a workspace: the first 16 hex characters of sha256 over its absolute path. */
export function bucketOf(cwd) {
  return cwd ? createHash('sha256').update(cwd).digest('hex').slice(0, 16) : '_global';
}

function buckets(env) {
  try {
    return fs.readdirSync(v3Root(env)).filter((n) => BUCKET.test(n));
  } catch {
    return [];
  }
}

/** Directory of session id, searching every bucket; null when absent. */
export function findV3Dir(env, id) {
  if (!V3_ID.test(id)) return null;
  for (const bucket of buckets(env)) {
    const dir = path.join(v3Root(env), bucket, id);
    if (fs.existsSync(path.join(dir, 'session.json'))) return dir;
  }
  return null;
}

/** The session.json of a session directory, or null. */
export function readV3Meta(dir) {
  try {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'session.json'), 'utf8'));
    return doc && typeof doc.id === 'string' ? doc : null;
  } catch {
    return null;
  }
}

/** Every session of every bucket as `{dir, meta}`. */
export function allV3Sessions(env) {
  return buckets(env).flatMap((bucket) => {
    let names;
    try {
      names = fs.readdirSync(path.join(v3Root(env), bucket));
    } catch {
      return [];
    }
    return names.flatMap((name) => {
      const dir = path.join(v3Root(env), bucket, name);
      const meta = readV3Meta(dir);
      return meta ? [{dir, meta}] : [];
    });
  });
}

/** The payloads of a session's messages.jsonl. */
export function readV3Payloads(dir) {
  let text;
  try {
    text = fs.readFileSync(path.join(dir, 'messages.jsonl'), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').flatMap((line) => {
    try {
      return line.trim() === '' ? [] : [JSON.parse(line).payload ?? {}];
    } catch {
      return [];
    }
  });
}

/** A V3 session being written by this process; same methods as V2Session. */
export class V3Session {
  constructor(env, existing, fresh) {
    this.env = env;
    if (existing) {
      this.dir = existing.dir;
      this.meta = existing.meta;
    } else {
      const now = new Date().toISOString();
      const id = `sess_${randomUUID()}`;
      this.dir = path.join(v3Root(env), bucketOf(fresh.cwd), id);
      this.meta = {
        id,
        title: '',
        agentMode: fresh.agentName ?? 'kiro_default',
        workspacePaths: fresh.cwd ? [fresh.cwd] : [],
        createdAt: now,
        lastModifiedAt: now,
        modelId: fresh.model,
        parentSessionId: fresh.parentId ?? null,
      };
    }
  }

  get id() {
    return this.meta.id;
  }

  begin() {}

  release() {}

  #write(payload) {
    fs.mkdirSync(this.dir, {recursive: true});
    const line = {id: randomUUID(), timestamp: new Date().toISOString(), payload};
    fs.appendFileSync(path.join(this.dir, 'messages.jsonl'), `${JSON.stringify(line)}\n`);
    this.meta.lastModifiedAt = line.timestamp;
    const target = path.join(this.dir, 'session.json');
    fs.writeFileSync(`${target}.tmp`, `${JSON.stringify(this.meta, null, 2)}\n`);
    fs.renameSync(`${target}.tmp`, target);
  }

  // The first prompt of a session is written as `session_start`, never as a `user` payload.
  prompt(text) {
    const first = !this.meta.title;
    if (first) this.meta.title = text;
    this.#write({type: 'turn_start'});
    this.#write(
      first
        ? {type: 'session_start', agentType: this.meta.agentMode, content: text}
        : {type: 'user', content: text},
    );
  }

  assistant({text = '', tools = [], thinking}) {
    if (thinking !== undefined)
      this.#write({type: 'assistant', operationType: 'Reasoning', content: thinking});
    if (text !== '') this.#write({type: 'assistant', content: text});
    return tools.map((tool) => {
      const toolCallId = `call_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
      this.#write({type: 'tool_call', toolCallId, toolName: tool.name, args: tool.input});
      return toolCallId;
    });
  }

  toolResults(results) {
    for (const r of results) {
      const content = r.json === undefined ? (r.text ?? '') : (r.json.stdout ?? JSON.stringify(r.json));
      this.#write({type: 'tool_result', toolCallId: r.toolUseId, content, success: r.status === 'success'});
    }
  }

  // How V3 records a cleared or compacted conversation is not known: the directives only act on V2.
  clear() {}

  compact() {}

  finishTurn({credits}) {
    this.#write({type: 'usage_summary', unit: 'credit', usage: Number(credits)});
    this.#write({type: 'turn_end'});
  }

  child() {
    return new V3Session(this.env, null, {
      cwd: this.meta.workspacePaths[0],
      parentId: this.id,
      agentName: null,
      model: this.meta.modelId,
    });
  }
}

/** Deletes a V3 session directory; returns whether it existed. */
export function deleteV3(env, id) {
  const dir = findV3Dir(env, id);
  if (!dir) return false;
  fs.rmSync(dir, {recursive: true, force: true});
  return true;
}
