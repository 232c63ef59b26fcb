// How an ACP turn fails: the credential a turn meets, the backend and account failures (JSON-RPC errors carrying
// the headless texts, unverified on this wire), and the crash / self-signal faults.
import {constants} from 'node:os';
import {USAGE_LIMIT_TEXT} from './account.mjs';
import {resolveCredential, unusableLogin} from './credentials.mjs';
import {intValue, unescape} from './directives.mjs';
import {err, exitWith} from './io.mjs';
import {updateRecord} from './record.mjs';
import {nextAttempt} from './state.mjs';
import {BACKEND} from './turn.mjs';
import {INTERNAL_ERROR, INVALID_PARAMS, NEVER, RpcError} from './acp-wire.mjs';
import {chunk} from './acp-session.mjs';

const QUOTA = 'Request quota exceeded. Please wait a moment and try again.';
const NO_PROFILE =
  'profileArn is required but no profiles are available. Please log in and select a profile.';

/** The credential problem a prompt meets (none under V3 with a client-supplied token), or null. */
export function credentialError(server) {
  if (server.engine === 'v3' && !server.cliAuth) return null;
  if (server.env.KIRO_SIM_PROFILE_ARN === 'missing') return new RpcError(INTERNAL_ERROR, NO_PROFILE);
  const cred = resolveCredential(server.env);
  const text =
    cred.kind === 'apiKey' && !cred.valid
      ? 'Authentication failed. Your API key may be invalid or expired.'
      : unusableLogin(cred)?.trimEnd();
  return text ? new RpcError(INTERNAL_ERROR, text) : null;
}

/**
 * The backend and account failures a turn's directives ask for: an RpcError to answer with, a result to answer
 * with (the rate limit under KIRO_SIM_ACP_RATE_LIMIT=end_turn), or null to go on.
 */
export async function failure(server, d, prompt) {
  if (d.has('flaky') && nextAttempt(server.env, prompt) <= intValue(d, 'flaky', 0)) {
    return new RpcError(INTERNAL_ERROR, BACKEND.trouble.trimEnd());
  }
  if (d.has('backend')) {
    const kind = String(d.get('backend'));
    if (!BACKEND[kind])
      return new RpcError(INVALID_PARAMS, `kiro-cli simulator: unknown backend failure '${kind}'`);
    if (kind === 'quota') {
      await server.dialect.rateLimit(QUOTA);
      if (server.env.KIRO_SIM_ACP_RATE_LIMIT === 'end_turn') return {stopReason: 'end_turn'};
    }
    return new RpcError(INTERNAL_ERROR, BACKEND[kind].trimEnd());
  }
  if (d.has('usage-limit')) {
    const forced = String(d.get('usage-limit'));
    const harness = forced === 'v2' || forced === 'v3' ? forced : server.engine;
    const text = harness === 'v3' ? USAGE_LIMIT_TEXT.v3.out + USAGE_LIMIT_TEXT.v3.err : USAGE_LIMIT_TEXT.v2;
    return new RpcError(INTERNAL_ERROR, text.trimEnd());
  }
  if (d.has('error')) return new RpcError(INTERNAL_ERROR, unescape(String(d.get('error'))));
  return null;
}

/** `crash` (a Rust panic on stderr, exit 101) and `signal=NAME` (the process kills itself), after half an answer. */
export async function fault(session, d) {
  const signal = d.has('signal') ? String(d.get('signal')).toUpperCase() : null;
  if (signal !== null && constants.signals[signal] === undefined) {
    throw new RpcError(INVALID_PARAMS, `kiro-cli simulator: unknown signal ${signal}`);
  }
  await chunk(session.id, 'agent_message_chunk', 'Here is the first half of the ans');
  if (signal !== null) {
    updateRecord({endedAt: Date.now(), signal});
    process.kill(process.pid, signal);
    return NEVER;
  }
  await err(
    "\nthread 'main' panicked at crates/chat-cli/src/cli/chat/mod.rs:812:17:\n" +
      'simulated panic while streaming the response\n',
  );
  return exitWith(101);
}
