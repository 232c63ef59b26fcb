import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {AskResult} from '../ask/result.js';
import {authRefusal} from './check-model.js';
import {fail, pass, type CheckVerdict, type DoctorCheck} from './types.js';

/** What the probe asks: short, and nothing a model would reach for a tool to answer. */
export const PROBE_PROMPT = 'Reply with the single word OK.';

/** The next step when kiro-cli refused the credential, by what it said and which credential was in use. */
export function authFix(refusal: string, env: NodeJS.ProcessEnv): string {
  if (/not logged in/i.test(refusal)) {
    return 'Set KIRO_API_KEY (a ksk_… key), or run `kiro-cli login` on this machine.';
  }
  if (env.KIRO_API_KEY) {
    return 'Create a new API key in the Kiro console and store it as KIRO_API_KEY: this one was refused.';
  }
  return 'Run `kiro-cli login` again: the login may have expired, or the account may lack a Kiro subscription.';
}

/** The probe's verdict from the turn's result (pure, so it is tested with a table). */
export function probeVerdict(result: AskResult, env: NodeJS.ProcessEnv, timeoutMs: number): CheckVerdict {
  const said = authRefusal([...result.warnings, result.stderrTail].join('\n'));
  switch (result.outcome) {
    case 'completed': {
      const credits = result.credits === null ? '' : `, ${result.credits} credits`;
      return pass(
        `One real turn completed (${(result.durationMs / 1000).toFixed(1)} s${credits}): the credential works end to end.`,
      );
    }
    case 'auth_failed':
      return fail(
        `The probe turn was refused: "${said ?? result.message}".`,
        authFix(said ?? result.message, env),
      );
    case 'timed_out':
      return fail(
        `The probe turn gave no answer within ${timeoutMs / 1000} s.`,
        'Check the network and proxy settings; try `kiro-cli chat --no-interactive hi` by hand.',
      );
    default:
      return fail(
        `The probe turn ended ${result.outcome}: ${result.message}`,
        `Run \`kiro-x ask "${PROBE_PROMPT}" --json\` to see the whole result.`,
      );
  }
}

/**
 * `--probe`: one minimal real turn (no tools at all, a short bound) — the only proof that the credential works,
 * since whoami passes a rejected key, an expired login and an account without entitlement alike. It costs a
 * fraction of a credit.
 */
export const probeCheck: DoctorCheck = {
  id: 'probe',
  title: 'One real turn (--probe)',
  // The turn's own bound, plus the time to end kiro-cli and remove the profile.
  boundMs: (context) => context.probeTimeoutMs + 2000,
  async run(context) {
    // Loaded only for --probe: a plain doctor run never pays for the turn machinery.
    const {ask} = await import('../ask/ask.js');
    // kiro-cli saves every turn as a session of its cwd: run in a directory of its own, so the probe never becomes
    // the project's latest conversation (which `ask --resume` would continue) nor leaves a profile in it.
    const cwd = mkdtempSync(path.join(tmpdir(), 'kiro-x-probe-'));
    const result = await ask({
      prompt: PROBE_PROMPT,
      cwd,
      cliPath: context.cliPath,
      env: context.env,
      trust: {tools: []},
      profile: {noTools: true},
      model: context.model,
      harness: context.harness,
      engine: context.engine,
      timeoutMs: context.probeTimeoutMs,
      stallTimeoutMs: 0,
      graceMs: 1000,
      // doctor's own whoami already ran; a login prompt mid-turn still ends the turn at once.
      skipCredentialCheck: true,
      keepTranscript: false,
      signal: context.signal,
    }).finally(() => rmSync(cwd, {recursive: true, force: true}));
    return probeVerdict(result, context.env, context.probeTimeoutMs);
  },
};
