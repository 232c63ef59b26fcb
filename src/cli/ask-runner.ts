import {askSpooled, type SpooledAsk} from '../lib/ask/ask.js';
import {exitCodeFor} from '../lib/exit-codes.js';
import {writeChunk} from '../lib/engine/process/text-spool.js';
import {prepareOutputFile} from '../lib/fs/output-file.js';
import {checkTempDirectory} from '../lib/fs/temp-dir.js';
import {writeAskJson} from '../lib/output/ask-json-stream.js';
import {formatAskText} from '../lib/output/ask-text.js';
import {errorLabel, paint} from '../lib/output/terminal.js';
import {oneLine} from '../lib/output/shorten.js';
import {readPrompt} from '../lib/ask/prompt-input.js';
import {assertSessionId} from '../lib/sessions/ids.js';
import {askOptionsFromSettings} from '../lib/ask/from-settings.js';
import type {Settings} from '../lib/config/settings.js';
import type {AskResult} from '../lib/types.js';
import {turnProgress} from './progress.js';
import {cliSettings} from './shared-flags.js';
import {trapSignals} from './signals.js';
import {writeReport} from '../lib/fs/write-report.js';

/** What the `ask` command hands over: the raw argument and flags, nothing interpreted yet. */
export interface AskCommandInput {
  promptArg: string | undefined;
  promptFile: string | undefined;
  flags: Record<string, unknown>;
}

/** Longest answer copied into JUnit `<system-out>`; CI report viewers choke on more, and JSON has it all. */
const JUNIT_ANSWER_CHARS = 1024 * 1024;

/** JUnit report of one ask result, the testcase named after the prompt (loaded only when JUnit is wanted). */
export async function renderAskJunit(result: AskResult, prompt: string): Promise<string> {
  const [{askResultToJunit}, {renderJunit}] = await Promise.all([
    import('../lib/output/ask-junit.js'),
    import('../lib/output/junit.js'),
  ]);
  return renderJunit([askResultToJunit(result, {name: oneLine(prompt, 80) || 'kiro-x ask'})]);
}

/** The answer as JUnit carries it: whole up to a size, else its start and a note saying how much was left out. */
function answerForJunit({result, texts}: SpooledAsk): AskResult {
  const last = texts.messages.at(-1);
  if (!last) return result;
  const cut = last.length - JUNIT_ANSWER_CHARS;
  const note = cut > 0 ? `\n[… ${cut} more characters: the whole answer is in the --json output]` : '';
  return {...result, text: last.head(JUNIT_ANSWER_CHARS) + note};
}

/** Text mode's stdout: the final answer, streamed (it can be larger than one string). */
async function writeAnswer({result, texts}: SpooledAsk): Promise<void> {
  const last = texts.messages.at(-1);
  if (result.outcome !== 'completed' && !last?.length) return;
  await last?.writeTo(process.stdout);
  await writeChunk(process.stdout, '\n');
}

/**
 * Under an API key kiro-cli prints "MCP functionality disabled" on every run; a person reading text output
 * only needs it when they asked for MCP servers. JSON and JUnit keep every warning.
 */
function quietFor(result: AskResult, usesMcp: boolean): AskResult {
  if (usesMcp) return result;
  return {...result, warnings: result.warnings.filter((w) => !w.includes('MCP functionality disabled'))};
}

/** Resolve settings, run the turn, render it in the chosen format; returns the process exit code. */
export async function runAsk(input: AskCommandInput): Promise<number> {
  // Checked first: an id reaches kiro-cli's argv, so only a session id may pass.
  const resumeId = input.flags['resume-id'] as string | undefined;
  if (resumeId !== undefined) assertSessionId(resumeId, '--resume-id');
  const {settings} = await cliSettings(input.flags);
  // Checked before the turn spends credits, not when the report is written after it.
  if (settings.junitFile !== undefined)
    prepareOutputFile(settings.junitFile, `--junit-file ${settings.junitFile}`);
  checkTempDirectory();
  const prompt = await readPrompt({arg: input.promptArg, file: input.promptFile, stdin: process.stdin});
  const mode = settings.output;
  const cancellation = trapSignals();
  const progress = mode === 'text' ? turnProgress(process.stderr, 'kiro-cli') : undefined;
  let spooled: SpooledAsk;
  try {
    const options = await askOptionsFromSettings(settings, prompt, {
      keepTranscript: mode !== 'text',
      signal: cancellation.signal,
      onEvent: progress ? (event) => progress.onEvent(event) : undefined,
      resume: input.flags.resume === true,
      resumeId,
      detectSessionId: !settings.noSessionId,
    });
    spooled = await askSpooled(options);
  } finally {
    progress?.stop();
    cancellation.dispose();
  }
  try {
    return await render(spooled, prompt, settings, cancellation.received);
  } finally {
    spooled.dispose();
  }
}

/**
 * A reader that closes stdout early (`kiro-x ask … | head`) is not an error of the turn: stop writing, print
 * no stack, and still exit with the turn's own code.
 */
async function toStdout(write: () => Promise<unknown> | unknown): Promise<void> {
  try {
    await write();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
  }
}

async function render(
  spooled: SpooledAsk,
  prompt: string,
  settings: Pick<Settings, 'output' | 'junitFile' | 'mcpConfig' | 'cliPath'>,
  cancelledBy: 'SIGINT' | 'SIGTERM' | null,
): Promise<number> {
  const {result} = spooled;
  const mode = settings.output;
  const junit =
    mode === 'junit' || settings.junitFile !== undefined
      ? await renderAskJunit(answerForJunit(spooled), prompt)
      : '';
  // The report file is written before anything is printed, so a failure to write it is reported on stderr
  // without a second document ever reaching stdout.
  let reportError: string | null = null;
  if (settings.junitFile !== undefined) {
    reportError = await writeReport(settings.junitFile, junit).then(
      () => null,
      (error: Error) => error.message,
    );
  }
  if (mode === 'json') await toStdout(() => writeAskJson(process.stdout, result, spooled.texts));
  else if (mode === 'junit') await toStdout(() => writeChunk(process.stdout, junit));
  const colours = paint(process.stderr, process.env);
  if (mode === 'text') {
    await toStdout(() => writeAnswer(spooled));
    const context = {apiKeySet: Boolean(process.env.KIRO_API_KEY), cliPath: settings.cliPath, paint: colours};
    process.stderr.write(formatAskText(quietFor(result, settings.mcpConfig !== undefined), context).stderr);
  } else if (!result.ok) {
    process.stderr.write(`${errorLabel(colours)} ${result.message}\n`);
  }
  if (result.profilePath) process.stderr.write(`kept agent profile: ${result.profilePath}\n`);
  const code = exitCodeFor(result.outcome, cancelledBy);
  if (reportError === null) return code;
  process.stderr.write(`${errorLabel(colours)} ${reportError}\n`);
  return code === 0 ? exitCodeFor('usage_error') : code;
}
