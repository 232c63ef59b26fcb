// Trusted-tool resolution: -a, --trust-tools and the agent's allowedTools, with kiro-cli's alias names.
const ALIASES = {fs_read: 'read', fs_write: 'write', execute_bash: 'shell', use_aws: 'aws'};
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

/** The banner kiro-cli prints on stderr for --trust-all-tools (first lines of the capture). */
export const TRUST_ALL_BANNER =
  'All tools are now trusted (!). Kiro will execute tools without asking for confirmation.\n' +
  'Agents can sometimes do unexpected things so understand the risks.\n\n' +
  'Learn more at https://kiro.dev/docs/cli/chat/security/#using-tools-trust-all-safely\n';

function canonical(name) {
  return ALIASES[name] ?? name;
}

/** Resolves {trustAll, tools (sorted canonical names/patterns), warnings} from flags and agent allowedTools. */
export function resolveTrust(options, agent) {
  const warnings = [];
  const tools = new Set();
  if (options.trustTools !== undefined) {
    for (const raw of options.trustTools.split(',')) {
      const name = raw.trim();
      if (name === '') continue;
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
  const trustAll = options.trustAll === true;
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

/** True when the named tool (alias or canonical) is trusted. */
export function isTrusted(trust, tool) {
  if (trust.trustAll) return true;
  const name = canonical(tool);
  return trust.tools.some((t) => t === name || (t.includes('*') && globMatch(t, name)));
}
