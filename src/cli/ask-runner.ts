import {ask} from '../lib/ask.js';
import {resolveSettings} from '../lib/config/resolve.js';
import {exitCodeFor} from '../lib/exit-codes.js';
import {askResultToJunit} from '../lib/output/ask-junit.js';
import {formatAskText} from '../lib/output/ask-text.js';
import {renderJunit} from '../lib/output/junit.js';
import {oneLine} from '../lib/output/shorten.js';
import {readPrompt} from '../lib/prompt-input.js';
import {assertUuid} from '../lib/sessions/uuid.js';
import {askOptionsFromSettings} from '../lib/settings-to-options.js';
import type {AskResult} from '../lib/types.js';
import {turnProgress} from './progress.js';
import {givenFlags} from './shared-flags.js';
import {trapSignals} from './signals.js';
import {writeReport} from './write-report.js';

/** What the `ask` command hands over: the raw argument and flags, nothing interpreted yet. */
export interface AskCommandInput {
  promptArg: string | undefined;
  promptFile: string | undefined;
  flags: Record<string, unknown>;
}

/** JUnit report of one ask result, the testcase named after the prompt. */
export function renderAskJunit(result: AskResult, prompt: string): string {
  return renderJunit([askResultToJunit(result, {name: oneLine(prompt, 80) || 'kiro-x ask'})]);
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
  // Checked first: an id reaches kiro-cli's argv, so only a UUID may pass.
  const resumeId = input.flags['resume-id'] as string | undefined;
  if (resumeId !== undefined) assertUuid(resumeId, '--resume-id');
  const {settings} = await resolveSettings({
    flags: givenFlags(input.flags),
    env: process.env,
    cwd: process.cwd(),
    configPath: (input.flags.config as string | undefined) ?? process.env.KIRO_X_CONFIG,
  });
  const prompt = await readPrompt({arg: input.promptArg, file: input.promptFile, stdin: process.stdin});
  const mode = settings.output;
  const cancellation = trapSignals();
  const progress = mode === 'text' ? turnProgress(process.stderr, 'kiro-cli') : undefined;
  let result: AskResult;
  try {
    const options = await askOptionsFromSettings(settings, prompt, {
      keepTranscript: mode !== 'text',
      signal: cancellation.signal,
      onEvent: progress ? (event) => progress.onEvent(event) : undefined,
      resume: input.flags.resume === true,
      resumeId,
      detectSessionId: !settings.noSessionId,
    });
    result = await ask(options);
  } finally {
    progress?.stop();
    cancellation.dispose();
  }

  const junit = mode === 'junit' || settings.junitFile !== undefined ? renderAskJunit(result, prompt) : '';
  // The report file is written before anything is printed, so a failure to write it is reported on stderr
  // without a second document ever reaching stdout.
  let reportError: string | null = null;
  if (settings.junitFile !== undefined) {
    reportError = await writeReport(settings.junitFile, junit).then(
      () => null,
      (error: Error) => error.message,
    );
  }
  if (mode === 'json') process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (mode === 'junit') process.stdout.write(junit);
  if (mode === 'text') {
    const text = formatAskText(quietFor(result, settings.mcpConfig !== undefined));
    process.stdout.write(text.stdout);
    process.stderr.write(text.stderr);
  } else if (!result.ok) {
    process.stderr.write(`error: ${result.message}\n`);
  }
  if (result.profilePath) process.stderr.write(`kept agent profile: ${result.profilePath}\n`);
  const code = exitCodeFor(result.outcome, cancellation.received);
  if (reportError === null) return code;
  process.stderr.write(`error: ${reportError}\n`);
  return code === 0 ? exitCodeFor('usage_error') : code;
}
