import {setTimeout as sleep} from 'node:timers/promises';

/** Send a signal to every process of a group; false when the group is already empty. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    // EPERM means a member exists but is not ours to signal: the group is still alive.
    if ((error as NodeJS.ErrnoException).code === 'EPERM') return true;
    return false;
  }
}

/** Whether any process of the group is still alive (zombies of reaped members do not count). */
export function groupAlive(pgid: number): boolean {
  return signalGroup(pgid, 0);
}

/**
 * End a whole process group: SIGTERM, wait up to `graceMs` for every member to go, then SIGKILL.
 * kiro-cli may leave MCP servers or tool commands behind, and some ignore SIGTERM, so the group — not just
 * the pid — is the unit, and SIGKILL is always the last word.
 */
export async function terminateGroup(pgid: number, graceMs: number, pollMs = 25): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await sleep(pollMs);
    if (!groupAlive(pgid)) return;
  }
  signalGroup(pgid, 'SIGKILL');
  // SIGKILL cannot be ignored, but delivery is asynchronous: wait briefly so callers see an empty group.
  for (let i = 0; i < 40 && groupAlive(pgid); i++) await sleep(pollMs);
}

const liveGroups = new Set<number>();
let exitHookInstalled = false;

/**
 * Remember a running group so that, if kiro-x exits while it runs (a forced second ^C, an uncaught error), no
 * kiro-cli outlives it: the exit hook SIGKILLs every group still tracked.
 */
export function trackGroup(pgid: number): void {
  liveGroups.add(pgid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const group of liveGroups) signalGroup(group, 'SIGKILL');
  });
}

/** Forget a group that has ended. */
export function untrackGroup(pgid: number): void {
  liveGroups.delete(pgid);
}
