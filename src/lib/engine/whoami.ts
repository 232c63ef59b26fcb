import {captureKiro} from './process/capture-kiro.js';

/** What `kiro-cli whoami` said about the credential. */
export type WhoamiStatus =
  | 'api-key'
  | 'builder-id'
  | 'identity-center'
  | 'social'
  | 'not-logged-in'
  | 'timed-out'
  | 'cli-not-found'
  | 'unknown';

/** The credential check's verdict, with what kiro-cli printed (first line) as evidence. */
export interface WhoamiResult {
  status: WhoamiStatus;
  detail: string;
  exitCode: number | null;
  durationMs: number;
}

/** Classify whoami's output by its stable phrases; pure, so it is tested on its own. */
export function classifyWhoami(stdout: string, stderr: string, exitCode: number | null): WhoamiStatus {
  const all = `${stdout}\n${stderr}`;
  if (/Not logged in/i.test(all)) return 'not-logged-in';
  if (/Authenticated with API key/i.test(all)) return 'api-key';
  if (/IAM Identity Center|"accountType"\s*:\s*"IamIdentityCenter"/i.test(all)) return 'identity-center';
  if (/Builder ID|"accountType"\s*:\s*"BuilderId"/i.test(all)) return 'builder-id';
  if (/Logged in with (?:Google|GitHub|social)|"accountType"\s*:\s*"Social/i.test(all)) return 'social';
  if (exitCode === 1) return 'not-logged-in';
  return 'unknown';
}

/**
 * The evidence line: the first line, plus the IAM Identity Center start URL when it sits on a later line (2.21
 * moved it there from `Logged in with IAM Identity Center (URL)`). Emails and profile ARNs are left out.
 */
export function whoamiDetail(stdout: string, stderr: string): string {
  const lines = (stdout.trim() || stderr.trim()).split('\n').map((line) => line.trim());
  const first = lines[0] ?? '';
  if (!/IAM Identity Center/i.test(first) || /https?:\/\//.test(first)) return first;
  const url = lines
    .slice(1)
    .join('\n')
    .match(/https?:\/\/\S+/)?.[0];
  return url === undefined ? first : `${first} (${url})`;
}

/** Run `kiro-cli whoami` with a hard time bound: it can hang on the network, and it must never block a turn. */
export async function whoami(
  cliPath: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<WhoamiResult> {
  const started = Date.now();
  const run = await captureKiro({cliPath, args: ['whoami'], cwd, env, timeoutMs, signal});
  const {stdout, stderr} = run;
  const durationMs = Date.now() - started;
  const firstLine = whoamiDetail(stdout, stderr);
  if (run.spawnErrorCode)
    return {status: 'cli-not-found', detail: run.spawnErrorCode, exitCode: null, durationMs};
  if (run.timedOut) {
    return {status: 'timed-out', detail: `no answer within ${timeoutMs} ms`, exitCode: null, durationMs};
  }
  return {
    status: classifyWhoami(stdout, stderr, run.exitCode),
    detail: firstLine,
    exitCode: run.exitCode,
    durationMs,
  };
}
