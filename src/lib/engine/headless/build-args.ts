import type {Effort, Trust} from '../turn.js';

/** Argv elements above this size go through stdin instead (Linux caps one argv element at 128 KiB). */
export const MAX_ARGV_PROMPT_BYTES = 100 * 1024;

/** Everything that shapes one headless `kiro-cli chat` invocation. */
export interface ChatArgsInput {
  /** The user's prompt; placed after `--` unless `promptViaStdin`. */
  prompt: string;
  /** Send the prompt on stdin instead of argv (Linux caps one argv element at 128 KiB). */
  promptViaStdin: boolean;
  trust: Trust;
  /** `--model ID` */
  model?: string | undefined;
  /** `--effort LEVEL` */
  effort?: Effort | undefined;
  /** `--agent NAME` (a name; kiro-cli never takes a path here) */
  agent?: string | undefined;
  /** `--resume`: continue the latest conversation of the cwd. */
  resume?: boolean | undefined;
  /** `--resume-id UUID` (kiro-cli 2.2+) */
  resumeId?: string | undefined;
  /** `--v2` / `--v3` right after `chat`, when a harness is pinned and the version needs the flag. */
  harnessArgs?: readonly string[] | undefined;
}

/** What `command` shows in place of the prompt, so results and logs never repeat user text. */
export const PROMPT_PLACEHOLDER = '<prompt>';

/** Build the argv of a headless turn: flags explicit, `-v` never (it writes logs into stdout), prompt last. */
export function buildChatArgs(input: ChatArgsInput): string[] {
  const args = ['chat', '--no-interactive', ...(input.harnessArgs ?? []), '--wrap', 'never'];
  if (input.model !== undefined) args.push('--model', input.model);
  if (input.effort !== undefined) args.push('--effort', input.effort);
  if (input.trust.all) args.push('--trust-all-tools');
  // The `=` form keeps the list one argument whatever it holds.
  else if (input.trust.tools.length > 0) args.push(`--trust-tools=${input.trust.tools.join(',')}`);
  if (input.agent !== undefined) args.push('--agent', input.agent);
  if (input.resumeId !== undefined) args.push('--resume-id', input.resumeId);
  else if (input.resume) args.push('--resume');
  // `--` ends option parsing, so a prompt starting with `-` is never read as a flag.
  if (!input.promptViaStdin) args.push('--', input.prompt);
  return args;
}

/**
 * The trust to pass for a turn whose generated profile auto-approves `allowTools`: those are trusted with
 * `--trust-tools` as well, because kiro-cli has not always honoured an agent's `allowedTools` alone headless.
 */
export function turnTrust(trust: Trust, allowTools: readonly string[] | undefined): Trust {
  // Globs are for `allowedTools` only: kiro-cli would read one in --trust-tools as an unknown tool name.
  const exact = (allowTools ?? []).filter((tool) => !/[*?]/.test(tool));
  if (trust.all === true || exact.length === 0) return trust;
  return {tools: [...new Set([...trust.tools, ...exact])]};
}

/** The argv as reported to users: the prompt replaced by a placeholder. */
export function displayCommand(cliPath: string, args: readonly string[], promptViaStdin: boolean): string[] {
  const shown = [cliPath, ...args];
  if (!promptViaStdin && shown.length > 1) shown[shown.length - 1] = PROMPT_PLACEHOLDER;
  return shown;
}
