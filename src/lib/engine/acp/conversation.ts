import {emptyResult} from '../../ask/empty-result.js';
import type {AskResult} from '../../ask/result.js';
import {UsageError} from '../../errors.js';
import {sessionStoreDir} from '../../sessions/store-paths.js';
import type {TurnInput, TurnOutput} from '../turn.js';
import type {AcpProcess} from './acp-process.js';
import type {AcpConnection} from './connection.js';
import type {ProcessExit} from './connection-types.js';
import {startAcpProcess} from './process-start.js';
import {acpTurnInput, DEFAULT_GRACE_MS, EXIT_WAIT_MS, type AcpTurnPlan} from './turn-plan.js';
import {removeStaleLock} from './load-session.js';
import {AcpClosedError, AcpRpcError, AcpTimeoutError} from './request-errors.js';
import {startAcpTurn, type AcpTurn} from './run-turn.js';
import {spooledOutput} from './turn-output.js';
import type {EstablishedSession} from './turn-session.js';

/** Bound of `session/set_model` (or V3's config option). */
const SET_MODEL_TIMEOUT_MS = 30_000;

type PromptPart =
  'prompt' | 'timeoutMs' | 'stallTimeoutMs' | 'signal' | 'onEvent' | 'startedAt' | 'keepTranscript';

/** What stays the same over the prompts of a conversation: the turn input without its prompt's own parts. */
export type ConversationSetup = Omit<TurnInput, PromptPart>;

/** One prompt of a conversation, with its own bounds, signal and listener. */
export type ConversationPrompt = Pick<TurnInput, PromptPart>;

// The process serving the conversation, and whether it has served a turn yet.
interface Live {
  kiro: AcpProcess;
  /** The plan the process was started by; each prompt runs by it with its own parts. */
  plan: AcpTurnPlan;
  fresh: boolean;
}

/**
 * One conversation over `kiro-cli acp`: a process, one session in it, and every prompt sent to that session. The
 * first prompt starts the process and creates the session (or loads the one `resume`/`resumeId` name); later
 * prompts continue it without session/new. When the process is gone (it crashed, or kiro-x ended it after a
 * cancel it did not answer), the next prompt starts another one that loads the session with session/load, and
 * says so in a warning; a session that cannot be loaded is that prompt's `resume_failed`, never a new one.
 */
export class AcpConversation {
  readonly #setup: ConversationSetup;
  #model: string | undefined;
  #live: Live | null = null;
  /** The session of the live process, once a turn established it. */
  #session: EstablishedSession | null = null;
  /** The conversation's session id, kept when its process ends, so the next one loads it. */
  #sessionId: string | null = null;
  #ended: {pid: number; exit: ProcessExit} | null = null;

  constructor(setup: ConversationSetup) {
    this.#setup = setup;
    this.#model = setup.model;
  }

  /** The pid of the kiro-cli serving the conversation, or null when none runs. */
  get pid(): number | null {
    return this.#live?.kiro.pid ?? null;
  }

