import {readFileSync} from 'node:fs';

/**
 * Whether a process owns a V2 session: its `<uuid>.lock` (`{"pid","started_at"}`) names a live process. A
 * lock left by a killed kiro-cli (its pid gone) is stale, not active. Null when no lock was found.
 */
export function lockOwner(file: string | null): {active: boolean; pid: number} | null {
  if (file === null) return null;
  let pid: unknown;
  try {
    pid = (JSON.parse(readFileSync(file, 'utf8')) as {pid?: unknown}).pid;
  } catch {
    return null;
  }
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return null;
  return {active: processAlive(pid), pid};
}

/** Signal 0 probes a pid without touching it; EPERM means it exists under another user. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
