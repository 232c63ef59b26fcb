import {engineFor} from '../engine/index.js';
import type {SpooledTexts, TurnOutput} from '../engine/turn.js';
import {redact} from '../redact.js';
import {probeTurnSession} from '../sessions/turn-session.js';
import {emptyResult} from './empty-result.js';
import {kiroEnv} from './env.js';
import {DEFAULT_WHOAMI_TIMEOUT_MS, type AskOptions} from './options.js';
import {isRefused, prepareRun, removeStaleRunProfiles} from './prepare.js';
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
  return resultOf(await askSpooled(options));
}

/** The result with its texts read out of the spools, which are released. */
export function resultOf(spooled: SpooledAsk): AskResult {
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
  const stale = removeStaleRunProfiles(options, env);
  const turn = await preparedTurn(options, {env, secrets, startedAt: started});
  const warnings = [...stale, ...unusedPermissionMode(options)];
  return spooledAsk(turn, {secrets, startedAt: started, warnings});
}

/** `fail` and `ask` act only on ACP: headless, kiro-cli refuses every tool no trust flag covers by itself. */
function unusedPermissionMode(options: AskOptions): string[] {
  const mode = options.permissionMode;
  if ((options.engine ?? 'headless') !== 'headless' || mode === undefined || mode === 'deny') return [];
  return [
    `--permission-mode ${mode} has no effect on the headless engine, where kiro-cli refuses every tool no trust flag covers; it applies with --engine acp.`,
  ];
}

/**
 * An engine's output as the use case hands it over: the message redacted, kiro-x's own warnings first, the
 * duration counted from `startedAt` (preflight included).
 */
export function spooledAsk(
  {result, texts}: TurnOutput,
  done: {secrets: readonly string[]; startedAt: number; warnings: readonly string[]},
): SpooledAsk {
  return {
    result: {
      ...result,
      message: redact(result.message, done.secrets),
      warnings: [...done.warnings, ...result.warnings],
      durationMs: Date.now() - done.startedAt,
    },
    texts,
    dispose: () => [...texts.messages, texts.transcript].forEach((spool) => spool?.dispose()),
  };
}

const NO_TEXTS: SpooledTexts = {messages: [], transcript: null};

/**
 * The turn with everything around it: the checks before kiro-cli starts (credential, generated profile — removed
 * after —, pinned harness), the session proof, and the engine the options name.
 */
async function preparedTurn(
  options: AskOptions,
  {env, secrets, startedAt}: {env: NodeJS.ProcessEnv; secrets: readonly string[]; startedAt: number},
): Promise<TurnOutput> {
  const base = {model: options.model ?? null, agent: options.agent ?? null};
  const early = (result: AskResult): TurnOutput => ({result: {...result, ...base}, texts: NO_TEXTS});
  if (options.signal?.aborted) return early(emptyResult('cancelled', 'Cancelled before kiro-cli started.'));
  // ACP names the session itself (session/new or the loaded one): only the headless transcript needs the store.
  const sessions =
    options.detectSessionId && (options.engine ?? 'headless') === 'headless'
      ? probeTurnSession({
          cliPath: options.cliPath,
          cwd: options.cwd,
          env,
          // The bound on each short kiro-cli call around the turn (`--version`, session listings).
          timeoutMs: options.whoamiTimeoutMs ?? DEFAULT_WHOAMI_TIMEOUT_MS,
          prompt: options.prompt,
          resume: options.resume,
          resumeId: options.resumeId,
          signal: options.signal,
        })
      : null;
  try {
    const prepared = await prepareRun(options, env);
    if (isRefused(prepared)) return early(prepared.refused);
    const {profile} = prepared;
    try {
      await sessions?.ready();
      const engine = options.runner ?? (await engineFor(options.engine ?? 'headless'));
      const turn = await engine.runTurn(
        turnInput(options, {env, secrets, profile, harnessArgs: prepared.harnessArgs, startedAt}),
      );
      const result =
        profile && options.keepProfile ? {...turn.result, profilePath: profile.path} : turn.result;
      return {result: sessions ? await sessions.settle(result) : result, texts: turn.texts};
    } finally {
      prepared.release();
    }
  } finally {
    sessions?.cancel();
  }
}
