// clap-style parsing of `kiro-cli chat` and `kiro-cli whoami` arguments, including clap's error texts and exit 2.
import {atLeast} from './version.mjs';

const FORMATS = ['plain', 'json', 'json-pretty'];

/** Options of `kiro-cli chat`; `since` hides a flag from older simulated versions. */
export const CHAT_SPECS = [
  {long: 'no-interactive', key: 'noInteractive', kind: 'bool'},
  {long: 'trust-all-tools', short: 'a', key: 'trustAll', kind: 'bool'},
  {long: 'trust-tools', key: 'trustTools', kind: 'value', meta: 'TOOL_NAMES'},
  {long: 'model', key: 'model', kind: 'value', meta: 'MODEL'},
  {long: 'agent', key: 'agent', kind: 'value', meta: 'AGENT'},
  {
    long: 'effort',
    key: 'effort',
    kind: 'value',
    meta: 'EFFORT',
    since: '2.10',
    values: ['low', 'medium', 'high', 'xhigh', 'max'],
  },
  {long: 'wrap', key: 'wrap', kind: 'value', meta: 'WRAP', values: ['always', 'never', 'auto']},
  {long: 'resume', short: 'r', key: 'resume', kind: 'bool'},
  {long: 'resume-id', key: 'resumeId', kind: 'value', meta: 'RESUME_ID', since: '2.2'},
  {long: 'list-sessions', short: 'l', key: 'listSessions', kind: 'bool'},
  {long: 'delete-session', key: 'deleteSession', kind: 'value', meta: 'DELETE_SESSION'},
  {long: 'list-models', key: 'listModels', kind: 'bool'},
  {long: 'format', short: 'f', key: 'format', kind: 'value', meta: 'FORMAT', since: '2.2', values: FORMATS},
  {long: 'require-mcp-startup', key: 'requireMcpStartup', kind: 'bool'},
  // Harness choice; the version gates are unverified (see README): --agent-engine 2.4, --v3 2.8, --v2 3.0.
  {
    long: 'agent-engine',
    key: 'agentEngine',
    kind: 'value',
    meta: 'ENGINE',
    since: '2.4',
    values: ['v2', 'v1', 'v3'],
  },
  {long: 'verbose', short: 'v', key: 'verbose', kind: 'count'},
  {long: 'legacy-ui', key: 'legacyUi', kind: 'bool'},
  {long: 'v3', key: 'v3', kind: 'bool', since: '2.8'},
  {long: 'v2', key: 'v2', kind: 'bool', since: '3.0'},
  {long: 'help', short: 'h', key: 'help', kind: 'bool'},
];

/** Harness flags kiro-cli also takes before any subcommand (`kiro-cli --v3 chat …`), with their first version. */
export const ROOT_HARNESS_FLAGS = {'--v3': '2.8', '--v2': '3.0'};

/** Options of `kiro-cli whoami`. */
export const WHOAMI_SPECS = [
  {long: 'format', short: 'f', key: 'format', kind: 'value', meta: 'FORMAT', values: FORMATS},
  {long: 'help', short: 'h', key: 'help', kind: 'bool'},
];

const TAIL = "\nFor more information, try '--help'.\n";

function usageError(message, usage) {
  return `error: ${message}\n\nUsage: ${usage}\n${TAIL}`;
}

function describe(spec) {
  return spec.kind === 'value' ? `--${spec.long} <${spec.meta}>` : `--${spec.long}`;
}

function possible(spec) {
  return spec.values ? `  [possible values: ${spec.values.join(', ')}]\n` : '';
}

/** Parses args against specs; returns {options, positionals} or {error} holding clap's stderr text. */
export function parseArgs(args, specs, {usage, version, maxPositionals}) {
  const known = specs.filter((s) => !s.since || atLeast(version, s.since));
  const options = {};
  const positionals = [];
  const unexpected = (arg) => ({error: usageError(`unexpected argument '${arg}' found`, usage)});

  const assign = (spec, value) => {
    if (spec.kind === 'count') {
      options[spec.key] = (options[spec.key] ?? 0) + 1;
      return undefined;
    }
    if (options[spec.key] !== undefined) {
      return {error: usageError(`the argument '${describe(spec)}' cannot be used multiple times`, usage)};
    }
    if (spec.values && !spec.values.includes(value)) {
      return {error: `error: invalid value '${value}' for '${describe(spec)}'\n${possible(spec)}${TAIL}`};
    }
    options[spec.key] = spec.kind === 'bool' ? true : value;
    return undefined;
  };
  const missing = (spec) => ({
    error: `error: a value is required for '${describe(spec)}' but none was supplied\n${possible(spec)}${TAIL}`,
  });

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const spec = known.find((s) => s.long === name);
      if (!spec) return unexpected(eq === -1 ? arg : arg.slice(0, eq));
      let value;
      if (spec.kind === 'value') {
        if (eq !== -1) value = arg.slice(eq + 1);
        else if (i + 1 < args.length) value = args[++i];
        else return missing(spec);
      } else if (eq !== -1) {
        return {
          error: usageError(
            `unexpected value '${arg.slice(eq + 1)}' for '--${name}' found; no more were expected`,
            usage,
          ),
        };
      }
      const failure = assign(spec, value);
      if (failure) return failure;
      if (options.help) return {options, positionals};
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const spec = known.find((s) => s.short === arg[j]);
        if (!spec) return unexpected(`-${arg[j]}`);
        let value;
        if (spec.kind === 'value') {
          const rest = arg.slice(j + 1).replace(/^=/, '');
          if (rest !== '') value = rest;
          else if (i + 1 < args.length) value = args[++i];
          else return missing(spec);
          j = arg.length;
        }
        const failure = assign(spec, value);
        if (failure) return failure;
        if (options.help) return {options, positionals};
      }
      continue;
    }
    positionals.push(arg);
  }
  if (positionals.length > maxPositionals) return unexpected(positionals[maxPositionals]);
  if (options.resume && options.resumeId !== undefined) {
    return {
      error: usageError("the argument '--resume' cannot be used with '--resume-id <RESUME_ID>'", usage),
    };
  }
  return {options, positionals};
}

/** clap's text for two arguments that exclude each other (`--v2` with `--v3`). */
export function conflictError(a, b, usage) {
  return usageError(`the argument '${a}' cannot be used with '${b}'`, usage);
}

/** clap's text for an unknown top-level argument or subcommand. */
export function rootUsageError(arg) {
  const usage = 'kiro-cli [OPTIONS] [COMMAND]';
  return arg.startsWith('-')
    ? usageError(`unexpected argument '${arg}' found`, usage)
    : usageError(`unrecognized subcommand '${arg}'`, usage);
}
