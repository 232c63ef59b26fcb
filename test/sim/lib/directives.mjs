// Test directives: `[[sim:NAME]]` / `[[sim:NAME=VALUE]]` in the prompt or in KIRO_SIM_DIRECTIVES.
const PATTERN = /\[\[sim:([a-z0-9-]+)(?:=([\s\S]*?))?\]\]/g;

/** Every directive the simulator understands. */
export const KNOWN_DIRECTIVES = new Set([
  'answer',
  'messages',
  'markdown',
  'sleep',
  'credits',
  'time',
  'tools',
  'tool-shapes',
  'usage-limit',
  'shell',
  'tool',
  'backend',
  'flaky',
  'exit',
  'no-trailer',
  'error',
  'hang',
  'hang-noisy',
  'trailer-then-hang',
  'ignore-term',
  'grandchild',
  'big',
  'line',
  'invalid-utf8',
  'binary',
  'crash',
  'close-stdout',
  'signal',
  'login-prompt',
  'subagent',
  'thinking',
  'clear',
  'compact',
  'stop',
  'keepalive',
  'plan',
  'early-end',
  'linger',
]);

/** Turns `\n`, `\t` and `\\` escapes of a directive value into the characters. */
export function unescape(value) {
  return value.replace(/\\([nt\\])/g, (_, c) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));
}

/** Collects directives from env then prompt (the prompt wins); returns {directives: Map} or {unknown: name}. */
export function parseDirectives(envText, prompt) {
  const directives = new Map();
  for (const text of [envText ?? '', prompt]) {
    for (const match of text.matchAll(PATTERN)) {
      const name = match[1];
      if (!KNOWN_DIRECTIVES.has(name)) return {unknown: name};
      directives.set(name, match[2] === undefined ? true : match[2]);
    }
  }
  return {directives};
}

/** A directive's value as a non-negative integer, or fallback when absent or not a number. */
export function intValue(directives, name, fallback) {
  const value = Number.parseInt(String(directives.get(name)), 10);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}
