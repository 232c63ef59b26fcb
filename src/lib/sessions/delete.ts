import {KiroXError} from '../errors.js';
import {explainedLine, sessionCommand} from './kiro-call.js';
import {listViaKiro} from './list.js';
import {findSession, storeExists} from './store.js';
import type {SessionsOptions} from './types.js';

/** What happened to one id: `kept` when the confirmation was declined. */
export interface DeleteOutcome {
  id: string;
  status: 'deleted' | 'not-found' | 'failed' | 'kept';
  message: string;
}

/** The `sessions delete --json` document. */
export interface SessionsDeleteResult {
  schemaVersion: 1;
  ok: boolean;
  results: DeleteOutcome[];
}

/** Whether session `id` exists: in the stores when there are any, else in kiro-cli's listing. */
async function present(options: SessionsOptions, id: string): Promise<boolean> {
  if (storeExists(options.env)) return (await findSession(options.env, id)) !== null;
  return (await listViaKiro(options)).sessions.some((s) => s.id === id);
}

/** The result when the user declined to delete: nothing was touched. */
export function keptResult(ids: readonly string[]): SessionsDeleteResult {
  return {
    schemaVersion: 1,
    ok: false,
    results: ids.map((id) => ({id, status: 'kept', message: 'Not deleted: the confirmation was declined.'})),
  };
}

/**
 * Delete each (already validated) id with `kiro-cli chat --no-interactive --delete-session`. Some builds
 * answer "not found" after a real delete, so a "not found" is checked against the store (or kiro-cli's
 * listing) before and after: present before and gone after means deleted. Not being logged in stops the run
 * with an auth error before anything is deleted.
 */
export async function deleteSessions(
  options: SessionsOptions,
  ids: readonly string[],
): Promise<SessionsDeleteResult> {
  const before = new Map<string, boolean>();
  for (const id of ids) before.set(id, await present(options, id).catch(() => false));
  const results: DeleteOutcome[] = [];
  for (const id of ids) {
    const run = await sessionCommand(options, ['--delete-session', id]).catch((error: Error) => error);
    if (run instanceof Error) {
      // A hung call fails that id only; no kiro-cli or no login fails them all.
      if (!(run instanceof KiroXError) || run.outcome !== 'timed_out') throw run;
      results.push({id, status: 'failed', message: run.message});
      continue;
    }
    const said = explainedLine(run);
    if (run.exitCode === 0) {
      results.push({id, status: 'deleted', message: said || 'Deleted.'});
      continue;
    }
    if (/not found/i.test(said)) {
      const gone = !(await present(options, id).catch(() => true));
      results.push(
        before.get(id) && gone
          ? {id, status: 'deleted', message: `Deleted (kiro-cli said "${said}", but the session is gone).`}
          : {id, status: 'not-found', message: said},
      );
      continue;
    }
    results.push({
      id,
      status: 'failed',
      message: `kiro-cli exited ${run.exitCode ?? run.signal}${said ? `: ${said}` : ''}.`,
    });
  }
  return {schemaVersion: 1, ok: results.every((r) => r.status === 'deleted'), results};
}
