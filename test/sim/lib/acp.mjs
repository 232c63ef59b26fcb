// `kiro-cli acp`: after the checks of acp-startup.mjs, newline-delimited JSON-RPC 2.0 on stdio in the V2 or V3
// dialect until stdin closes (exit 0) or SIGTERM; every lock this process holds is released on the way out.
import {exitWith, onFinish, sleep} from './io.mjs';
import {updateRecord} from './record.mjs';
import {loadSession} from './acp-load.mjs';
import {preflight} from './acp-startup.mjs';
import {cancel, prompt} from './acp-turn.mjs';
import {v2Dialect, v2Initialize} from './acp-v2.mjs';
import {v3Dialect, v3Initialize} from './acp-v3.mjs';
import {
  Followed,
  METHOD_NOT_FOUND,
  NEVER,
  RpcError,
  fail,
  readFrames,
  respond,
  setErrorStyle,
} from './acp-wire.mjs';

function release(server) {
  for (const session of server.sessions.values()) session.store.release();
}

// SIGTERM ends the process the way the signal would, after releasing the locks (`ignore-term` keeps it alive).
function terminate(server) {
  if (server.ignoreTerm) return;
  release(server);
  updateRecord({endedAt: Date.now(), signal: 'SIGTERM'});
  process.removeAllListeners('SIGTERM');
  process.kill(process.pid, 'SIGTERM');
}

// The requests kiro-cli answers; anything else (authenticate, `_kiro.dev/commands/execute`, …) is -32601.
function handlers(server) {
  const initialize = server.engine === 'v3' ? v3Initialize : v2Initialize;
  const d = server.dialect;
  return {
    initialize: async () => initialize(server.version),
    'session/new': (p) => d.newSession(p),
    'session/load': (p) => loadSession(server, p),
    'session/prompt': (p) => prompt(server, p),
    'session/set_mode': (p) => d.setMode(p),
    'session/set_model': (p) => d.setModel(p),
    'session/set_config_option': (p) => d.setConfigOption(p),
  };
}

// One frame from the client: a notification (only session/cancel means anything) or a request to answer.
async function dispatch(server, message) {
  if (message.id === undefined || message.id === null) {
    if (message.method === 'session/cancel') cancel(server, message.params);
    return;
  }
  const handler = Object.hasOwn(server.handlers, message.method) ? server.handlers[message.method] : null;
  try {
    if (!handler) throw new RpcError(METHOD_NOT_FOUND);
    const value = await handler(message.params ?? {});
    if (value === NEVER) return;
    if (value instanceof Followed) {
      await respond(message.id, value.result);
      await value.after();
    } else await respond(message.id, value);
  } catch (e) {
    if (!(e instanceof RpcError)) throw e;
    await fail(message.id, e.code, e.data);
  }
}

/** Runs `kiro-cli acp ARGS`; never returns (the process ends through exitWith or a signal). */
export async function acp(args, env, {version}) {
  const {engine, cliAuth, startup} = await preflight(args, env, version);
  const server = {env, version, engine, cliAuth, startup, token: null, sessions: new Map(), toolCalls: []};
  server.ignoreTerm = false;
  server.dialect = engine === 'v3' ? v3Dialect(server) : v2Dialect(server);
  server.handlers = handlers(server);
  setErrorStyle(env);
  onFinish(() => release(server));
  process.on('SIGTERM', () => terminate(server));
  // KIRO_SIM_ACP_STARTUP_MS: a slow start; frames sent meanwhile wait in the pipe.
  const startupMs = Number.parseInt(env.KIRO_SIM_ACP_STARTUP_MS ?? '0', 10);
  if (startupMs > 0) await sleep(startupMs);
  // `linger`: a turn stuck inside kiro-cli keeps the process up after stdin closed (only a signal ends it).
  readFrames(
    (message) => void dispatch(server, message),
    () => {
      if (!server.linger) void exitWith(0);
    },
  );
  return new Promise(() => {});
}
