import {documentFormat, OUTPUT_FORMATS, type DocumentFormat, type OutputFormat} from '../lib/config/kinds.js';
import {resolveSettings, type ResolvedSettings} from '../lib/config/resolve.js';
import type {Settings} from '../lib/config/settings.js';

/** Resolved settings whose output is one document. */
export type DocumentSettings = ResolvedSettings & {settings: Settings & {output: DocumentFormat}};

/**
 * Settings of a command: its flags, then `KIRO_X_*`, then the nearest config file (or `--config`, else
 * `KIRO_X_CONFIG`, which the resolver reads itself), then defaults. Such a command prints one document, so a
 * configured `stream-json` (meant for `ask`) gives its JSON.
 */
export async function cliSettings(
  flags: Record<string, unknown>,
  cwd = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<DocumentSettings> {
  const resolved = await askCliSettings(flags, cwd, env);
  return {...resolved, settings: {...resolved.settings, output: documentFormat(resolved.settings.output)}};
}

/** `ask`'s settings, resolved like every command's, with every output format its own. */
export function askCliSettings(
  flags: Record<string, unknown>,
  cwd = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedSettings> {
  return resolveSettings({
    flags: givenFlags(flags),
    env,
    cwd,
    configPath: flags.config as string | undefined,
  });
}

/** Only the flags the user actually gave, keyed by settings name (camelCase), for the config resolver. */
export function givenFlags(flags: Record<string, unknown>): Record<string, unknown> {
  const given: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(flags)) {
    if (value === undefined || name === 'json' || name === 'config') continue;
    const key = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    // Raw values: the resolver parses them (it splits comma-separated tool lists, durations, booleans).
    given[key] = value;
  }
  if (flags.json === true) given.output = 'json';
  return given;
}

/** The output mode named in raw argv, readable even when flag parsing itself failed. */
export function outputModeFromArgv(argv: readonly string[]): OutputFormat {
  const known = (value: string | undefined): value is OutputFormat =>
    (OUTPUT_FORMATS as readonly (string | undefined)[]).includes(value);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (arg === '--json') return 'json';
    const value =
      arg === '-o' || arg === '--output' ? argv[i + 1] : /^(?:--output=|-o=?)(.+)$/.exec(arg ?? '')?.[1];
    if (known(value) && value !== 'text') return value;
  }
  const env = process.env.KIRO_X_OUTPUT;
  return known(env) ? env : 'text';
}

/** The `--junit-file` named in raw argv (else `KIRO_X_JUNIT_FILE`), readable even when flag parsing failed. */
export function junitFileFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (arg === '--junit-file') return argv[i + 1];
    const inline = /^--junit-file=(.+)$/.exec(arg ?? '')?.[1];
    if (inline !== undefined) return inline;
  }
  const env = process.env.KIRO_X_JUNIT_FILE;
  return env === undefined || env === '' ? undefined : env;
}
