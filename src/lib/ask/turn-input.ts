import type {TurnInput} from '../engine/turn.js';
import type {TempProfile} from '../profile/temp-profile.js';
import type {AskOptions} from './options.js';

/** What the use case prepared for the turn: the environment, the secrets, the profile, the harness flags. */
export interface TurnPreparation {
  env: NodeJS.ProcessEnv;
  secrets: readonly string[];
  profile: TempProfile | null;
  harnessArgs: readonly string[];
  /** When the `ask` started: the events' `elapsedMs` count from here, preflight included. */
  startedAt: number;
}

/** The engine's input for an `ask` turn, once its profile is written and its harness flags are known. */
export function turnInput(options: AskOptions, prepared: TurnPreparation): TurnInput {
  const flags = options.profile;
  return {
    prompt: options.prompt,
    cwd: options.cwd,
    cliPath: options.cliPath,
    env: prepared.env,
    trust: options.trust,
    allowedTools: flags?.noTools === true ? undefined : flags?.allowTools,
    model: options.model,
    effort: options.effort,
    // A generated profile is passed by its name; it overlays the user's agent when both are given.
    agent: prepared.profile?.name ?? options.agent,
    harnessArgs: prepared.harnessArgs,
    harness: options.harness,
    permissionMode: options.permissionMode,
    askUser: options.askUser,
    resume: options.resume,
    resumeId: options.resumeId,
    timeoutMs: options.timeoutMs,
    stallTimeoutMs: options.stallTimeoutMs,
    graceMs: options.graceMs,
    keepTranscript: options.keepTranscript ?? true,
    signal: options.signal,
    secrets: prepared.secrets,
    onEvent: options.onEvent,
    startedAt: prepared.startedAt,
  };
}
