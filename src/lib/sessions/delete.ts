import {captureKiro} from '../engine/capture-kiro.js';
import {cliNotFoundMessage} from '../engine/cli-missing.js';
import {CliNotFoundError} from '../errors.js';
import {listCwdSessions} from './list.js';
import {inStore} from './store.js';
import type {SessionsOptions} from './types.js';

/** What happened to one id. */
export interface DeleteOutcome {
  id: string;
  status: 'deleted' | 'not-found' | 'failed';
  message: string;
}

/** The `sessions delete --json` document. */
export interface SessionsDeleteResult {
  schemaVersion: 1;
  ok: boolean;
  results: DeleteOutcome[];
}

async function presentIds(options: SessionsOptions): Promise<Set<string>> {
  try {
    return new Set((await listCwdSessions(options)).sessions.map((s) => s.id));
  } catch (error) {
    if (error instanceof CliNotFoundError) throw error;
    return new Set();
  }
}

/**
 * Delete each (already validated) id with `kiro-cli chat --delete-session`. Some builds answer "not found"
 * after a real delete (REFERENCE §3), so a "not found" is checked against a listing and the store taken
 * before and after: present before and gone after means deleted.
 */
export async function deleteSessions(
  options: SessionsOptions,
  ids: readonly string[],
): Promise<SessionsDeleteResult> {
  const listedBefore = await presentIds(options);
  const before = new Map(ids.map((id) => [id, listedBefore.has(id) || inStore(options.env, id)]));
  const results: DeleteOutcome[] = [];
  let listedAfter: Set<string> | undefined;
  for (const id of ids) {
    const run = await captureKiro({...options, args: ['chat', '--delete-session', id]});
    if (run.spawnErrorCode) {
      throw new CliNotFoundError(
        cliNotFoundMessage(options.cliPath, run.spawnErrorCode),
        [],
        options.cliPath,
      );
    }
    const said = (run.stderr.trim() || run.stdout.trim()).split('\n')[0] ?? '';
    if (run.timedOut) {
      results.push({
        id,
        status: 'failed',
        message: `kiro-cli gave no answer within ${options.timeoutMs} ms.`,
      });
      continue;
    }
    if (run.exitCode === 0) {
      results.push({id, status: 'deleted', message: said || 'Deleted.'});
      continue;
    }
    if (/not found/i.test(said)) {
      listedAfter ??= await presentIds(options);
      const gone = !listedAfter.has(id) && !inStore(options.env, id);
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
