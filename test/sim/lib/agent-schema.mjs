// What kiro-cli's agent parser accepts: serde with deny_unknown_fields, so one unknown key rejects the whole file.

/** The keys kiro-cli 2.x accepts, in the order its "expected one of" message lists them. */
export const V2_AGENT_KEYS = [
  '$schema',
  'name',
  'description',
  'prompt',
  'mcpServers',
  'tools',
  'toolAliases',
  'allowedTools',
  'resources',
  'hooks',
  'toolsSettings',
  'useLegacyMcpJson',
  'includeMcpJson',
  'model',
  'keyboardShortcut',
  'welcomeMessage',
];

/** V3 agents add these (their value shapes are not checked: unverified). */
export const V3_ONLY_AGENT_KEYS = ['permissions', 'excludedTools', 'includePowers'];

// serde's name for what each 2.x key must hold; `optional` strings also take null (Option<String>).
const SHAPES = {
  $schema: 'optional',
  name: 'a string',
  description: 'optional',
  prompt: 'optional',
  model: 'optional',
  keyboardShortcut: 'optional',
  welcomeMessage: 'optional',
  tools: 'a sequence',
  allowedTools: 'a sequence',
  resources: 'a sequence',
  mcpServers: 'a map',
  toolAliases: 'a map',
  hooks: 'a map',
  toolsSettings: 'a map',
  useLegacyMcpJson: 'a boolean',
  includeMcpJson: 'a boolean',
};

// How serde names an unexpected value (`Unexpected` display).
function unexpected(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'sequence';
  if (typeof value === 'object') return 'map';
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  if (typeof value === 'boolean') return `boolean \`${value}\``;
  return Number.isInteger(value) ? `integer \`${value}\`` : `floating point \`${value}\``;
}

function fits(shape, value) {
  switch (shape) {
    case 'optional':
      return value === null || typeof value === 'string';
    case 'a string':
      return typeof value === 'string';
    case 'a sequence':
      return Array.isArray(value);
    case 'a map':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      return typeof value === 'boolean';
  }
}

// serde_json's "at line L column C": C counts the characters consumed on that line.
function lineCol(text, offset) {
  const before = text.slice(0, offset);
  return `at line ${before.split('\n').length} column ${offset - (before.lastIndexOf('\n') + 1)}`;
}

// Where serde stops for a key's error: just past the key's closing quote (unverified; the end for no key).
function position(text, key) {
  const quoted = key === null ? '' : JSON.stringify(key);
  const at = key === null ? -1 : text.indexOf(quoted);
  return lineCol(text, at === -1 ? text.trimEnd().length : at + quoted.length);
}

function expectedOneOf(keys) {
  return `expected one of ${keys.map((k) => `\`${k}\``).join(', ')}`;
}

/**
 * Checks an agent file's text like kiro-cli's parser: returns {json} when it loads, {error} (serde's message)
 * when kiro-cli would print `Json supplied at <path> is invalid: <error>` and skip the file.
 */
export function agentFileProblem(text, harness) {
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const atEnd = /end of JSON input/i.test(error.message);
    const where = /position (\d+)/.exec(error.message);
    const offset = atEnd || !where ? text.length : Number(where[1]) + 1;
    return {error: `${atEnd ? 'EOF while parsing a value' : 'expected value'} ${lineCol(text, offset)}`};
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return {error: `invalid type: ${unexpected(json)}, expected struct Agent ${position(text, null)}`};
  }
  const keys = harness === 'v3' ? [...V2_AGENT_KEYS, ...V3_ONLY_AGENT_KEYS] : V2_AGENT_KEYS;
  for (const [key, value] of Object.entries(json)) {
    if (!keys.includes(key))
      return {error: `unknown field \`${key}\`, ${expectedOneOf(keys)} ${position(text, key)}`};
    const shape = SHAPES[key];
    if (shape === undefined || fits(shape, value)) continue;
    const want = shape === 'optional' ? 'a string' : shape;
    return {error: `invalid type: ${unexpected(value)}, expected ${want} ${position(text, key)}`};
  }
  for (const key of ['tools', 'allowedTools']) {
    const bad = Array.isArray(json[key]) ? json[key].find((item) => typeof item !== 'string') : undefined;
    if (bad !== undefined)
      return {error: `invalid type: ${unexpected(bad)}, expected a string ${position(text, key)}`};
  }
  if (harness !== 'v3' && !('name' in json)) return {error: `missing field \`name\` ${position(text, null)}`};
  return {json};
}
