// Which store a turn writes (V2 flat or V3 bucketed, by harness) and how --resume / --resume-id pick a session.
import {allV2Headers, readV2Header, V2Session} from './store-v2.mjs';
import {allV3Sessions, findV3Dir, readV3Meta, V3Session} from './store-v3.mjs';
import {atLeast} from './version.mjs';

/** The store a run writes: 'v3' under the V3 harness (chosen by flags or the 3.x default) or KIRO_SIM_ENGINE=v3, else 'v2'. */
export function harnessEngine(env, harness) {
  return harness === 'v3' || env.KIRO_SIM_ENGINE === 'v3' ? 'v3' : 'v2';
}

/**
 * How --resume-id treats an id: 'new' starts a fresh session under a new id without a word (2.19.2 up to
 * 2.21.0, Kiro#11069), 'honour' resumes it. KIRO_SIM_RESUME_ID=new|honour overrides the version.
 */
export function resumeIdMode(env, version) {
  if (env.KIRO_SIM_RESUME_ID === 'new' || env.KIRO_SIM_RESUME_ID === 'honour') return env.KIRO_SIM_RESUME_ID;
  return atLeast(version, '2.19.2') && !atLeast(version, '2.21.1') ? 'new' : 'honour';
}

const byNewest = (a, b) => String(b.updated).localeCompare(String(a.updated));

/** Top-level sessions of the cwd in one engine's store, newest first: `{id, updated, open()}`. */
export function cwdTopLevel(env, engine) {
  const cwd = process.cwd();
  if (engine === 'v3') {
    return allV3Sessions(env)
      .filter(({meta}) => !meta.parentSessionId && meta.workspacePaths?.[0] === cwd)
      .map((s) => ({id: s.meta.id, updated: s.meta.lastModifiedAt, title: s.meta.title, store: s}))
      .sort(byNewest);
  }
  return allV2Headers(env)
    .filter((h) => !h.parent_session_id && h.cwd === cwd)
    .map((h) => ({id: h.session_id, updated: h.updated_at, title: h.title, store: h}))
    .sort(byNewest);
}

function attach(env, engine, store) {
  return engine === 'v3' ? new V3Session(env, store, null) : new V2Session(env, store, null);
}

function find(env, engine, id) {
  if (engine === 'v3') {
    const dir = findV3Dir(env, id);
    const meta = dir && readV3Meta(dir);
    return meta ? {dir, meta} : null;
  }
  return readV2Header(env, id);
}

/**
 * Opens the session of a turn: new, --resume (latest top-level session of the cwd, else new) or --resume-id.
 * An unknown id never creates a session under that id: it is an error, except where the version (or the V3
 * harness from 2.21.1 on) silently starts a fresh session instead. Returns {session} or {error}.
 */
export function openSession(env, {resume, resumeId, engine, version, model, agentName}) {
  const fresh = () => {
    const reason = env.KIRO_SIM_CREATED_REASON === 'always-subagent' ? 'subagent' : null;
    const spec = {cwd: process.cwd(), reason, agentName, model};
    return {session: engine === 'v3' ? new V3Session(env, null, spec) : new V2Session(env, null, spec)};
  };
  if (resumeId !== undefined) {
    if (resumeIdMode(env, version) === 'new') return fresh();
    const existing = find(env, engine, resumeId);
    if (existing) return {session: attach(env, engine, existing)};
    if (engine === 'v3' && atLeast(version, '2.21.1')) return fresh();
    return {error: `error: Conversation session ${resumeId} not found\n`};
  }
  if (resume) {
    const [latest] = cwdTopLevel(env, engine);
    if (latest) return {session: attach(env, engine, latest.store)};
  }
  return fresh();
}
