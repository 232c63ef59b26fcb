import {captureKiro} from '../engine/process/capture-kiro.js';
import {explainOutput} from '../engine/headless/explain-output.js';
import {credentialUsable} from './check-credential.js';
import {firstLine} from '../output/shorten.js';
import {fail, pass, skip, warn, type DoctorCheck} from './types.js';

/** The model ids and default of `kiro-cli chat --list-models --format json`, or null when it is not that. */
export function parseModelList(stdout: string): {ids: string[]; defaultModel: string | null} | null {
  const start = stdout.indexOf('{');
  if (start < 0) return null;
  let doc: unknown;
  try {
    doc = JSON.parse(stdout.slice(start));
  } catch {
    return null;
  }
  const models = (doc as {models?: unknown} | null)?.models;
  if (!Array.isArray(models)) return null;
  const ids = models.flatMap((m) => {
    const id = (m as {model_id?: unknown} | null)?.model_id;
    return typeof id === 'string' ? [id] : [];
  });
  const fallback = (doc as {default_model?: unknown}).default_model;
  return {ids, defaultModel: typeof fallback === 'string' ? fallback : null};
}

/** A line of kiro-cli's saying the backend refused the credential (`Not logged in`, `Authentication failed`). */
export function authRefusal(text: string): string | null {
  return firstLine(text, /Authentication failed|Not logged in|not logged in/) || null;
}

/**
 * The configured or given `--model` is in this account's list. The listing starts alongside whoami, always with
 * `--no-interactive` (without it, a missing credential starts a login), and is ended unread when the credential
 * turns out unusable.
 */
export const modelCheck: DoctorCheck = {
  id: 'model',
  title: 'Model',
  async run(context) {
    const model = context.model;
    if (model === undefined) return pass("No model set; kiro-cli uses the account's default.");
    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    context.signal.addEventListener('abort', onAbort, {once: true});
    try {
      const listing = captureKiro({
        cliPath: context.cliPath,
        args: ['chat', '--no-interactive', '--list-models', '--format', 'json'],
        cwd: context.cwd,
        env: context.env,
        timeoutMs: context.checkTimeoutMs,
        signal: stop.signal,
      });
      const credential = await context.credential();
      if (!credentialUsable(credential)) {
        stop.abort();
        await listing;
        return skip(
          `Not checked: the credential check failed (${credential.status}).`,
          'Fix the credential, then run doctor again.',
        );
      }
      const run = await listing;
      if (run.timedOut) {
        return fail(
          `kiro-cli chat --list-models gave no answer within ${context.checkTimeoutMs} ms.`,
          'Check the network; raise --check-timeout on a slow link.',
        );
      }
      const list = run.exitCode === 0 ? parseModelList(run.stdout) : null;
      const refused = list === null ? authRefusal(`${run.stderr}\n${run.stdout}`) : null;
      if (refused !== null) {
        return fail(
          `kiro-cli refused to list models: "${refused}" — whoami passed, but the credential does not work.`,
          'Set a valid KIRO_API_KEY, or run `kiro-cli login` again (an expired login or an account without a Kiro subscription passes whoami).',
        );
      }
      if (list === null) {
        const said = explainOutput(run.stderr, run.stdout);
        return warn(
          `Could not read the model list (exit ${run.exitCode ?? run.signal ?? run.spawnErrorCode})${said ? `: ${said}` : ''}.`,
          'Run `kiro-cli chat --list-models` by hand.',
        );
      }
      if (list.ids.includes(model)) return pass(`Model "${model}" is available.`);
      return fail(
        `Model "${model}" is not in this account's list: ${list.ids.join(', ') || 'none'}.`,
        'Pick one of the listed ids with --model or `model` in .kirorc.',
      );
    } finally {
      context.signal.removeEventListener('abort', onAbort);
    }
  },
};
