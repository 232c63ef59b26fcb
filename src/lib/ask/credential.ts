import {cliNotFoundMessage} from '../engine/cli-missing.js';
import {whoami} from '../engine/whoami.js';
import {emptyResult} from './empty-result.js';
import {DEFAULT_WHOAMI_TIMEOUT_MS, type AskOptions} from './options.js';
import type {AskResult} from './result.js';

/** What the credential preflight needs from a turn's options. */
export type CredentialCheckOptions = Pick<AskOptions, 'cliPath' | 'cwd' | 'whoamiTimeoutMs' | 'signal'>;

/**
 * Without KIRO_API_KEY, a bounded whoami decides before the turn whether a credential exists at all: the
 * result of a turn that must not start, or null to go on.
 */
export async function checkCredential(
  options: CredentialCheckOptions,
  env: NodeJS.ProcessEnv,
): Promise<AskResult | null> {
  if (env.KIRO_API_KEY) return null;
  const timeoutMs = options.whoamiTimeoutMs ?? DEFAULT_WHOAMI_TIMEOUT_MS;
  const check = await whoami(options.cliPath, options.cwd, env, timeoutMs, options.signal);
  if (options.signal?.aborted) return emptyResult('cancelled', 'Cancelled during the credential check.');
  switch (check.status) {
    case 'cli-not-found':
      return emptyResult('cli_not_found', cliNotFoundMessage(options.cliPath, check.detail));
    case 'not-logged-in':
      return emptyResult('auth_failed', 'kiro-cli is not logged in and KIRO_API_KEY is not set.');
    case 'timed-out':
      return emptyResult(
        'auth_failed',
        `kiro-cli whoami gave no answer within ${timeoutMs} ms, so no credential could be confirmed.`,
      );
    default:
      return null;
  }
}
