import {redact} from '../../redact.js';
import type {KiroProcess} from '../process/kiro-process.js';
import {startKiro} from '../process/start-kiro.js';
import type {Engine, TurnInput, TurnOutput} from '../turn.js';
import {buildChatArgs, displayCommand, MAX_ARGV_PROMPT_BYTES, turnTrust} from './build-args.js';
import {classify} from './classify.js';
import {HeadlessEvents} from './headless-events.js';
import {StderrScanner} from './stderr-scanner.js';
import {TranscriptParser} from './transcript-parser.js';

/**
 * The headless engine: one `kiro-cli chat --no-interactive` process per turn, its stdout transcript and stderr
 * parsed as they stream, the turn classified from what they said and how the process ended.
 */
export const headlessEngine: Engine = {name: 'headless', runTurn};

async function runTurn(input: TurnInput): Promise<TurnOutput> {
  const promptViaStdin = Buffer.byteLength(input.prompt, 'utf8') > MAX_ARGV_PROMPT_BYTES;
  const args = buildChatArgs({
    prompt: input.prompt,
    promptViaStdin,
    trust: turnTrust(input.trust, input.allowedTools),
    harnessArgs: input.harnessArgs,
    model: input.model,
    effort: input.effort,
    agent: input.agent,
    resume: input.resume,
    resumeId: input.resumeId,
  });
  const events = new HeadlessEvents(input);
  const stderr = new StderrScanner({
    onWarning: (warning) => events.warning(warning),
    onTrailer: (trailer) => events.trailer(trailer),
  });
  // The parser's handler needs the process and the process needs the parser: the handler only runs once
  // output arrives, after `kiro` is assigned.
  // eslint-disable-next-line prefer-const
  let kiro: KiroProcess | undefined;
  const parser = new TranscriptParser({
    keepTranscript: input.keepTranscript,
    // Without the transcript only the answer is wanted: earlier messages are not kept either.
    messages: input.keepTranscript ? 'all' : 'last',
    emitMessages: events.live,
    onEvent: (event) => {
      // A device-code login on stdout means kiro-cli will wait forever for a browser: end it now.
      if (event.type === 'login-prompt') kiro?.stop('login-prompt', true);
      else events.transcript(event);
    },
  });
  events.start();
  kiro = startKiro({
    cliPath: input.cliPath,
    args,
    cwd: input.cwd,
    env: input.env,
    stdinText: promptViaStdin ? input.prompt : undefined,
    timeoutMs: input.timeoutMs,
    stallTimeoutMs: input.stallTimeoutMs,
    graceMs: input.graceMs,
    cancelSignal: input.signal,
    onStdout: (chunk) => parser.push(chunk),
    onStderr: (chunk) => stderr.push(chunk),
  });
  const exit = await kiro.done;

  const transcript = parser.endSpooled();
  const facts = stderr.end();
  const verdict = classify({
    spawnErrorCode: exit.spawnErrorCode,
    exitCode: exit.exitCode,
    signal: exit.signal,
    stopReason: exit.stopReason,
    stderr: facts,
    stdout: {loginPrompt: transcript.loginPrompt, usageLimit: transcript.usageLimit},
    requestedAgent: input.agent ?? null,
    apiKeySet: Boolean(input.env.KIRO_API_KEY),
    cliPath: input.cliPath,
  });
  const hide = (text: string): string => redact(text, input.secrets);
  const result = {
    schemaVersion: 1 as const,
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
    model: input.model ?? null,
    agent: input.agent ?? null,
    warnings: [...facts.warnings, ...events.notes].map(hide),
    stderrTail: hide(stderr.tail()),
    command: displayCommand(input.cliPath, args, promptViaStdin).map(hide),
    // kiro-cli decides headless by itself: no request reaches kiro-x.
    permissions: [],
  };
  return {result, texts: {messages: transcript.messages, transcript: transcript.transcript}};
}
