/** Flags that ask for a generated agent profile; each maps to one field of kiro's agent JSON. */
export interface ProfileFlags {
  /** `--system-prompt` / `--system-prompt-file` → `prompt` (inline text). */
  systemPrompt?: string | undefined;
  /** `--tools` → `tools` (replaces the base agent's list). */
  tools?: readonly string[] | undefined;
  /** `--no-tools` → `tools: []` and `allowedTools: []`: the model is offered no tool at all. */
  noTools?: boolean | undefined;
  /** `--allow-tools` → `allowedTools` (replaces the base agent's list). */
  allowTools?: readonly string[] | undefined;
  /** `--resource` → `resources` as `file://GLOB` (added to the base agent's). */
  resources?: readonly string[] | undefined;
  /** `--mcp-config` file's `mcpServers` (merged into the base agent's by server name). */
  mcpServers?: Readonly<Record<string, unknown>> | undefined;
  /** `--allow-command` → `toolsSettings.shell.allowedCommands` */
  allowCommands?: readonly string[] | undefined;
  /** `--deny-command` → `toolsSettings.shell.deniedCommands` */
  denyCommands?: readonly string[] | undefined;
  /** `--allow-path` → `toolsSettings.write.allowedPaths` */
  allowPaths?: readonly string[] | undefined;
}

/** Whether any flag asks for a generated profile (`noTools: false` does not). */
export function needsProfile(flags: ProfileFlags): boolean {
  return Object.values(flags).some((value) => value !== undefined && value !== false);
}

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? {...(value as Json)} : {};
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? [...(value as unknown[])] : []);

/** kiro-cli reads resources as URIs; a bare glob becomes `file://GLOB`. */
export function resourceUri(glob: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(glob) ? glob : `file://${glob}`;
}

/**
 * The agent JSON kiro-x writes: the base agent (when `--agent` was given) overlaid with the flags.
 * Restrictions (`tools`, `allowedTools`, command and path rules) replace the base's; context (`resources`,
 * `mcpServers`) is added to it. `name` always equals the file stem, and every key is one kiro-cli 2.x accepts
 * (one unknown key and kiro-cli drops the whole profile). Without a base or `--tools`, `tools` is `["*"]`, the
 * default agent's set: an agent file without `tools` may get no tools at all.
 */
export function buildProfile(name: string, flags: ProfileFlags, base?: Readonly<Json>): Json {
  const profile: Json = {...(base ?? {})};
  profile.name = name;
  profile.description = base?.name
    ? `kiro-x temporary profile based on agent "${String(base.name)}"`
    : 'kiro-x temporary profile';
  if (flags.systemPrompt !== undefined) profile.prompt = flags.systemPrompt;
  if (flags.noTools === true) {
    profile.tools = [];
    profile.allowedTools = [];
  } else {
    if (flags.tools !== undefined) profile.tools = [...flags.tools];
    else if (base === undefined) profile.tools = ['*'];
    if (flags.allowTools !== undefined) profile.allowedTools = [...flags.allowTools];
  }
  if (flags.resources !== undefined) {
    const merged = [...asList(base?.resources), ...flags.resources.map(resourceUri)];
    profile.resources = [...new Set(merged)];
  }
  if (flags.mcpServers !== undefined)
    profile.mcpServers = {...asObject(base?.mcpServers), ...flags.mcpServers};
  const settings = asObject(base?.toolsSettings);
  const shell = asObject(settings.shell);
  if (flags.allowCommands !== undefined) shell.allowedCommands = [...flags.allowCommands];
  if (flags.denyCommands !== undefined) shell.deniedCommands = [...flags.denyCommands];
  if (flags.allowCommands !== undefined || flags.denyCommands !== undefined) settings.shell = shell;
  if (flags.allowPaths !== undefined)
    settings.write = {...asObject(settings.write), allowedPaths: [...flags.allowPaths]};
  if (Object.keys(settings).length > 0) profile.toolsSettings = settings;
  return profile;
}
