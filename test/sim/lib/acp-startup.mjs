// What `kiro-cli acp` checks before its first frame: clap (V3 refuses the V2 flags), the credential, and under V2
// the agent, trust flags and model, with the same stderr lines and exit codes as headless chat.
import {resolveAgent} from './agents.mjs';
import {CHAT_SPECS, conflictError, parseArgs} from './args.mjs';
import {resolveCredential} from './credentials.mjs';
import {err, exitWith, out} from './io.mjs';
import {modelList, unknownModelError} from './models.mjs';
import {updateRecord} from './record.mjs';
import {resolveTrust, TRUST_ALL_BANNER} from './trust.mjs';
import {atLeast} from './version.mjs';

const USAGE = 'kiro-cli acp [OPTIONS]';

/** The flags `kiro-cli acp` shares with headless chat, spelled as chat spells them. */
const SHARED_WITH_CHAT = new Set([
  'agent',
  'model',
  'effort',
  'trust-all-tools',
  'trust-tools',
  'agent-engine',
  'help',
]);

/** Options of `kiro-cli acp`: headless chat's V2 flags, the engine (2.4+) and V3's auth method (2.8+, unverified). */
const ACP_SPECS = [
  ...CHAT_SPECS.filter((spec) => SHARED_WITH_CHAT.has(spec.long)),
  {
    long: 'auth-method',
    key: 'authMethod',
    kind: 'value',
    meta: 'AUTH_METHOD',
    since: '2.8',
    values: ['cli', 'acp'],
  },
];
const V2_ONLY = [
  ['agent', '--agent <AGENT>'],
  ['model', '--model <MODEL>'],
  ['effort', '--effort <EFFORT>'],
  ['trustAll', '--trust-all-tools'],
  ['trustTools', '--trust-tools <TOOL_NAMES>'],
];
const HELP =
  'Start an Agent Client Protocol (ACP) server on stdio\n\nUsage: kiro-cli acp [OPTIONS]\n\nOptions:\n' +
  '      --agent <AGENT>              Agent to use\n      --model <MODEL>              Model to use\n' +
  '  -a, --trust-all-tools            Trust all tools\n      --trust-tools <TOOL_NAMES>   Trust these tools\n' +
  '      --agent-engine <ENGINE>      Agent engine [possible values: v2, v1, v3]\n' +
  '  -h, --help                       Print help\n';

// The engine: the one --agent-engine pins, else V2 (from 3.0, KIRO_SIM_ACP_DEFAULT_ENGINE=v3 picks V3).
function chooseEngine(options, version, env) {
  if (options.agentEngine !== undefined) return options.agentEngine === 'v3' ? 'v3' : 'v2';
  return atLeast(version, '3.0') && env.KIRO_SIM_ACP_DEFAULT_ENGINE === 'v3' ? 'v3' : 'v2';
}

// The model: a known --model, else (unknown → exit 1 unless KIRO_SIM_ACP_UNKNOWN_MODEL=default) the agent's, else
// the account's default.
async function chooseModel(env, options, agent) {
  const models = modelList(env);
  const known = (id) => models.some((m) => m.model_id === id);
  if (options.model !== undefined && known(options.model)) return options.model;
  if (options.model !== undefined && env.KIRO_SIM_ACP_UNKNOWN_MODEL !== 'default') {
    await err(unknownModelError(options.model, models));
    return exitWith(1);
  }
  return typeof agent?.model === 'string' && known(agent.model) ? agent.model : models[0].model_id;
}

// V2's start: agent (fallback line, or exit 4 with KIRO_SIM_AGENT_MISSING=exit4), trust warnings and banner, model.
async function v2Startup(env, options) {
  const resolved = resolveAgent(env, options.agent, 'v2');
  if (resolved.fatal) {
    await err(resolved.fatal.message);
    return exitWith(resolved.fatal.code);
  }
  for (const warning of resolved.warnings) await err(warning);
  const agent = resolved.agent;
  const trust = resolveTrust(options, agent);
  for (const warning of trust.warnings) await err(warning);
  if (options.trustAll) await err(TRUST_ALL_BANNER);
  const model = await chooseModel(env, options, agent);
  updateRecord({
    agentName: options.agent ?? null,
    trustAll: trust.trustAll,
    trustedTools: trust.tools,
    model,
  });
  return {
    options,
    agent,
    agentName: agent ? options.agent : 'kiro_default',
    missingAgent: options.agent !== undefined && !agent ? options.agent : null,
    model,
    effort: options.effort,
  };
}

/**
 * Parses and checks everything before the first frame; returns {engine, cliAuth, startup} or ends the process
 * (clap errors exit 2, no credential exits 1 with `error: You are not logged in…`, no frame at all).
 */
export async function preflight(args, env, version) {
  const parsed = parseArgs(args, ACP_SPECS, {usage: USAGE, version, maxPositionals: 0});
  if (parsed.error) {
    await err(parsed.error);
    return exitWith(2);
  }
  const options = parsed.options;
  if (options.help) {
    await out(HELP);
    return exitWith(0);
  }
  const engine = chooseEngine(options, version, env);
  updateRecord({harness: engine, harnessPinned: options.agentEngine !== undefined});
  const given = engine === 'v3' ? V2_ONLY.find(([key]) => options[key] !== undefined) : undefined;
  if (given) {
    await err(conflictError(given[1], '--agent-engine <ENGINE>', USAGE));
    return exitWith(2);
  }
  const cliAuth = engine === 'v2' || options.authMethod === 'cli';
  const cred = cliAuth ? resolveCredential(env) : null;
  if (cred && (cred.kind === 'none' || cred.expired === 'login')) {
    await err('error: You are not logged in, please log in with kiro-cli login\n');
    return exitWith(1);
  }
  if (cred?.kind === 'apiKey') await err('Failed to retrieve MCP settings; MCP functionality disabled\n');
  const startup = engine === 'v2' ? await v2Startup(env, options) : null;
  return {engine, cliAuth, startup};
}
