// The V2 dialect's turn frames: tool previews on `_kiro.dev/session/update`, permission options with
// `_meta.trustOptions`, `_kiro.dev/metadata` (keep-alives, per subagent, after the turn), `_kiro.dev/error/rate_limit`.
import path from 'node:path';
import {isTrusted} from './trust.mjs';
import {notify} from './acp-wire.mjs';

const OPTIONS = [
  {optionId: 'allow_once', name: 'Yes', kind: 'allow_once'},
  {optionId: 'allow_always', name: 'Always', kind: 'allow_always'},
  {optionId: 'reject_once', name: 'No', kind: 'reject_once'},
];
const TITLES = {
  read: (arg) => `Reading ${path.basename(arg)}:1`,
  shell: (arg) => arg,
  grep: (arg) => `Searching for: ${arg}`,
  glob: (arg) => `Searching for files: ${arg}`,
  write: (arg) => `Creating: ${arg}`,
};

/** `_kiro.dev/metadata` for a session (bare `{sessionId}` is a keep-alive). */
export const metadata = (session, fields = {}) =>
  notify('_kiro.dev/metadata', {sessionId: session.id, ...fields});

/** The session's context usage in percent: the captured start value, growing with each turn. */
export const contextOf = (session) => 3.908087968826294 + 1.7 * session.turns;

const credits = (value) => [{value, unit: 'credit', unitPlural: 'credits'}];
const escapeRegex = (text) => text.replace(/[\\^$.*+?()[\]{}|~\-/]/g, '\\$&');

/**
 * `_meta.trustOptions` of a shell or read permission request: the tiers a client may persist for "Always" (Full /
 * Partial / Base command for shell, after the 2.4.1 wire audit; the read tier's shape is unverified).
 */
function trustOptions(tool, arg) {
  if (tool === 'shell') {
    const words = arg.trim().split(/\s+/);
    const tiers = [
      ['Full command', words],
      ['Partial command', words.slice(0, 2)],
      ['Base command', words.slice(0, 1)],
    ].filter(([, w], i) => i === 0 || w.length < words.length);
    return tiers.map(([label, w]) => ({
      label,
      display: w.join(' '),
      setting_key: 'allowedCommands',
      patterns: [escapeRegex(w.join(' '))],
    }));
  }
  if (tool === 'read' || tool === 'grep') {
    const dir = tool === 'read' ? path.dirname(arg) : arg;
    return [{label: 'Directory', display: dir, setting_key: 'allowedPaths', patterns: [`${dir}/**`]}];
  }
  return null;
}

/** The hooks acp-turn.mjs and acp-tools.mjs call during a V2 turn. */
export const v2TurnHooks = {
  beforeTurn: async () => null,
  turnStart: async () => undefined,
  keepAlive: (session) => metadata(session),
  rateLimit: (message) => notify('_kiro.dev/error/rate_limit', {message}),
  toolPreview: (session, {toolCallId, tool, kind}) =>
    notify('_kiro.dev/session/update', {
      sessionId: session.id,
      update: {sessionUpdate: 'tool_call_chunk', toolCallId, title: tool, kind},
    }),
  toolTitle: (tool, arg) => (TITLES[tool] ?? (() => tool))(arg),
  autoApproves: (session, tool, inside) => isTrusted(session.trust, tool, inside),
  permissionOptions: () => OPTIONS,
  permissionMeta(tool, arg) {
    const tiers = trustOptions(tool, arg);
    return tiers ? {trustOptions: tiers} : undefined;
  },
  /** Each subagent reports its own metadata under its own session id, between two roster snapshots. */
  async subagents(session, children) {
    const roster = children.map((child) => ({
      sessionId: child.id,
      sessionName: child.name,
      agentName: 'kiro_default',
      status: {type: 'working'},
      parentSessionId: session.id,
    }));
    await notify('_kiro.dev/subagent/list_update', {subagents: roster, pendingStages: []});
    for (const child of children) {
      await metadata(child, {
        contextUsagePercentage: 1.2,
        meteringUsage: credits(child.credits),
        turnDurationMs: 200,
      });
    }
    await notify('_kiro.dev/subagent/list_update', {subagents: [], pendingStages: []});
  },
  /** The turn's `_kiro.dev/metadata`: after the last chunk, or before it when `early`. */
  async turnEnd(session, info, last, early) {
    session.turns += 1;
    const fields = {
      contextUsagePercentage: contextOf(session),
      meteringUsage: credits(info.credits),
      turnDurationMs: info.durationMs,
      ...(session.effort !== undefined && session.model !== 'auto' ? {effort: session.effort} : {}),
    };
    if (early) await metadata(session, fields);
    await last();
    if (!early) await metadata(session, fields);
  },
};
