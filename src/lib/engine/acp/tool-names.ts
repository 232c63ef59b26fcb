/**
 * Tool names as kiro-cli's headless trust lists spell them (`read`, `write`, `shell`, `grep`, `@server`, …),
 * recovered from what ACP frames carry, so `--trust-tools` means on ACP what it means headless.
 */

// kiro-cli's internal ids (V3's `_meta.kiro.toolId`, headless refusal lines) and older aliases.
const ALIASES: Readonly<Record<string, string>> = {
  fs_read: 'read',
  fs_write: 'write',
  execute_bash: 'shell',
  execute_cmd: 'shell',
  use_aws: 'aws',
  use_subagent: 'subagent',
};
// ACP tool kinds whose tool is certain; `search` is grep or glob, told apart by the title.
const BY_KIND: Readonly<Record<string, string>> = {
  read: 'read',
  edit: 'write',
  delete: 'write',
  move: 'write',
  execute: 'shell',
  fetch: 'web_fetch',
};
// V2 titles glob `Searching for files: X` and grep `Searching for: X`; V3 titles them `File Search` / `Grep Search`.
const GLOB_TITLE = /^(?:Searching for files\b|File Search\b)/;

/** The trust-list name of a tool id or alias (`fs_read` → `read`); names it does not know pass unchanged. */
export function canonicalTool(name: string): string {
  return ALIASES[name] ?? name;
}

/** What a frame says about a tool call, from the most to the least certain source. */
export interface ToolClues {
  /** V3: `_meta.kiro.toolId` of the permission request (an internal id such as `execute_bash`). */
  toolId?: string | null | undefined;
  /** V2: the tool name of the `_kiro.dev/session/update` `tool_call_chunk` preview. */
  previewName?: string | null | undefined;
  kind?: string | null | undefined;
  title?: string | null | undefined;
  /** `_meta.kiro.kind` of a V3 tool call (`agent-subtask` for a subagent). */
  metaKind?: string | null | undefined;
}

/** The tool's trust-list name: the declared id, else the preview's name, else what its kind implies. */
export function identifyTool(clues: ToolClues): string {
  if (nonEmpty(clues.toolId)) return canonicalTool(clues.toolId);
  if (nonEmpty(clues.previewName)) return canonicalTool(clues.previewName);
  if (clues.metaKind === 'agent-subtask') return 'subagent';
  const kind = clues.kind ?? '';
  if (kind === 'search') return GLOB_TITLE.test(clues.title ?? '') ? 'glob' : 'grep';
  const byKind = BY_KIND[kind];
  if (byKind !== undefined) return byKind;
  return nonEmpty(clues.title) ? clues.title : 'unknown';
}

function nonEmpty(value: string | null | undefined): value is string {
  return typeof value === 'string' && value !== '';
}
