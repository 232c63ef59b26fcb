import type {Settings} from '../config/settings.js';
import {writeChunk} from '../engine/process/text-spool.js';
import {exitCodeFor} from '../exit-codes.js';
import {prepareOutputFile} from '../fs/output-file.js';
import {checkTempDirectory} from '../fs/temp-dir.js';
import {writeAskJson, writeAskJsonLine} from '../output/ask-json-stream.js';
import {formatAskText} from '../output/ask-text.js';
import {deliverReport, settleExitCode} from '../output/report-destination.js';
import type {OutStream, Streams} from '../output/streams.js';
import {errorLabel, paint} from '../output/terminal.js';
import type {SpooledAsk} from './ask.js';
import {answerForJunit, renderAskJunit} from './junit.js';
import type {AskResult} from './result.js';

/** How a turn's result is shown: the format on stdout, the JUnit file, and what decides the exit code. */
export interface AskRenderOptions {
  output: Settings['output'];
  junitFile?: string | undefined;
  /** Names the JUnit testcase. */
  prompt: string;
  /** MCP servers were asked for: text output then keeps kiro-cli's "MCP functionality disabled" warning. */
  usesMcp: boolean;
  cliPath: string;
  /** The signal that cancelled the run, if one did: it decides between exit 130 and 143. */
  cancelledBy: 'SIGINT' | 'SIGTERM' | null;
  /** Read for colour (`NO_COLOR`, `FORCE_COLOR`, `TERM`) and for whether `KIRO_API_KEY` is set. */
  env: NodeJS.ProcessEnv;
  /** Text mode: the answer already reached stdout as it arrived (a terminal), so it is not printed again. */
  answerStreamed?: boolean | undefined;
}

/** Where a result goes: the document or answer on stdout, diagnostics on stderr. */
export type AskStreams = Pick<Streams, 'stdout' | 'stderr'>;

/** The render options resolved settings give, for the prompt of the turn. */
export function askRenderOptions(
  settings: Pick<Settings, 'output' | 'junitFile' | 'mcpConfig' | 'cliPath'>,
  prompt: string,
): Omit<AskRenderOptions, 'cancelledBy' | 'env'> {
  const {output, junitFile, cliPath} = settings;
  return {output, junitFile, cliPath, prompt, usesMcp: settings.mcpConfig !== undefined};
}

/** Checked before the turn spends credits: the JUnit file can be written, and spools have a TMPDIR. */
export function checkAskOutput(junitFile: string | undefined): void {
  if (junitFile !== undefined) prepareOutputFile(junitFile, `--junit-file ${junitFile}`);
  checkTempDirectory();
}

/**
 * Write a turn's result in the chosen format (JSON document, its one-line form that ends a `stream-json`
 * output, text answer with a summary on stderr, or JUnit) and the JUnit file if one is wanted; returns the exit
 * code. The report file is written before anything is printed, so a failure to write it is reported on stderr
 * without a second document ever reaching stdout.
 */
export async function renderAsk(
  spooled: SpooledAsk,
  options: AskRenderOptions,
  {stdout, stderr}: AskStreams,
): Promise<number> {
  const {result} = spooled;
  const mode = options.output;
  const forms = {
    text: () => (stdout: OutStream) =>
      options.answerStreamed ? Promise.resolve() : writeAnswer(spooled, stdout),
    json: () => (stdout: OutStream) => writeAskJson(stdout, result, spooled.texts),
    jsonLine: () => (stdout: OutStream) => writeAskJsonLine(stdout, result, spooled.texts),
    junit: () => renderAskJunit(answerForJunit(spooled), options.prompt),
  };
  const to = {stdout, stderr, env: options.env};
  const fileError = await deliverReport(forms, {...to, output: mode, junitFile: options.junitFile});
  const colours = paint(stderr, options.env);
  if (mode === 'text') {
    const context = {apiKeySet: Boolean(options.env.KIRO_API_KEY), cliPath: options.cliPath, paint: colours};
    stderr.write(formatAskText(quietFor(result, options.usesMcp), context).stderr);
  } else if (!result.ok) {
    stderr.write(`${errorLabel(colours)} ${result.message}\n`);
  }
  if (result.profilePath) stderr.write(`kept agent profile: ${result.profilePath}\n`);
  return settleExitCode(exitCodeFor(result.outcome, options.cancelledBy), fileError, to);
}

/** Text mode's stdout: the final answer, streamed (it can be larger than one string). */
async function writeAnswer({result, texts}: SpooledAsk, stdout: OutStream): Promise<void> {
  const last = texts.messages.at(-1);
  if (result.outcome !== 'completed' && !last?.length) return;
  await last?.writeTo(stdout);
  await writeChunk(stdout, '\n');
}

/**
 * Under an API key kiro-cli prints "MCP functionality disabled" on every run; a person reading text output
 * only needs it when they asked for MCP servers. JSON and JUnit keep every warning.
 */
function quietFor(result: AskResult, usesMcp: boolean): AskResult {
  if (usesMcp) return result;
  return {...result, warnings: result.warnings.filter((w) => !w.includes('MCP functionality disabled'))};
}
