// Newline-delimited JSON-RPC 2.0 on stdin/stdout, framed the way kiro-cli writes it (key order of the captures:
// `jsonrpc` first, `id` last), plus the agent's own requests to the client and their answers.
import {randomUUID} from 'node:crypto';
import {out} from './io.mjs';

/** JSON-RPC error codes. */
export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const METHOD_NOT_FOUND = -32601;
export const INVALID_PARAMS = -32602;
export const INTERNAL_ERROR = -32603;

const MESSAGES = {
  [PARSE_ERROR]: 'Parse error',
  [INVALID_REQUEST]: 'Invalid Request',
  [METHOD_NOT_FOUND]: 'Method not found',
  [INVALID_PARAMS]: 'Invalid params',
  [INTERNAL_ERROR]: 'Internal error',
};

/** What a handler returns for a request kiro-cli never answers. */
export const NEVER = Symbol('never answered');

/** A JSON-RPC error a handler throws; `data` is the detail kiro-cli puts beside the generic message. */
export class RpcError extends Error {
  constructor(code, data) {
    super(typeof data === 'string' ? data : (MESSAGES[code] ?? 'error'));
    this.code = code;
    this.data = data;
  }
}

/** A result followed by frames that kiro-cli writes after the response (`after` runs once it is written). */
export class Followed {
  constructor(result, after) {
    this.result = result;
    this.after = after;
  }
}

// KIRO_SIM_ACP_ERROR_TEXT=message: the detail replaces the generic message instead of going into `data`.
let detailInMessage = false;
const pending = new Map();

/** Chooses where error details go (see KIRO_SIM_ACP_ERROR_TEXT). */
export function setErrorStyle(env) {
  detailInMessage = env.KIRO_SIM_ACP_ERROR_TEXT === 'message';
}

function write(frame) {
  return out(`${JSON.stringify(frame)}\n`);
}

/** A notification from the agent. */
export function notify(method, params) {
  return write({jsonrpc: '2.0', method, params});
}

/** A successful response. */
export function respond(id, result) {
  return write({jsonrpc: '2.0', result, id});
}

/** An error response; `data` (a string or object) is the detail. */
export function fail(id, code, data) {
  const error = {code, message: MESSAGES[code] ?? 'Server error'};
  if (typeof data === 'string' && detailInMessage) error.message = data;
  else if (data !== undefined) error.data = data;
  return write({jsonrpc: '2.0', error, id});
}

/** Sends a request to the client under a UUID id; `answer` resolves to its `{result}` or `{error}`. */
export function request(method, params) {
  const id = randomUUID();
  const answer = new Promise((resolve) => pending.set(id, resolve));
  void write({jsonrpc: '2.0', method, params, id});
  return {id, answer};
}

/** Stops waiting for a request's answer (a late answer is then ignored). */
export function forget(id) {
  pending.delete(id);
}

function handleLine(line, onMessage) {
  if (line.trim() === '') return;
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    void fail(null, PARSE_ERROR);
    return;
  }
  if (!message || typeof message !== 'object' || Array.isArray(message)) {
    void fail(null, INVALID_REQUEST);
    return;
  }
  if (message.method === undefined && ('result' in message || 'error' in message)) {
    const resolve = pending.get(message.id);
    pending.delete(message.id);
    resolve?.('error' in message ? {error: message.error} : {result: message.result});
    return;
  }
  if (typeof message.method !== 'string') {
    void fail(message.id ?? null, INVALID_REQUEST);
    return;
  }
  onMessage(message);
}

/** Reads frames from stdin, one JSON document a line; `onEnd` runs when stdin closes. */
export function readFrames(onMessage, onEnd) {
  let buffer = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    buffer += chunk;
    for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      handleLine(line, onMessage);
    }
  });
  process.stdin.on('end', () => {
    handleLine(buffer, onMessage);
    onEnd();
  });
  process.stdin.on('error', onEnd);
}
