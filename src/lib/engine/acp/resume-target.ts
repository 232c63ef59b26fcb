import {isV3SessionId} from '../../sessions/ids.js';
import {readStore} from '../../sessions/store.js';
import {cwdKeys} from '../../sessions/store-paths.js';
import type {AcpDialect} from './dialect.js';

/** What a turn asked to continue. */
export interface ResumeRequest {
  /** Continue the latest conversation of `cwd`. */
  resume?: boolean | undefined;
  resumeId?: string | undefined;
  cwd: string;
  env: NodeJS.ProcessEnv;
  dialect: AcpDialect;
}

/** The session to load (none: a new one), or why none can be: the turn then fails, never starting afresh. */
export type ResumeTarget = {resumeId?: string} | {failure: string};

const ENGINE_NAME: Readonly<Record<AcpDialect, string>> = {v2: 'V2', v3: 'V3'};

/**
 * ACP has no "latest session" request: `--resume` is the newest main (not subagent) session of the working
 * directory in kiro-cli's store, of the dialect's engine (one engine cannot load the other's sessions).
 */
export async function resumeTarget(request: ResumeRequest): Promise<ResumeTarget> {
  const {dialect} = request;
  if (request.resumeId !== undefined) {
    const idEngine: AcpDialect = isV3SessionId(request.resumeId) ? 'v3' : 'v2';
    if (idEngine === dialect) return {resumeId: request.resumeId};
    return {
      failure: `Session ${request.resumeId} belongs to kiro-cli's ${ENGINE_NAME[idEngine]} engine, which this turn does not run (${ENGINE_NAME[dialect]}): pass --harness ${idEngine} to continue it.`,
    };
  }
  if (request.resume !== true) return {};
  const sessions = await readStore(request.env, cwdKeys(request.cwd));
  const latest = sessions
    .filter((s) => s.engine === dialect && s.parentId === null)
    .sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''))[0];
  if (latest !== undefined) return {resumeId: latest.id};
  return {
    failure: `There is no saved ${ENGINE_NAME[dialect]} conversation in ${request.cwd} to resume; run without --resume to start one.`,
  };
}
