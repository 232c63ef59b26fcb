import {askSpooled, type SpooledAsk} from '../lib/ask/ask.js';
import {askCommandOptions} from '../lib/ask/from-settings.js';
import {readPrompt} from '../lib/ask/prompt-input.js';
import {askRenderOptions, checkAskOutput, renderAsk} from '../lib/ask/render.js';
import {paint} from '../lib/output/terminal.js';
import {liveOutput, type LiveOutput} from './live-output.js';
import {permissionPrompter, type PermissionPrompter} from './permission-prompt.js';
import {askCliSettings} from './flag-settings.js';
import {trapSignals} from './signals.js';
import {terminalInput} from './terminal-input.js';

/** What the `ask` command hands over: the prompt argument and the parsed flags. */
export interface AskCommandInput {
  promptArg: string | undefined;
  promptFile: string | undefined;
  flags: Record<string, unknown>;
}

/** The process's side of a command: its directory and environment, where input and output go. */
export interface CommandIo {
  cwd: string;
  /** Read for `KIRO_X_*` settings, passed to kiro-cli, and read for colour. */
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & {isTTY?: boolean};
  stdout: NodeJS.WritableStream & {isTTY?: boolean};
  stderr: NodeJS.WriteStream;
}

const processIo = (): CommandIo => ({
  cwd: process.cwd(),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});

/**
 * `--permission-mode ask`'s questions, on stderr when a person can answer on a terminal; without one there is
 * no prompter and the engine denies what no trust flag covers.
 */
function terminalPrompter(io: CommandIo, live: LiveOutput): PermissionPrompter | null {
  if (io.stderr.isTTY !== true) return null;
  const terminal = terminalInput(io.stdin);
  if (terminal === null) return null;
  const prompter = permissionPrompter({
    input: terminal.input,
    output: io.stderr,
    paint: paint(io.stderr, io.env),
    onAsking: (asking) => live.pause(asking),
  });
  return {askUser: prompter.askUser, close: () => prompter.close().finally(() => terminal.release())};
}

/**
 * `kiro-x ask`: settings from flags, env and config, the prompt, one turn with signals trapped and its live
 * output (events, or the answer and progress on a terminal), then the result rendered; returns the exit code.
 */
export async function runAskCommand(input: AskCommandInput, io: CommandIo = processIo()): Promise<number> {
  const {settings} = await askCliSettings(input.flags, io.cwd, io.env);
  checkAskOutput(settings.junitFile);
  const prompt = await readPrompt({arg: input.promptArg, file: input.promptFile, stdin: io.stdin});
  const cancellation = trapSignals();
  const live = liveOutput(settings.output, io, settings.engine);
  const prompter =
    settings.permissionMode === 'ask' && settings.engine === 'acp' ? terminalPrompter(io, live) : null;
  let spooled: SpooledAsk;
  try {
    const run = {env: io.env, signal: cancellation.signal, onEvent: live.onEvent, askUser: prompter?.askUser};
    spooled = await askSpooled(await askCommandOptions(settings, prompt, run));
  } finally {
    await prompter?.close();
    // Signals stay trapped while the last events drain to a slow reader.
    await live.stop().finally(() => cancellation.dispose());
  }
  try {
    const render = {
      ...askRenderOptions(settings, prompt),
      cancelledBy: cancellation.received,
      env: io.env,
      answerStreamed: live.answerStreamed,
    };
    return await renderAsk(spooled, render, io);
  } finally {
    spooled.dispose();
  }
}
