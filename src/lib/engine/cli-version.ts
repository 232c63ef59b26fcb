import {firstLine} from '../output/shorten.js';
import {captureKiro} from './process/capture-kiro.js';

/** Numeric dotted comparison: is `version` at least `minimum`? Leading `v` and suffixes are ignored. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const parts = (v: string): number[] => v.replace(/^v/, '').split(/[.-]/).slice(0, 3).map(Number);
  const a = parts(version);
  const b = parts(minimum);
  for (let i = 0; i < 3; i++) {
    const x = Number.isFinite(a[i]) ? (a[i] as number) : 0;
    const y = Number.isFinite(b[i]) ? (b[i] as number) : 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** The version in `kiro-cli --version` output (`kiro-cli 2.21.2`), or null. */
export function parseCliVersion(text: string): string | null {
  return /\b(\d+\.\d+\.\d+(?:[-+][\w.]+)?)\b/.exec(text)?.[1] ?? null;
}

/** What `kiro-cli --version` said: the version, or why there is none. */
export interface CliVersion {
  version: string | null;
  /** The executable could not be started (ENOENT, EACCES). */
  spawnErrorCode: string | null;
  timedOut: boolean;
  exitCode: number | null;
  /** First line printed, as evidence when no version could be read. */
  said: string;
}

/** Run `kiro-cli --version` once, bounded. */
export async function readCliVersion(
  cliPath: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<CliVersion> {
  const run = await captureKiro({cliPath, args: ['--version'], cwd, env, timeoutMs, signal});
  const version = run.exitCode === 0 ? (parseCliVersion(run.stdout) ?? parseCliVersion(run.stderr)) : null;
  return {
    version,
    spawnErrorCode: run.spawnErrorCode,
    timedOut: run.timedOut,
    exitCode: run.exitCode,
    said: firstLine(run.stdout) || firstLine(run.stderr),
  };
}

const cache = new Map<string, Promise<CliVersion>>();

/**
 * `readCliVersion` remembered for the life of this process, per executable and PATH: a batch of a thousand turns
 * asks once. Only a pinned harness needs the version, so an unpinned turn starts no extra process at all.
 */
export function cachedCliVersion(
  cliPath: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<CliVersion> {
  const key = `${cliPath}\0${cliPath.includes('/') ? cwd : (env.PATH ?? '')}`;
  let found = cache.get(key);
  if (found === undefined) {
    found = readCliVersion(cliPath, cwd, env, timeoutMs);
    cache.set(key, found);
  }
  return found;
}
