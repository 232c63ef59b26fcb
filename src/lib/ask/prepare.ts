import {harnessArgs} from '../engine/resolve-harness.js';
import {KiroXError} from '../errors.js';
import {prepareProfile} from '../profile/prepare-profile.js';
import {removeStaleProfiles} from '../profile/stale-profiles.js';
import {profileDir, type TempProfile} from '../profile/temp-profile.js';
import {checkCredential} from './credential.js';
import {emptyResult} from './empty-result.js';
import {DEFAULT_WHOAMI_TIMEOUT_MS, type AskOptions} from './options.js';
import type {AskResult} from './result.js';

/** What is ready once the checks before kiro-cli starts passed: the profile (if any) and the harness flags. */
export interface PreparedRun {
  profile: TempProfile | null;
  harnessArgs: readonly string[];
  /** Removes the generated profile, unless the options keep it; idempotent. */
  release(): void;
}

/** Why kiro-cli must not start: the result of a turn that never began. */
export interface RefusedRun {
  refused: AskResult;
}

/**
 * The credential preflight (bounded `whoami` without KIRO_API_KEY), the generated profile and the pinned
 * harness, which every engine needs before kiro-cli starts. The harness's `--version` lookup starts first and
 * overlaps the credential check; a failed step leaves no profile behind.
 */
export async function prepareRun(
  options: Omit<AskOptions, 'prompt'>,
  env: NodeJS.ProcessEnv,
): Promise<PreparedRun | RefusedRun> {
  const harness = harnessArgs(options.harness, {
    cliPath: options.cliPath,
    cwd: options.cwd,
    env,
    timeoutMs: options.whoamiTimeoutMs ?? DEFAULT_WHOAMI_TIMEOUT_MS,
  }).then(
    (args) => ({args}),
    (error: unknown) => ({error}),
  );
  const preflight = options.skipCredentialCheck ? null : await checkCredential(options, env);
  if (preflight) return {refused: preflight};
  let profile: TempProfile | null;
  try {
    profile = await prepareProfile(options, env);
  } catch (error) {
    return {refused: refusal(error)};
  }
  const release = (): void => {
    if (profile && !options.keepProfile) profile.remove();
  };
  const planned = await harness;
  if ('error' in planned) {
    release();
    return {refused: refusal(planned.error)};
  }
  return {profile, harnessArgs: planned.args, release};
}

/** Whether the checks refused the run. */
export function isRefused(run: PreparedRun | RefusedRun): run is RefusedRun {
  return 'refused' in run;
}

/**
 * Removes the profiles a killed kiro-x left in the cwd's agents directory; the warnings that say so. A
 * generated profile lives at most as long as its turn (timeout plus the kill grace); runs started with a longer
 * timeout may share the directory, so the bound is never below the default 30 minutes.
 */
export function removeStaleRunProfiles(
  options: Pick<AskOptions, 'cwd' | 'timeoutMs'>,
  env: NodeJS.ProcessEnv,
): string[] {
  const ageMs = Math.max(options.timeoutMs, 30 * 60_000) + 60_000;
  return removeStaleProfiles(profileDir(options.cwd, env), ageMs).map(
    (file) => `removed a stale kiro-x agent profile left by a killed run: ${file}`,
  );
}

/** kiro-x's own refusal (a usage error, a missing agent) as the result of a turn that never started. */
function refusal(error: unknown): AskResult {
  if (error instanceof KiroXError) return emptyResult(error.outcome, error.message);
  throw error;
}
