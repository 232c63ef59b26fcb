/** What a field of kiro's agent JSON must be (REFERENCE §4). */
type FieldKind = 'string' | 'boolean' | 'stringList' | 'object';

const AGENT_FIELDS: Readonly<Record<string, FieldKind>> = {
  $schema: 'string',
  name: 'string',
  description: 'string',
  prompt: 'string',
  tools: 'stringList',
  allowedTools: 'stringList',
  toolAliases: 'object',
  toolsSettings: 'object',
  resources: 'stringList',
  mcpServers: 'object',
  hooks: 'object',
  includeMcpJson: 'boolean',
  useLegacyMcpJson: 'boolean',
  model: 'string',
};

function fits(kind: FieldKind, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'stringList':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
  }
}

const KIND_WORDS: Record<FieldKind, string> = {
  string: 'a string',
  boolean: 'true or false',
  stringList: 'a list of strings',
  object: 'an object',
};

/** Problems of an agent JSON: wrong types (errors), fields kiro-cli does not know, a name unlike the file. */
export function inspectAgent(
  json: Record<string, unknown>,
  fileStem: string,
): {errors: string[]; unknown: string[]; nameMismatch: string | null} {
  const errors: string[] = [];
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(json)) {
    const kind = AGENT_FIELDS[key];
    if (kind === undefined) unknown.push(key);
    else if (!fits(kind, value)) errors.push(`"${key}" must be ${KIND_WORDS[kind]}`);
  }
  const name = json.name;
  const nameMismatch = typeof name === 'string' && name !== fileStem ? name : null;
  return {errors, unknown, nameMismatch};
}

/** MCP servers an agent would start (not `disabled`), plus `mcp.json` when it includes that file. */
export function agentMcpServers(json: Record<string, unknown>): string[] {
  const servers = json.mcpServers;
  const names =
    servers !== null && typeof servers === 'object' && !Array.isArray(servers)
      ? Object.entries(servers as Record<string, unknown>)
          .filter(([, s]) => (s as {disabled?: unknown} | null)?.disabled !== true)
          .map(([n]) => n)
      : [];
  if (json.includeMcpJson === true) names.push('mcp.json');
  return names;
}
