// Which chat harness a headless run gets: the one named by --v2/--v3/--agent-engine, else the version's default.
import {conflictError} from './args.mjs';
import {atLeast} from './version.mjs';

/**
 * Resolves {harness: 'v1'|'v2'|'v3', pinned} or {error} (clap's conflict text). `rootFlag` is a `--v2`/`--v3`
 * given before `chat`. Unnamed: V2 before 3.0; from 3.0 kiro-cli picks by itself, V2 headless unless
 * KIRO_SIM_DEFAULT_HARNESS=v3 (the "exceptions under Scripts and CI" of the headless docs).
 */
export function chooseHarness(options, rootFlag, {version, env, usage}) {
  const picks = [];
  if (rootFlag) picks.push([rootFlag, rootFlag.slice(2)]);
  if (options.v2) picks.push(['--v2', 'v2']);
  if (options.v3) picks.push(['--v3', 'v3']);
  if (options.agentEngine !== undefined) picks.push(['--agent-engine <ENGINE>', options.agentEngine]);
  const [first, ...rest] = picks;
  const other = rest.find(([, harness]) => harness !== first?.[1]);
  if (first && other) return {error: conflictError(first[0], other[0], usage)};
  if (first) return {harness: first[1], pinned: true};
  const v3 = atLeast(version, '3.0') && env.KIRO_SIM_DEFAULT_HARNESS === 'v3';
  return {harness: v3 ? 'v3' : 'v2', pinned: false};
}
