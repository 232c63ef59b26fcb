import {readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {processAlive} from '../../sessions/lock.js';
import type {AcpConnection} from './connection.js';
import type {AcpSession} from './connection-types.js';
import {AcpClosedError, AcpRpcError, AcpTimeoutError} from './request-errors.js';

/** Options of {@link loadSession}. */
export interface LoadSessionOptions {
  sessionId: string;
  cwd: string;
  /** Bound of each session/load: old builds never answered it. */
  timeoutMs: number;
  /** The V2 session store (`$KIRO_HOME/sessions/cli`), where a stale `<id>.lock` may be left. */
  storeDir: string;
}

/** session/load failed; the message says why in words a user can act on. */
export class ResumeFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResumeFailedError';
  }
}

// kiro-cli 2.16 refuses a session while its `<id>.lock` names another pid, live or dead.
const LOCKED = /Session is active in another process \(PID (\d+)\)/;
// A lock is only ever removed for an id that is a plain file name inside the store.
const SAFE_ID = /^[A-Za-z0-9_-]+$/;

/**
 * session/load with kiro-cli's quirks handled: the process exiting without an answer (an unknown id on 2.x), a
 * lock left by a killed process (removed, only when its pid is dead, then one retry), and no answer at all
 * (bounded). Never falls back to a new session: every failure is a {@link ResumeFailedError}.
 */
export async function loadSession(
  connection: AcpConnection,
  options: LoadSessionOptions,
): Promise<AcpSession> {
  const {sessionId, cwd, timeoutMs} = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await connection.loadSession(sessionId, cwd, timeoutMs);
    } catch (error) {
      const pid = error instanceof AcpRpcError ? lockPid(error.text) : null;
      if (pid === null || attempt > 1) throw explain(sessionId, error);
      if (processAlive(pid)) {
        throw new ResumeFailedError(
          `Session ${sessionId} is in use by another kiro-cli process (PID ${pid}); end it or wait for it to finish.`,
        );
      }
      // Gone already (kiro-cli or someone else removed it) is as good: the retry tells.
      removeStaleLock(options.storeDir, sessionId, pid);
    }
  }
}

/** The pid of a `Session is active in another process (PID n)` refusal, or null. */
export function lockPid(text: string): number | null {
  const match = LOCKED.exec(text);
  return match === null ? null : Number(match[1]);
}

/** Removes `<id>.lock` when it still names `pid` (a dead process); whether it did. */
export function removeStaleLock(storeDir: string, sessionId: string, pid: number): boolean {
  if (!SAFE_ID.test(sessionId)) return false;
  const file = path.join(storeDir, `${sessionId}.lock`);
  try {
    const owner = (JSON.parse(readFileSync(file, 'utf8')) as {pid?: unknown}).pid;
    if (owner !== pid) return false;
    rmSync(file);
    return true;
  } catch {
    return false;
  }
}

function explain(sessionId: string, error: unknown): Error {
  if (error instanceof AcpClosedError) {
    return new ResumeFailedError(
      `kiro-cli ended without answering session/load for ${sessionId}: no such session (or one it cannot read).`,
    );
  }
  if (error instanceof AcpTimeoutError) {
    return new ResumeFailedError(
      `kiro-cli did not answer session/load for ${sessionId} within ${error.timeoutMs} ms.`,
    );
  }
  if (error instanceof AcpRpcError) {
    const pid = lockPid(error.text);
    if (pid !== null) {
      return new ResumeFailedError(
        `Session ${sessionId} stays locked by PID ${pid} (its lock was removed, yet kiro-cli still refused it): ${error.text}`,
      );
    }
    return new ResumeFailedError(`kiro-cli could not load session ${sessionId}: ${error.text}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
