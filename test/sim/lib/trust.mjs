// Which tools exist for the agent and which run without approval: -a, --trust-tools, allowedTools, the defaults.
import path from 'node:path';

const ALIASES = {fs_read: 'read', fs_write: 'write', execute_bash: 'shell', use_aws: 'aws'};
/** kiro-cli's internal id of each tool, as its refusal line names it. */
const INTERNAL = {read: 'fs_read', write: 'fs_write', shell: 'execute_bash', aws: 'use_aws'};
const BUILTIN = new Set([
  'read',
  'write',
  'shell',
  'aws',
  'glob',
  'grep',
  'code',
  'web_search',
  'web_fetch',
  'report',
  'introspect',
  'knowledge',
  'todo_list',
  'subagent',
]);
/** Trusted with no trust flag at all, as long as they stay inside the cwd. */
const TRUSTED_IN_CWD = new Set(['read', 'grep', 'glob', 'report']);

/** The banner kiro-cli prints on stderr for --trust-all-tools (first lines of the capture). */
export const TRUST_ALL_BANNER =
  'All tools are now trusted (!). Kiro will execute tools without asking for confirmation.\n' +
  'Agents can sometimes do unexpected things so understand the risks.\n\n' +
  'Learn more at https://kiro.dev/docs/cli/chat/security/#using-tools-trust-all-safely\n';

/** The canonical name of a tool (aliases like fs_read → read). */
export function canonical(name) {
  return ALIASES[name] ?? name;
}

/** The id kiro-cli uses for the tool in `Command X is rejected …`. */
export function internalName(tool) {
  return INTERNAL[canonical(tool)] ?? canonical(tool);
}

/**
 * Resolves {trustAll, tools (sorted canonical names/patterns), warnings} from flags and agent allowedTools.
 * Every --trust-tools item that is not a built-in or `@server` warns, the empty one included (2.11 reads
 * `--trust-tools=` as one custom tool with an empty name); -a makes kiro-cli ignore --trust-tools.
 */
export function resolveTrust(options, agent) {
  const warnings = [];
  const tools = new Set();
  const trustAll = options.trustAll === true;
  if (options.trustTools !== undefined && !trustAll) {
    for (const raw of options.trustTools.split(',')) {
      const name = raw.trim();
      if (name.startsWith('@') || BUILTIN.has(canonical(name))) tools.add(canonical(name));
      else
        warnings.push(
          `WARNING: --trust-tools arg for custom tool ${name} needs to be prepended with @{MCPSERVERNAME}/\n`,
        );
    }
  }
  const allowed = Array.isArray(agent?.allowedTools) ? agent.allowedTools : [];
  for (const entry of allowed) {
    if (typeof entry === 'string' && entry !== '*') tools.add(canonical(entry));
  }
  return {trustAll, tools: trustAll ? ['*'] : [...tools].sort(), warnings};
}

function globMatch(pattern, name) {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(name);
}

/**
 * Whether the agent has the tool at all. The default agent has every tool; a custom agent only those in its
 * `tools` (`*` = all, `@builtin` = the built-ins). An agent file without `tools` gets none (serde's default for
 * the field), or all of them with KIRO_SIM_AGENT_TOOLS=all (unverified which one kiro-cli 2.x does).
 */
export function toolAvailable(agent, tool, env) {
  if (!agent) return true;
  if (!Array.isArray(agent.tools)) return env.KIRO_SIM_AGENT_TOOLS === 'all';
  const name = canonical(tool);
  return agent.tools.some(
    (entry) =>
      entry === '*' ||
      (entry === '@builtin' && BUILTIN.has(name)) ||
      (typeof entry === 'string' && canonical(entry) === name),
  );
}

/** True when the named tool (alias or canonical) runs without approval; `insideCwd` says where it reaches. */
export function isTrusted(trust, tool, insideCwd = false) {
  if (trust.trustAll) return true;
  const name = canonical(tool);
  if (insideCwd && TRUSTED_IN_CWD.has(name)) return true;
  return trust.tools.some((t) => t === name || (t.includes('*') && globMatch(t, name)));
}

/** Whether a path argument stays inside cwd (the process's by default; relative paths resolve against it). */
export function insideCwd(arg, cwd = process.cwd()) {
  const relative = path.relative(cwd, path.resolve(cwd, arg));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
