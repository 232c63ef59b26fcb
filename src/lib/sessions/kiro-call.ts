import {captureKiro, type Captured} from '../engine/process/capture-kiro.js';
import {cliNotFoundMessage} from '../engine/cli-missing.js';
import {explainOutput} from '../engine/headless/explain-output.js';
import {AuthError, CliNotFoundError, KiroXError} from '../errors.js';
import type {SessionsOptions} from './types.js';

// `Not logged in. Set the KIRO_API_KEY …` (newer builds), `error: You are not logged in, please log in with …`.
const NOT_LOGGED_IN = /\bnot logged in\b/i;

/**
 * Run `kiro-cli chat --no-interactive ARGS` (a listing or a delete) to its end or its bound. These sub-modes
 * need the backend: without `--no-interactive` and without a credential kiro-cli starts a browser or
 * device-code login and waits forever, so the flag is always passed and "not logged in" is an auth failure.
 */
export async function sessionCommand(options: SessionsOptions, args: readonly string[]): Promise<Captured> {
  const argv = ['chat', '--no-interactive', ...args];
  const run = await captureKiro({...options, args: argv});
  if (run.spawnErrorCode) {
    throw new CliNotFoundError(cliNotFoundMessage(options.cliPath, run.spawnErrorCode), [], options.cliPath);
  }
  if (run.timedOut) {
    throw new KiroXError(
      `kiro-cli ${argv.join(' ')} gave no answer within ${options.timeoutMs} ms.`,
      'timed_out',
    );
  }
  const said = explainedLine(run);
  if (run.exitCode !== 0 && NOT_LOGGED_IN.test(`${run.stderr}\n${run.stdout}`)) {
    throw new AuthError(`kiro-cli ${args[0] ?? ''} needs a login: ${said}`);
  }
  return run;
}

/** The line kiro-cli printed that explains what happened (never a per-run notice), for messages. */
export function explainedLine(run: Captured): string {
  return explainOutput(run.stderr, run.stdout);
}
