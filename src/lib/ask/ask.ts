import type {AskOptions} from './options.js';
import {DEFAULT_WHOAMI_TIMEOUT_MS, MAX_ARGV_PROMPT_BYTES} from './options.js';
import {buildChatArgs, displayCommand, turnTrust} from '../engine/headless/build-args.js';
import {classify} from '../engine/headless/classify.js';
import {cliNotFoundMessage} from '../engine/cli-missing.js';
import {harnessArgs} from '../engine/resolve-harness.js';
import {startKiro} from '../engine/process/start-kiro.js';
import {StderrScanner} from '../engine/headless/stderr-scanner.js';
import type {TextSpool} from '../engine/process/text-spool.js';
import {TranscriptParser} from '../engine/headless/transcript-parser.js';
import {whoami} from '../engine/whoami.js';
import {KiroXError} from '../errors.js';
import {prepareProfile} from '../profile/prepare-profile.js';
import {removeStaleProfiles} from '../profile/stale-profiles.js';
import {profileDir} from '../profile/temp-profile.js';
import {redact} from '../redact.js';
import {emptyResult} from './empty-result.js';
import {probeTurnSession} from '../sessions/turn-session.js';
import type {AskResult} from './result.js';
import type {StopReason} from '../engine/process/start-kiro.js';

/**
 * A generated profile lives at most as long as its turn (timeout plus the kill grace). Runs started with a
 * longer timeout than this one may share the directory, so the bound is never below the default 30 minutes.
 */
const staleProfileAgeMs = (timeoutMs: number): number => Math.max(timeoutMs, 30 * 60_000) + 60_000;

/**
 * The environment kiro-cli runs with: the caller's (default: this process's) plus `TERM=dumb` and `NO_COLOR=1`,
 * which careful integrators set although kiro-cli's escapes survive them. The process seam adds
 * `KIRO_NO_AUTO_UPDATE=1` to this and to every other kiro-cli kiro-x starts (see `childEnv`).
 */
export function kiroEnv(env: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  return {...(env ?? process.env), TERM: 'dumb', NO_COLOR: '1'};
}

const cancelReason = (signal: AbortSignal | undefined): StopReason =>
  signal?.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';

/** The texts of a turn, still in spools: they may be far larger than one string can be. */
export interface SpooledTexts {
  /** Every assistant message, or only the last one when the options did not keep the transcript. */
  messages: TextSpool[];
  transcript: TextSpool | null;
}

/**
 * A turn's result whose `text`, `messages` and `transcript` are left empty: their content is in `texts`, to be
 * streamed out (the CLI does this) and then released with `dispose()`.
 */
export interface SpooledAsk {
  result: AskResult;
  texts: SpooledTexts;
  dispose(): void;
}

/** Run one headless kiro-cli turn and say honestly how it went. Never throws for turn failures. */
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

const NO_TEXTS: SpooledTexts = {messages: [], transcript: null};

/** Like {@link ask}, but the texts stay in spools so outputs of any size can be streamed. */
export async function askSpooled(options: AskOptions): Promise<SpooledAsk> {
  let texts = NO_TEXTS;
  const result = await runAsk(options, (spooled) => (texts = spooled));
  return {
    result,
    texts,
    dispose: () => [...texts.messages, texts.transcript].forEach((spool) => spool?.dispose()),
  };
}

async function runAsk(options: AskOptions, keepTexts: (texts: SpooledTexts) => void): Promise<AskResult> {
  const started = Date.now();
  const env = kiroEnv(options.env);
  const secrets = env.KIRO_API_KEY ? [env.KIRO_API_KEY] : [];
  const base = {model: options.model ?? null, agent: options.agent ?? null};
  const stale = removeStaleProfiles(profileDir(options.cwd, env), staleProfileAgeMs(options.timeoutMs));
  const staleWarnings = stale.map(
    (file) => `removed a stale kiro-x agent profile left by a killed run: ${file}`,
  );
  const finish = (result: AskResult): AskResult => ({
    ...result,
    message: redact(result.message, secrets),
    warnings: [...staleWarnings, ...result.warnings],
    durationMs: Date.now() - started,
  });

  if (options.signal?.aborted) {
    return finish(emptyResult('cancelled', 'Cancelled before kiro-cli started.', base));
  }
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
  const sessions = options.detectSessionId
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
    if (preflight) return finish({...preflight, ...base});

    let profile;
    try {
      profile = await prepareProfile(options, env);
    } catch (error) {
      if (error instanceof KiroXError) return finish(emptyResult(error.outcome, error.message, base));
      throw error;
    }
    try {
      const harness = await harnessPlan;
      if ('error' in harness) {
        if (harness.error instanceof KiroXError) {
          return finish(emptyResult(harness.error.outcome, harness.error.message, base));
        }
        throw harness.error;
      }
      await sessions?.ready();
      const turn = await runTurn(options, env, secrets, {
        agent: profile?.name ?? options.agent,
        profilePath: profile?.path,
        harness: harness.args,
        keepTexts,
      });
      return finish(sessions ? await sessions.settle(turn) : turn);
    } finally {
      if (profile && !options.keepProfile) profile.remove();
    }
  } finally {
    sessions?.cancel();
  }
}

