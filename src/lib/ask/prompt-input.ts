import {UsageError} from '../errors.js';
import {readTextFile, readTextStream} from '../fs/read-text.js';

/** Where the prompt of `ask` may come from. */
export interface PromptSources {
  /** The positional argument; `-` means stdin. */
  arg?: string | undefined;
  /** `--prompt-file FILE` */
  file?: string | undefined;
  stdin: NodeJS.ReadableStream & {isTTY?: boolean};
}

/** Read the prompt from exactly one source; an empty or ambiguous prompt is a usage error. */
export async function readPrompt(sources: PromptSources): Promise<string> {
  const {arg, file, stdin} = sources;
  if (arg !== undefined && file !== undefined) {
    throw new UsageError('Give the prompt either as an argument or with --prompt-file, not both.');
  }
  let prompt: string;
  if (file !== undefined) {
    prompt = await readTextFile(file, `--prompt-file ${file}`);
    if (prompt.trim() === '') throw new UsageError(`--prompt-file ${file} is empty.`);
    return prompt;
  }
  if (arg !== undefined && arg !== '-') {
    if (arg.trim() === '') throw new UsageError('The prompt is empty.');
    return arg;
  }
  if (stdin.isTTY) {
    throw new UsageError('No prompt: give it as an argument, pipe it on stdin, or use --prompt-file FILE.', [
      'kiro-x ask "Summarise README.md"',
    ]);
  }
  prompt = await readTextStream(stdin, 'The prompt read from stdin');
  if (prompt.trim() === '') throw new UsageError('The prompt read from stdin is empty.');
  return prompt;
}
