/** A flag as `oclif.manifest.json` describes it. */
export interface ManifestFlag {
  name: string;
  type: string;
  char?: string;
  multiple?: boolean;
  options?: readonly string[];
  allowNo?: boolean;
  exclusive?: readonly unknown[];
  [key: string]: unknown;
}

/** A command as `oclif.manifest.json` describes it. */
export interface ManifestCommand {
  strict?: boolean;
  flags: Record<string, ManifestFlag>;
  args: Record<string, {required?: boolean; [key: string]: unknown}>;
  [key: string]: unknown;
}

/** Parsed argv, shaped like oclif's `{args, flags}`; or why only oclif can parse it (its error, its help). */
export type LightParse = {args: Record<string, string>; flags: FlagValues} | {fallback: string};

/** Manifest keys that change nothing when the flag is parsed (help text) or that this parser reads. */
const FLAG_KEYS = new Set(['name', 'type', 'char', 'multiple', 'options', 'allowNo', 'exclusive']);
const HELP_KEYS = new Set(['description', 'summary', 'helpGroup', 'helpLabel', 'helpValue', 'hidden']);
const ARG_KEYS = new Set(['name', 'description', 'required']);

/** Why oclif must parse for this command (a flag or arg feature this parser does not do), or null. */
export function unsupportedFeature(command: ManifestCommand): string | null {
  if (command.strict !== true) return 'the command is not strict';
  if (command.state !== undefined || command.enableJsonFlag) return 'the command is deprecated or has --json';
  for (const [name, flag] of Object.entries(command.flags)) {
    if (flag.type !== 'boolean' && flag.type !== 'option') return `--${name} is a ${flag.type} flag`;
    if (flag.hasDynamicHelp === true) return `--${name} has dynamic help`;
    const other = Object.keys(flag).find(
      (k) => !FLAG_KEYS.has(k) && !HELP_KEYS.has(k) && k !== 'hasDynamicHelp',
    );
    if (other !== undefined) return `--${name} has "${other}"`;
    if (flag.exclusive?.some((e) => typeof e !== 'string')) return `--${name} has a conditional exclusive`;
  }
  const other = Object.values(command.args).flatMap((arg) =>
    Object.keys(arg).filter((k) => !ARG_KEYS.has(k)),
  );
  return other.length > 0 ? `an argument has "${other[0]}"` : null;
}

/**
 * Parse a command's argv as oclif 4's parser does, for the argv where the outcome is certain: valid input
 * gives the same `{args, flags}`; anything oclif would reject or treat specially (help flags, unknown flags,
 * a repeated single flag, an invalid option, exclusive flags together, extra or missing arguments) gives
 * `fallback`, so that oclif runs and reports it in its own words.
 */
export function lightParse(
  argv: readonly string[],
  command: ManifestCommand,
  helpFlags: readonly string[],
): LightParse {
  const unsupported = unsupportedFeature(command);
  if (unsupported !== null) return {fallback: unsupported};
  const help = argv
    .slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length)
    .find((a) => helpFlags.includes(a));
  if (help !== undefined) return {fallback: `${help} asks for help`};
  const {flags} = command;
  const findFlag = (arg: string): {isLong: boolean; name: string | undefined} => {
    if (arg.startsWith('--')) {
      const long = arg.slice(2);
      if (Object.hasOwn(flags, long)) return {isLong: true, name: long};
      const negated = flags[long.slice('no-'.length)];
      const allowNo = long.startsWith('no-') && negated?.type === 'boolean' && negated.allowNo === true;
      return {isLong: true, name: allowNo ? negated.name : undefined};
    }
    const char = arg.startsWith('-') ? arg[1] : undefined;
    const name = char === undefined ? undefined : Object.keys(flags).find((k) => flags[k]?.char === char);
    return {isLong: false, name};
  };
  const queue = [...argv];
  const tokens: {flag: string; input: string}[] = [];
  const positional: string[] = [];
  let current: ManifestFlag | undefined;
  /** oclif's parseFlag: true when the argument was a flag; a string when oclif would fail. */
  const parseFlag = (arg: string): boolean | string => {
    const {isLong, name} = findFlag(arg);
    if (name === undefined) {
      const i = arg.indexOf('=');
      if (i === -1) return false;
      queue.unshift(arg.slice(i + 1));
      const parsed = parseFlag(arg.slice(0, i));
      if (parsed === false) queue.shift();
      return parsed;
    }
    const flag = flags[name] as ManifestFlag;
    if (flag.type === 'boolean') {
      tokens.push({flag: name, input: arg});
      if (!isLong && arg.length > 2) queue.unshift(`-${arg.slice(2)}`);
      return true;
    }
    if (!flag.multiple && tokens.some((t) => t.flag === name)) return `--${name} given twice`;
    current = flag;
    const input = isLong || arg.length < 3 ? queue.shift() : arg.slice(arg[2] === '=' ? 3 : 2);
    if (input === undefined || findFlag(input).name !== undefined) return `--${name} has no value`;
    tokens.push({flag: name, input});
    return true;
  };
  let parsingFlags = true;
  while (queue.length > 0) {
    const input = queue.shift() as string;
    if (parsingFlags && input.startsWith('-') && input !== '-') {
      if (input === '--') {
        parsingFlags = false;
        continue;
      }
      const parsed = parseFlag(input);
      if (typeof parsed === 'string') return {fallback: parsed};
      if (parsed) continue;
      return {fallback: `${input} is not a flag of the command`};
    }
    if (parsingFlags && current?.multiple) tokens.push({flag: current.name, input});
    else positional.push(input);
  }
  const argNames = Object.keys(command.args);
  if (positional.length > argNames.length) return {fallback: 'more arguments than the command takes'};
  const args = Object.fromEntries(positional.map((input, i) => [argNames[i] as string, input]));
  const missing = argNames.find((name) => command.args[name]?.required === true && args[name] === undefined);
  if (missing !== undefined) return {fallback: `argument ${missing} is missing`};
  const values = flagValues(flags, tokens);
  return typeof values === 'string' ? {fallback: values} : {args, flags: values};
}

type FlagValues = Record<string, string | boolean | string[]>;

/** The flags' values from their tokens as oclif computes them, or why its option or exclusivity check fails. */
function flagValues(
  flags: Record<string, ManifestFlag>,
  tokens: {flag: string; input: string}[],
): FlagValues | string {
  const values: FlagValues = {};
  for (const [name, flag] of Object.entries(flags)) {
    const inputs = tokens.filter((t) => t.flag === name).map((t) => t.input);
    const last = inputs.at(-1);
    if (last === undefined) continue;
    if (flag.type === 'boolean') {
      values[name] = last !== `--no-${name}`;
      continue;
    }
    const invalid = inputs.find((input) => flag.options !== undefined && !flag.options.includes(input));
    if (invalid !== undefined) return `--${name} does not take "${invalid}"`;
    values[name] = flag.multiple ? inputs : last;
  }
  for (const name of Object.keys(values)) {
    const clash = (flags[name]?.exclusive ?? []).find((other) => values[other as string] !== undefined);
    if (clash !== undefined) return `--${name} and --${String(clash)} exclude each other`;
  }
  return values;
}
