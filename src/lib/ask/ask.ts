import {engineFor} from '../engine/index.js';
import {harnessArgs} from '../engine/resolve-harness.js';
import type {SpooledTexts, TurnOutput} from '../engine/turn.js';
import {KiroXError} from '../errors.js';
import {prepareProfile} from '../profile/prepare-profile.js';
import {removeStaleProfiles} from '../profile/stale-profiles.js';
import {profileDir, type TempProfile} from '../profile/temp-profile.js';
import {redact} from '../redact.js';
import {probeTurnSession} from '../sessions/turn-session.js';
import {checkCredential} from './credential.js';
import {emptyResult} from './empty-result.js';
import {kiroEnv} from './env.js';
import {DEFAULT_WHOAMI_TIMEOUT_MS, type AskOptions} from './options.js';
import type {AskResult} from './result.js';
import {turnInput} from './turn-input.js';

/**
 * A turn's result whose `text`, `messages` and `transcript` are left empty: their content is in `texts`, to be
 * streamed out (`renderAsk` does this) and then released with `dispose()`.
 */
export interface SpooledAsk {
  result: AskResult;
  texts: SpooledTexts;
  dispose(): void;
}

/** Run one kiro-cli turn and say honestly how it went. Never throws for turn failures. */
export async function ask(options: AskOptions): Promise<AskResult> {
  const spooled = await askSpooled(options);
  try {
    const messages = spooled.texts.messages.map((spool) => spool.toString());
    return {
      ...spooled.result,
      text: messages.at(-1) ?? '',
      messages,
      transcript: spooled.texts.transcript?.toString() ?? null,
    };
  } finally {
    spooled.dispose();
  }
}

/** Like {@link ask}, but the texts stay in spools so outputs of any size can be streamed. */
export async function askSpooled(options: AskOptions): Promise<SpooledAsk> {
  const started = Date.now();
  const env = kiroEnv(options.env);
  const secrets = env.KIRO_API_KEY ? [env.KIRO_API_KEY] : [];
  const stale = removeStaleProfiles(profileDir(options.cwd, env), staleProfileAgeMs(options.timeoutMs));
  const {result, texts} = await preparedTurn(options, {env, secrets, startedAt: started});
  return {
    result: {
      ...result,
      message: redact(result.message, secrets),
      warnings: [
        ...stale.map((file) => `removed a stale kiro-x agent profile left by a killed run: ${file}`),
        ...result.warnings,
      ],
      durationMs: Date.now() - started,
    },
    texts,
    dispose: () => [...texts.messages, texts.transcript].forEach((spool) => spool?.dispose()),
  };
}

/**
 * A generated profile lives at most as long as its turn (timeout plus the kill grace). Runs started with a
 * longer timeout than this one may share the directory, so the bound is never below the default 30 minutes.
 */
const staleProfileAgeMs = (timeoutMs: number): number => Math.max(timeoutMs, 30 * 60_000) + 60_000;

const NO_TEXTS: SpooledTexts = {messages: [], transcript: null};

/**
 * The turn with everything around it: the credential preflight, the generated profile (removed after), the
 * pinned harness, the session proof, and the engine the options name.
 */
async function preparedTurn(
  options: AskOptions,
  {env, secrets, startedAt}: {env: NodeJS.ProcessEnv; secrets: readonly string[]; startedAt: number},
): Promise<TurnOutput> {
  const base = {model: options.model ?? null, agent: options.agent ?? null};
  const early = (result: AskResult): TurnOutput => ({result: {...result, ...base}, texts: NO_TEXTS});
  if (options.signal?.aborted) return early(emptyResult('cancelled', 'Cancelled before kiro-cli started.'));
  // The bound on each short kiro-cli call around the turn (`--version`, session listings).
  const shortCallMs = options.whoamiTimeoutMs ?? DEFAULT_WHOAMI_TIMEOUT_MS;
  // Started first, awaited just before the turn: a pinned harness's `--version` lookup overlaps the credential
  // check and the session listing instead of adding to them.
  const harnessPlan = harnessArgs(options.harness, {
    cliPath: options.cliPath,
    cwd: options.cwd,
    env,
    timeoutMs: shortCallMs,
  }).then(
    (args) => ({args}),
    (error: unknown) => ({error}),
  );
  // ACP names the session itself (session/new or the loaded one): only the headless transcript needs the store.
  const sessions =
    options.detectSessionId && (options.engine ?? 'headless') === 'headless'
      ? probeTurnSession({
          cliPath: options.cliPath,
          cwd: options.cwd,
          env,
          timeoutMs: shortCallMs,
          prompt: options.prompt,
          resume: options.resume,
          resumeId: options.resumeId,
          signal: options.signal,
        })
      : null;
  try {
    const preflight = options.skipCredentialCheck ? null : await checkCredential(options, env);
    if (preflight) return early(preflight);
    let profile: TempProfile | null;
    try {
      profile = await prepareProfile(options, env);
    } catch (error) {
      return early(refusal(error));
    }
    try {
      const harness = await harnessPlan;
      if ('error' in harness) return early(refusal(harness.error));
      await sessions?.ready();
      const engine = options.runner ?? (await engineFor(options.engine ?? 'headless'));
      const turn = await engine.runTurn(
        turnInput(options, {env, secrets, profile, harnessArgs: harness.args, startedAt}),
      );
      const result =
        profile && options.keepProfile ? {...turn.result, profilePath: profile.path} : turn.result;
      return {result: sessions ? await sessions.settle(result) : result, texts: turn.texts};
    } finally {
      if (profile && !options.keepProfile) profile.remove();
    }
  } finally {
    sessions?.cancel();
  }
}

/** kiro-x's own refusal (a usage error, a missing agent) as the result of a turn that never started. */
function refusal(error: unknown): AskResult {
  if (error instanceof KiroXError) return emptyResult(error.outcome, error.message);
  throw error;
}