/** Without KIRO_API_KEY, a bounded whoami decides before the turn whether a credential exists at all. */
export async function checkCredential(
  options: AskOptions,
  env: NodeJS.ProcessEnv,
): Promise<AskResult | null> {
  if (env.KIRO_API_KEY) return null;
  const timeoutMs = options.whoamiTimeoutMs ?? DEFAULT_WHOAMI_TIMEOUT_MS;
  const check = await whoami(options.cliPath, options.cwd, env, timeoutMs, options.signal);
  if (options.signal?.aborted) return emptyResult('cancelled', 'Cancelled during the credential check.');
  switch (check.status) {
    case 'cli-not-found':
      return emptyResult('cli_not_found', cliNotFoundMessage(options.cliPath, check.detail));
    case 'not-logged-in':
      return emptyResult('auth_failed', 'kiro-cli is not logged in and KIRO_API_KEY is not set.');
    case 'timed-out':
      return emptyResult(
        'auth_failed',
        `kiro-cli whoami gave no answer within ${timeoutMs} ms, so no credential could be confirmed.`,
      );
    default:
      return null;
  }
}

/** What the turn needs beyond the options: the agent actually passed, and the harness flags. */
interface TurnPlan {
  agent: string | undefined;
  profilePath: string | undefined;
  harness: readonly string[];
  keepTexts: (texts: SpooledTexts) => void;
}

async function runTurn(
  options: AskOptions,
  env: NodeJS.ProcessEnv,
  secrets: string[],
  {agent, profilePath, harness, keepTexts}: TurnPlan,
): Promise<AskResult> {
  const promptViaStdin = Buffer.byteLength(options.prompt, 'utf8') > MAX_ARGV_PROMPT_BYTES;
  const profile = options.profile;
  const args = buildChatArgs({
    prompt: options.prompt,
    promptViaStdin,
    trust: profile?.noTools === true ? options.trust : turnTrust(options.trust, profile?.allowTools),
    harnessArgs: harness,
    model: options.model,
    effort: options.effort,
    agent,
    resume: options.resume,
    resumeId: options.resumeId,
  });
  const stderr = new StderrScanner();
  // The parser's handler needs the process and the process needs the parser: the handler only runs once
  // output arrives, after `kiro` is assigned.
  // eslint-disable-next-line prefer-const
  let kiro: ReturnType<typeof startKiro> | undefined;
  const keepTranscript = options.keepTranscript ?? true;
  const parser = new TranscriptParser({
    keepTranscript,
    // Without the transcript only the answer is wanted: earlier messages are not kept either.
    messages: keepTranscript ? 'all' : 'last',
    onEvent: (event) => {
      // A device-code login on stdout means kiro-cli will wait forever for a browser: end it now.
      if (event.type === 'login-prompt') kiro?.stop('login-prompt', true);
      options.onEvent?.(event);
    },
  });
  kiro = startKiro({
    cliPath: options.cliPath,
    args,
    cwd: options.cwd,
    env,
    stdinText: promptViaStdin ? options.prompt : undefined,
    timeoutMs: options.timeoutMs,
    stallTimeoutMs: options.stallTimeoutMs,
    graceMs: options.graceMs,
    onStdout: (chunk) => parser.push(chunk),
    onStderr: (chunk) => stderr.push(chunk),
  });
  const onAbort = (): void => kiro?.stop(cancelReason(options.signal));
  options.signal?.addEventListener('abort', onAbort, {once: true});
  const exit = await kiro.done.finally(() => options.signal?.removeEventListener('abort', onAbort));

  const transcript = parser.endSpooled();
  keepTexts({messages: transcript.messages, transcript: transcript.transcript});
  const facts = stderr.end();
  const verdict = classify({
    spawnErrorCode: exit.spawnErrorCode,
    exitCode: exit.exitCode,
    signal: exit.signal,
    stopReason: exit.stopReason,
    stderr: facts,
    stdout: {loginPrompt: transcript.loginPrompt, usageLimit: transcript.usageLimit},
    requestedAgent: agent ?? null,
    apiKeySet: Boolean(env.KIRO_API_KEY),
    cliPath: options.cliPath,
  });
  return {
    schemaVersion: 1,
    ok: verdict.outcome === 'completed',
    outcome: verdict.outcome,
    message: verdict.message,
    text: '',
    messages: [],
    transcript: null,
    toolCalls: transcript.toolCalls,
    deniedTools: facts.deniedTools,
    credits: facts.credits,
    kiroTimeMs: facts.kiroTimeMs,
    durationMs: 0,
    exitCode: exit.exitCode,
    signal: exit.signal,
    sessionId: null,
    resumed: null,
    model: options.model ?? null,
    agent: agent ?? null,
    warnings: facts.warnings.map((line) => redact(line, secrets)),
    stderrTail: redact(stderr.tail(), secrets),
    command: displayCommand(options.cliPath, args, promptViaStdin).map((arg) => redact(arg, secrets)),
    ...(profilePath && options.keepProfile ? {profilePath} : {}),
  };
}
