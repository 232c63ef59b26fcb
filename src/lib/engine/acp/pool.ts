import {spooledOutput} from './turn-output.js';
import type {AskResult} from '../../ask/result.js';
import type {TurnInput, TurnOutput, TurnRunner} from '../turn.js';
import {openAcpProcess} from './acp-process.js';
import {DEFAULT_GRACE_MS, planAcpTurn, processSpec, startFailure, type AcpTurnPlan} from './turn-plan.js';
import {AcpWorker} from './worker.js';

/**
 * The ACP engine's runner for a batch: at most `size` long-lived `kiro-cli acp` processes, so kiro-cli's start-up
 * (agents, MCP servers, credential) is paid once per process instead of once per turn. Each turn runs in a new
 * session on a free process started for the same argv, cwd and environment; one is started when none fits
 * (lazily, up to `size`, retiring the idle one used least recently when another kind is needed). A process that
 * exited, or whose turn timed out, stalled, was cancelled or left a cancel unanswered, is ended and replaced by
 * the next turn that needs one.
 *
 * A process that cannot start is not started again in a loop: the turn that needed it gets the failure (a
 * missing login is `auth_failed` at once), as it would on its own, and each later turn tries once for itself —
 * never more starts than turns, and retries follow the batch's own policy.
 */
export class AcpPool implements TurnRunner {
  readonly #size: number;
  readonly #workers = new Set<AcpWorker>();
  readonly #waiting: Array<() => void> = [];
  #running = 0;
  #starting = 0;
  #closed = false;

  constructor(size: number) {
    this.#size = Math.max(1, size);
  }

  async runTurn(input: TurnInput): Promise<TurnOutput> {
    if (this.#closed) throw new Error('This ACP process pool is closed: no turn can start on it.');
    const plan = await planAcpTurn(input);
    if ('failure' in plan) return spooledOutput(plan.failure, input.keepTranscript);
    await this.#slot();
    try {
      const worker = await this.#workerFor(plan);
      const result = worker instanceof AcpWorker ? await worker.serve(plan) : worker;
      return spooledOutput(result, input.keepTranscript);
    } finally {
      this.#running -= 1;
      this.#waiting.shift()?.();
    }
  }

  /** Ends every process cooperatively; a turn still running gets its process's end as its result. */
  async close(): Promise<void> {
    this.#closed = true;
    const workers = [...this.#workers];
    this.#workers.clear();
    await Promise.all(workers.map((worker) => worker.retire()));
  }

  async #slot(): Promise<void> {
    while (this.#running >= this.#size) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#running += 1;
  }

  /** A free process for the plan, claimed; or the result of a start that failed. */
  async #workerFor(plan: AcpTurnPlan): Promise<AcpWorker | AskResult> {
    const key = launchKey(plan);
    const {resumeId} = plan;
    // A session lives in the process that served it, which holds its lock: that process goes first.
    const stale = [...this.#workers].filter(
      (w) => !w.busy && (!w.usable || (resumeId !== undefined && w.holds(resumeId))),
    );
    await Promise.all(stale.map((worker) => this.#retire(worker)));
    const free = [...this.#workers].find((w) => !w.busy && w.key === key);
    if (free !== undefined) return free.claim();
    // This turn holds a slot, so when `size` processes exist at least one of them is idle.
    if (this.#workers.size + this.#starting >= this.#size) {
      const idle = [...this.#workers].filter((w) => !w.busy).sort((a, b) => a.lastUsed - b.lastUsed);
      if (idle[0] !== undefined) await this.#retire(idle[0]);
    }
    this.#starting += 1;
    try {
      const started = await openAcpProcess(processSpec(plan));
      if (!started.ok) return await startFailure(plan, started);
      const worker = new AcpWorker(key, started.process, plan.input.graceMs ?? DEFAULT_GRACE_MS);
      if (this.#closed) {
        await worker.retire();
        return startFailure(plan, {ok: false, reason: 'cancelled'});
      }
      this.#workers.add(worker);
      return worker.claim();
    } finally {
      this.#starting -= 1;
    }
  }

  #retire(worker: AcpWorker): Promise<void> {
    this.#workers.delete(worker);
    return worker.retire();
  }
}

/**
 * What a process is started with: its argv (V2 carries agent, model, effort and trust), cwd and environment.
 * The agent counts on V3 too, where it goes on session/new: kiro-cli reads the agent files when it starts, so a
 * profile generated for one turn is known only to a process started after it was written.
 */
function launchKey(plan: AcpTurnPlan): string {
  const {input} = plan;
  const env = Object.entries(input.env)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([input.cliPath, plan.launch.args, input.cwd, input.agent ?? null, env]);
}
