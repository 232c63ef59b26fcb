// The V2-engine session store ($KIRO_HOME/sessions/cli/<uuid>.json + .jsonl) and the list/delete commands.
import {randomUUID} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {kiroHome} from './agents.mjs';
import {err, out} from './io.mjs';

function dir(env) {
  return path.join(kiroHome(env), 'sessions', 'cli');
}

function writeMeta(env, meta) {
  const file = path.join(dir(env), `${meta.sessionId}.json`);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(meta, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

function readMeta(env, id) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir(env), `${id}.json`), 'utf8'));
  } catch {
    return null;
  }
}

function allSessions(env) {
  let names;
  try {
    names = fs.readdirSync(dir(env));
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.json'))
    .map((n) => readMeta(env, n.slice(0, -'.json'.length)))
    .filter((m) => m && typeof m.sessionId === 'string');
}

// Newest first; equal timestamps fall back to creation time so the order is stable.
function newestFirst(a, b) {
  return (
    String(b.updatedAt).localeCompare(String(a.updatedAt)) ||
    String(b.createdAt).localeCompare(String(a.createdAt))
  );
}

/** Sessions of the current directory, newest first (KIRO_SIM_LIST_HEADLESS=none hides headless ones). */
export function cwdSessions(env) {
  const hideHeadless = env.KIRO_SIM_LIST_HEADLESS === 'none';
  return allSessions(env)
    .filter((m) => m.cwd === process.cwd() && !(hideHeadless && m.origin === 'headless'))
    .sort(newestFirst);
}

/** Opens the session for a turn: new, --resume (latest of cwd) or --resume-id; returns {session} or {error}. */
export function openSession(env, {resume, resumeId}) {
  if (resumeId !== undefined) {
    const meta = /^[\w-]+$/.test(resumeId) ? readMeta(env, resumeId) : null;
    return meta ? {session: meta} : {error: `error: Conversation session ${resumeId} not found\n`};
  }
  if (resume) {
    const [latest] = allSessions(env)
      .filter((m) => m.cwd === process.cwd())
      .sort(newestFirst);
    if (latest) return {session: latest};
  }
  const now = new Date().toISOString();
  return {
    session: {
      sessionId: randomUUID(),
      cwd: process.cwd(),
      title: null,
      createdAt: now,
      updatedAt: now,
      messages: 0,
      source: 'classic',
      origin: 'headless',
    },
  };
}

/** Appends one event line to the session and refreshes its metadata file. */
export function appendEvent(env, session, kind, data) {
  fs.mkdirSync(dir(env), {recursive: true});
  if (kind === 'Prompt' && session.title === null)
    session.title = Array.from(data.text).slice(0, 60).join('');
  if (kind === 'Prompt' || kind === 'AssistantMessage') session.messages += 1;
  session.updatedAt = new Date().toISOString();
  const line = `${JSON.stringify({version: 'v1', kind, data})}\n`;
  fs.appendFileSync(path.join(dir(env), `${session.sessionId}.jsonl`), line);
  writeMeta(env, session);
}

/** `chat --list-sessions [--format]`: plain rows on stderr, JSON on stdout (or stderr: KIRO_SIM_LIST_JSON_STREAM). */
export async function listSessions(env, format) {
  const sessions = cwdSessions(env);
  if (format === 'json' || format === 'json-pretty') {
    const doc =
      sessions.length === 0
        ? []
        : [
            {
              cwd: process.cwd(),
              sessions: sessions.map((s) => ({
                sessionId: s.sessionId,
                source: s.source ?? 'classic',
                title: s.title ?? '',
                updatedAt: s.updatedAt,
              })),
            },
          ];
    const text = `${format === 'json' ? JSON.stringify(doc) : JSON.stringify(doc, null, 2)}\n`;
    return env.KIRO_SIM_LIST_JSON_STREAM === 'stderr' ? err(text) : out(text);
  }
  if (sessions.length === 0) return err('No saved chat sessions\n');
  const rows = sessions.map(
    (s) => `${s.sessionId} | ${String(s.title ?? '').replace(/\r?\n/g, ' ')} | ${s.messages} msgs | v1\n`,
  );
  return err(rows.join(''));
}

/** `chat --delete-session ID`; returns the exit code (KIRO_SIM_DELETE_LIES=1 deletes yet reports not found). */
export async function deleteSession(env, id) {
  const notFound = `error: Session ${id} not found\n`;
  if (!/^[\w-]+$/.test(id) || !readMeta(env, id)) {
    await err(notFound);
    return 1;
  }
  fs.rmSync(path.join(dir(env), `${id}.json`), {force: true});
  fs.rmSync(path.join(dir(env), `${id}.jsonl`), {force: true});
  if (env.KIRO_SIM_DELETE_LIES === '1') {
    await err(notFound);
    return 1;
  }
  await err(`Deleted session ${id}\n`);
  return 0;
}
