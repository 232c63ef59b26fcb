import type {Harness} from '../engine/harness.js';

/** What a field of kiro's agent JSON must hold; `any` is a V3 field whose shape kiro-x does not check. */
type FieldKind = 'string' | 'optionalString' | 'boolean' | 'stringList' | 'list' | 'object' | 'any';

/**
 * Every key kiro-cli 2.x accepts in an agent file. Its parser denies unknown fields: one other key and kiro-cli
 * rejects the whole file (`Json supplied at <path> is invalid`), then falls back to its default agent.
 */
const V2_FIELDS: Readonly<Record<string, FieldKind>> = {
  $schema: 'optionalString',
  name: 'string',
  description: 'optionalString',
  prompt: 'optionalString',
  mcpServers: 'object',
  tools: 'stringList',
  toolAliases: 'object',
  allowedTools: 'stringList',
  resources: 'stringList',
  hooks: 'object',
  toolsSettings: 'object',
  useLegacyMcpJson: 'boolean',
  includeMcpJson: 'boolean',
  model: 'optionalString',
  keyboardShortcut: 'optionalString',
  welcomeMessage: 'optionalString',
};

/** V3 agents also take these, and knowledge-base objects in `resources`. */
const V3_FIELDS: Readonly<Record<string, FieldKind>> = {
  ...V2_FIELDS,
  resources: 'list',
  permissions: 'any',
  excludedTools: 'stringList',
  includePowers: 'any',
};

/** The keys an agent file may hold under a harness (V2 rules when none is pinned: headless runs V2 by default). */
export function agentKeys(harness: Harness | undefined): string[] {
  return Object.keys(harness === 'v3' ? V3_FIELDS : V2_FIELDS);
}

function fits(kind: FieldKind, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'optionalString':
      return value === null || typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'stringList':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'list':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'any':
      return true;
  }
}

const KIND_WORDS: Record<FieldKind, string> = {
  string: 'a string',
  optionalString: 'a string',
  boolean: 'true or false',
  stringList: 'a list of strings',
  list: 'a list',
  object: 'an object',
  any: 'anything',
};

/** Why kiro-cli would reject an agent JSON (unknown keys, wrong types, no name), and whether its name fits. */
export interface AgentInspection {
  /** Keys the harness's parser does not know: any one of them rejects the file. */
  unknown: string[];
  /** Wrongly typed fields, as `"tools" must be a list of strings`. */
  errors: string[];
  /** 2.x requires `name`; V3 takes the file name instead. */
  missingName: boolean;
}

/** Inspect an agent JSON the way the harness's parser reads it. */
export function inspectAgent(json: Record<string, unknown>, harness: Harness | undefined): AgentInspection {
  const fields = harness === 'v3' ? V3_FIELDS : V2_FIELDS;
  const unknown: string[] = [];
  const errors: string[] = [];
  for (const [key, value] of Object.entries(json)) {
    const kind = fields[key];
    if (kind === undefined) unknown.push(key);
    else if (!fits(kind, value)) errors.push(`"${key}" must be ${KIND_WORDS[kind]}`);
  }
  return {unknown, errors, missingName: harness !== 'v3' && !('name' in json)};
}

/** The reasons kiro-cli would reject the agent, in words; empty when it loads. */
export function rejectionReasons(inspection: AgentInspection, harness: Harness | undefined): string[] {
  const which = harness === 'v3' ? 'V3' : '2.x';
  return [
    ...inspection.unknown.map(
      (key) => `unknown key "${key}" (kiro-cli ${which} rejects the whole file for it)`,
    ),
    ...inspection.errors,
    ...(inspection.missingName ? ['no "name" (kiro-cli 2.x requires it)'] : []),
  ];
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