  /** Runs one prompt in the conversation; its failures are its result, never a throw. */
  async turn(input: ConversationPrompt): Promise<TurnOutput> {
    const startedAt = input.startedAt ?? Date.now();
    const notes: string[] = [];
    const done = (result: AskResult): TurnOutput =>
      spooledOutput({...result, warnings: [...notes, ...result.warnings]}, input.keepTranscript);
    // A kiro-cli that ended while the program was idle is noticed once its pending I/O events have run.
    if (this.#live !== null) await new Promise((resolve) => setImmediate(resolve));
    if (this.#live?.kiro.connection.isClosed === true) await this.#endProcess(EXIT_WAIT_MS);
    if (input.signal?.aborted === true) {
      return done(this.#unstarted(emptyResult('cancelled', 'Cancelled before the prompt was sent.')));
    }
    if (this.#live === null) {
      const reopening = this.#reopenNote();
      if (reopening !== null) {
        notes.push(reopening);
        input.onEvent?.({type: 'warning', message: reopening, elapsedMs: Date.now() - startedAt});
      }
      const continued =
        this.#sessionId === null
          ? {resume: this.#setup.resume, resumeId: this.#setup.resumeId}
          : {resume: undefined, resumeId: this.#sessionId};
      const started = await startAcpProcess({
        ...this.#setup,
        ...input,
        ...continued,
        model: this.#model,
        startedAt,
      });
      if (!started.ok) return done(started.result);
      this.#live = {kiro: started.kiro, plan: started.plan, fresh: true};
    }
    return done(await this.#prompt(this.#live, input, startedAt));
  }

  /**
   * The model of the next prompts: switched on the live session at once (V2 `session/set_model`, V3 the `model`
   * config option), else given to the next process. A model kiro-cli refuses throws {@link UsageError}.
   */
  async setModel(model: string): Promise<void> {
    const live = this.#live;
    const session = this.#session;
    if (live !== null && session !== null && !live.kiro.connection.isClosed) {
      try {
        await live.kiro.connection.setModel(session.sessionId, model, SET_MODEL_TIMEOUT_MS);
        this.#session = {...session, model};
      } catch (error) {
        if (error instanceof AcpRpcError) {
          throw new UsageError(`kiro-cli refused model ${model}: ${error.text}`);
        }
        // A process that does not answer cannot serve the next prompt: it is ended, and the next one loads the
        // session with the model.
        if (error instanceof AcpTimeoutError) await this.#endProcess(0);
        else if (!(error instanceof AcpClosedError)) throw error;
      }
    }
    this.#model = model;
  }

  /** Ends the process cooperatively (stdin closed, then TERM → KILL of its group); how it ended, if one ran. */
  close(): Promise<ProcessExit | null> {
    return this.#live === null ? Promise.resolve(null) : this.#endProcess(EXIT_WAIT_MS);
  }

  async #prompt(live: Live, input: ConversationPrompt, startedAt: number): Promise<AskResult> {
    const {connection} = live.kiro;
    // The process's plan with this prompt's own parts; its time limit counts from the prompt's start.
    const plan = {...live.plan, input: {...live.plan.input, ...input, model: this.#model}, startedAt};
    // A fresh process's start-up lines (an agent fallback, trust warnings) belong to its first turn.
    const stderrSince = live.fresh ? 0 : connection.stderr.mark();
    // A later prompt continues the conversation, as a headless `--resume-id` turn does.
    const session = this.#session === null ? undefined : {...this.#session, resumed: true};
    const turn = startAcpTurn(connection, {...acpTurnInput(plan, stderrSince), session});
    live.fresh = false;
    const result = await turn.result.catch(async (error: unknown) => {
      await this.#afterTurn(turn, connection, true);
      throw error;
    });
    const exit = await this.#afterTurn(turn, connection, false);
    // The process ended with this turn: how it ended belongs to the result.
    return exit !== null && result.exitCode === null && result.signal === null
      ? {...result, ...exit}
      : result;
  }

  // Keeps the session the turn established; ends a process that cannot serve another turn, and says how it ended.
  async #afterTurn(turn: AcpTurn, connection: AcpConnection, failed: boolean): Promise<ProcessExit | null> {
    if (turn.session !== null) {
      this.#session = turn.session;
      this.#sessionId = turn.session.sessionId;
    }
    if (!turn.abandoned && !connection.isClosed && !failed) return null;
    // A cancel kiro-cli did not answer leaves nothing to wait for: stdin is closed and the group ended at once.
    return this.#endProcess(turn.abandoned || failed ? 0 : EXIT_WAIT_MS);
  }

  async #endProcess(waitMs: number): Promise<ProcessExit> {
    const live = this.#live as Live;
    this.#live = null;
    this.#session = null;
    const exit = await live.kiro.shutdown(waitMs, this.#setup.graceMs ?? DEFAULT_GRACE_MS);
    // A kiro-cli that had to be killed could not release its session's lock: it names a dead pid, its own.
    if (this.#sessionId !== null) {
      removeStaleLock(sessionStoreDir(this.#setup.env), this.#sessionId, live.kiro.pid);
    }
    this.#ended = {pid: live.kiro.pid, exit};
    return exit;
  }

  // Said once, when a process that served the conversation's session is replaced.
  #reopenNote(): string | null {
    const ended = this.#ended;
    this.#ended = null;
    if (ended === null || this.#sessionId === null) return null;
    const how =
      ended.exit.exitCode === null
        ? `ended by ${ended.exit.signal ?? 'a signal'}`
        : `exited ${ended.exit.exitCode}`;
    return `kiro-cli (pid ${ended.pid}) ${how} after an earlier prompt: a new kiro-cli loads session ${this.#sessionId} (session/load) to go on with it.`;
  }

  #unstarted(result: AskResult): AskResult {
    return {...result, model: this.#model ?? null, agent: this.#setup.agent ?? null};
  }
}
