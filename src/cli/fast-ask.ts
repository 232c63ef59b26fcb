import {existsSync, readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {debuglog} from 'node:util';
import {KiroXError} from '../lib/errors.js';
import {askFailureDocument, askFailureJunit} from './ask-failure.js';
import {runAskCommand} from './ask.js';
import {lightParse, type LightParse, type ManifestCommand} from './light-parse.js';
import {explainKnownError, reportFailure} from './report-failure.js';

/** `NODE_DEBUG=kiro-x` says on stderr how `ask` started, and why oclif started it when it did. */
const debug = debuglog('kiro-x');

/** What the start of `ask` reads from the package: its package.json's oclif section and oclif's manifest. */
export interface PackageFacts {
  version: string;
  oclif: {
    bin?: string;
    hooks?: Record<string, unknown>;
    plugins?: unknown[];
    devPlugins?: unknown[];
    jitPlugins?: Record<string, unknown>;
    additionalHelpFlags?: string[];
  };
  manifest: {version?: string; commands: Record<string, ManifestCommand>} | null;
}

/** The hooks oclif runs for `ask`: kiro-x has none but `command_not_found`, which `ask` never reaches. */
const HOOKS_ASK_NEVER_RUNS = new Set(['command_not_found']);

/**
 * Why oclif must start this `ask` (null when the light path can): anything oclif would do differently from
 * parsing argv and running the command — hooks, plugins (a user's in oclif's data directory too), debug output,
 * an `ask` alias or subcommand — and no up-to-date manifest to parse by.
 */
export function oclifReason(facts: PackageFacts, env: NodeJS.ProcessEnv): string | null {
  const {oclif, manifest} = facts;
  if (manifest === null || manifest.version !== facts.version) return 'no manifest of this version';
  if (manifest.commands.ask === undefined) return 'no ask command in the manifest';
  const ids = Object.values(manifest.commands).flatMap((c) => [
    String(c.id),
    ...((c.aliases as string[] | undefined) ?? []),
    ...((c.hiddenAliases as string[] | undefined) ?? []),
  ]);
  if (ids.filter((id) => id === 'ask' || id.startsWith('ask:')).length > 1)
    return 'ask has an alias or subcommand';
  if (Object.keys(oclif.hooks ?? {}).some((hook) => !HOOKS_ASK_NEVER_RUNS.has(hook))) return 'oclif hooks';
  if (oclif.plugins?.length || oclif.devPlugins?.length || Object.keys(oclif.jitPlugins ?? {}).length > 0) {
    return 'oclif plugins';
  }
  const scoped = (name: string): string | undefined =>
    env[`${(oclif.bin ?? 'kiro-x').replace(/-/g, '_')}_${name}`.toUpperCase()];
  if (env.DEBUG || scoped('DEBUG') || scoped('REDIRECTED')) return 'oclif debug or redirection variables';
  // oclif's data directory (https://oclif.io/docs/config): a package.json there lists plugins a user installed.
  const home = env.HOME || os.homedir();
  const dataBase =
    env.XDG_DATA_HOME ||
    (process.platform === 'win32' && env.LOCALAPPDATA) ||
    path.join(home, '.local/share');
  const dataDir = scoped('DATA_DIR') || path.join(dataBase, oclif.bin ?? 'kiro-x');
  if (existsSync(path.join(dataDir, 'package.json'))) return 'user plugins';
  return null;
}

/** The package's facts, read from its root (next to dist/). */
function readPackageFacts(root: URL): PackageFacts {
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as Omit<
    PackageFacts,
    'manifest'
  >;
  let manifest: PackageFacts['manifest'] = null;
  try {
    manifest = JSON.parse(
      readFileSync(new URL('oclif.manifest.json', root), 'utf8'),
    ) as PackageFacts['manifest'];
  } catch {
    // No manifest (a development tree before `oclif manifest`): oclif finds the commands itself.
  }
  return {...pkg, manifest};
}

/** How this `ask` parses without oclif, or why it cannot. */
export function planFastAsk(
  argv: readonly string[],
  facts: PackageFacts,
  env: NodeJS.ProcessEnv,
): LightParse {
  const reason = oclifReason(facts, env);
  if (reason !== null) return {fallback: reason};
  try {
    process.cwd();
  } catch {
    return {fallback: 'no working directory'};
  }
  const command = facts.manifest?.commands.ask as ManifestCommand;
  return lightParse(argv, command, ['--help', ...(facts.oclif.additionalHelpFlags ?? [])]);
}

/**
 * Run `kiro-x ask <argv>` without starting oclif, as the `ask` command would: same parse, same adapter, same
 * failure reports. Returns false, having done nothing, when oclif must run it. Start-up is part of every turn.
 */
export async function runAskWithoutOclif(argv: readonly string[]): Promise<boolean> {
  const facts = readPackageFacts(new URL('../../', import.meta.url));
  const plan = planFastAsk(argv, facts, process.env);
  if ('fallback' in plan) {
    debug('ask starts through oclif: %s', plan.fallback);
    return false;
  }
  debug('ask starts without oclif');
  const {args, flags} = plan;
  try {
    const promptFile = flags['prompt-file'] as string | undefined;
    process.exitCode = await runAskCommand({promptArg: args.prompt, promptFile, flags});
  } catch (error) {
    // As the command reports what escapes it: kiro-x's errors as documented, anything else as oclif does.
    if (!(error instanceof KiroXError)) {
      const {handle} = await import('@oclif/core');
      await handle(error as Error);
      return true;
    }
    const {message, suggestions} = explainKnownError(error);
    await reportFailure({
      argv,
      outcome: error.outcome,
      message,
      suggestions,
      document: askFailureDocument(error.outcome, message),
      junit: () => askFailureJunit(error.outcome, message),
      writesJunitFile: facts.manifest?.commands.ask?.flags['junit-file'] !== undefined,
    });
  }
  return true;
}
