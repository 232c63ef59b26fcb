// `chat --list-sessions [-f json]` and `chat --delete-session ID`.
import fs from 'node:fs';
import {err, out} from './io.mjs';
import {cwdTopLevel} from './sessions.mjs';
import {deleteV2, readV2Events} from './store-v2.mjs';
import {deleteV3, readV3Payloads} from './store-v3.mjs';

const V2_MESSAGES = new Set(['Prompt', 'AssistantMessage', 'ToolResults']);
const V3_MESSAGES = new Set(['session_start', 'user', 'assistant', 'tool_call', 'tool_result']);

// Messages of the conversation as it stands: a Clear wipes what came before.
function messageCount(env, engine, session) {
  const kinds =
    engine === 'v3'
      ? readV3Payloads(session.store.dir).map((p) => p.type)
      : readV2Events(env, session.id).map((e) => e.kind);
  const counted = engine === 'v3' ? V3_MESSAGES : V2_MESSAGES;
  return kinds.slice(kinds.lastIndexOf('Clear') + 1).filter((k) => counted.has(k)).length;
}

/** `19 seconds ago`, `1 minute ago`, `3 hours ago`, `2 days ago`. */
export function ago(iso, now = Date.now()) {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  const [n, unit] =
    seconds < 60
      ? [seconds, 'second']
      : seconds < 3600
        ? [Math.floor(seconds / 60), 'minute']
        : seconds < 86400
          ? [Math.floor(seconds / 3600), 'hour']
          : [Math.floor(seconds / 86400), 'day'];
  return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
}

/**
 * `chat --list-sessions`: the cwd's top-level sessions of the harness's store, newest first. Plain: on stderr,
 * `Chat sessions for CWD:`, a blank line, then two lines per session with the id in bold (NO_COLOR: `ESC[m`,
 * unverified). JSON (`-f json`): on stdout (KIRO_SIM_LIST_JSON_STREAM=stderr moves it), cwd as the real path.
 */
export async function listSessions(env, format, engine) {
  const hideHeadless = env.KIRO_SIM_LIST_HEADLESS === 'none';
  const sessions = hideHeadless ? [] : cwdTopLevel(env, engine);
  const cwd = fs.realpathSync(process.cwd());
  if (format === 'json' || format === 'json-pretty') {
    const rows = sessions.map((s) => ({
      sessionId: s.id,
      source: 'classic',
      title: s.title ?? '',
      updatedAt: s.updated,
      messageCount: messageCount(env, engine, s),
    }));
    const doc = rows.length === 0 ? [] : [{cwd, sessions: rows, complete: true}];
    const text = `${format === 'json' ? JSON.stringify(doc) : JSON.stringify(doc, null, 2)}\n`;
    return env.KIRO_SIM_LIST_JSON_STREAM === 'stderr' ? err(text) : out(text);
  }
  if (sessions.length === 0) {
    const tail = env.KIRO_SIM_LIST_EMPTY === 'directory' ? ' for this directory.' : '';
    return err(`No saved chat sessions${tail}\n`);
  }
  const bold = env.NO_COLOR ? '\x1b[m' : '\x1b[1m';
  const rows = sessions.map(
    (s) =>
      `${bold}Chat SessionId: ${s.id}\x1b[0m\n` +
      `  ${ago(s.updated)} | ${String(s.title ?? '').replace(/\r?\n/g, ' ')} | ${messageCount(env, engine, s)} msgs | v1\n`,
  );
  return err(`Chat sessions for ${cwd}:\n\n${rows.join('')}`);
}

/** `chat --delete-session ID` (either store); returns the exit code. KIRO_SIM_DELETE_LIES=1 deletes, then says "not found". */
export async function deleteSession(env, id) {
  const notFound = `error: Session ${id} not found\n`;
  const deleted = id.startsWith('sess_') ? deleteV3(env, id) : deleteV2(env, id);
  if (!deleted || env.KIRO_SIM_DELETE_LIES === '1') {
    await err(notFound);
    return 1;
  }
  await err(`Deleted session ${id}\n`);
  return 0;
}
