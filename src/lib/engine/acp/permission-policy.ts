import type {PermissionDecider} from '../events.js';
import {PERMISSION_MODES, type PermissionMode, type Trust} from '../turn.js';
import {canonicalTool} from './tool-names.js';

export {PERMISSION_MODES, type PermissionMode};

/** The policy's answer: a decision, or "ask the user". `fail` marks the denial that ends the turn. */
export type PolicyVerdict =
  {decision: 'allow' | 'deny'; by: PermissionDecider; fail: boolean} | {decision: 'ask'};

/** An option kiro-cli offered in `session/request_permission`. */
export interface OfferedOption {
  optionId: string;
  kind: string;
}

/**
 * Whether a trust list names the tool as headless reads `--trust-tools`: by canonical name (`fs_read` = `read`),
 * and `@server` covers every tool of that MCP server (`@server/tool`).
 */
export function trustCovers(trust: Trust, tool: string): boolean {
  if (trust.all === true) return true;
  const name = canonicalTool(tool);
  return trust.tools.some((entry) => {
    const trusted = canonicalTool(entry.trim());
    return (
      trusted === name ||
      (trusted.startsWith('@') && !trusted.includes('/') && name.startsWith(`${trusted}/`))
    );
  });
}

/** The decision on one request: trust flags first, then the mode (`ask` without a way to ask denies). */
export function decidePermission(
  tool: string,
  trust: Trust,
  mode: PermissionMode,
  canAsk: boolean,
): PolicyVerdict {
  if (trust.all === true) return {decision: 'allow', by: 'trust-all', fail: false};
  if (trustCovers(trust, tool)) return {decision: 'allow', by: 'trust-tools', fail: false};
  if (mode === 'ask' && canAsk) return {decision: 'ask'};
  return {decision: 'deny', by: 'policy', fail: mode === 'fail'};
}

// One-time options first: kiro-x never asks kiro-cli to remember a decision beyond the request.
const ALLOW_KINDS = ['allow_once', 'allow_always'] as const;
const DENY_KINDS = ['reject_once', 'reject_always'] as const;

/** The option id that carries a decision, or null when kiro-cli offered none (the request is then cancelled). */
export function chooseOption(options: readonly OfferedOption[], decision: 'allow' | 'deny'): string | null {
  for (const kind of decision === 'allow' ? ALLOW_KINDS : DENY_KINDS) {
    const option = options.find((o) => o.kind === kind);
    if (option !== undefined) return option.optionId;
  }
  return null;
}
