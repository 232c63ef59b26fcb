import {resolveBatchOptions, type BatchInput} from '../lib/batch/options.js';
import {runBatchFile} from '../lib/batch/run-batch-file.js';
import {batchProgress} from './batch-progress.js';
import {processIo, type CommandIo} from './command-io.js';
import {givenFlags} from './shared-flags.js';
import {trapSignals} from './signals.js';

/** The flags of `kiro-x batch` as oclif parses them; the setting flags pass through by name. */
export interface BatchFlags extends Record<string, unknown> {
  format?: string | undefined;
  shard?: string | undefined;
  resume?: boolean | undefined;
  'retry-failed'?: boolean | undefined;
  config?: string | undefined;
}

/** The batch's resolver input from its FILE argument and flags. */
export function batchInput(file: string, flags: BatchFlags, io: Pick<CommandIo, 'env' | 'cwd'>): BatchInput {
  return {
    flags: givenFlags(flags),
    env: io.env,
    cwd: io.cwd,
    configPath: flags.config,
    file,
    format: flags.format,
    shard: flags.shard,
    resume: flags.resume,
    retryFailed: flags['retry-failed'],
  };
}

/** `kiro-x batch FILE`: flags to options, progress on stderr, the summary on stdout; returns the exit code. */
export async function runBatchCommand(
  file: string,
  flags: BatchFlags,
  io: CommandIo = processIo(),
): Promise<number> {
  const options = await resolveBatchOptions(batchInput(file, flags, io));
  const progress = (ids: readonly string[]) => batchProgress(io.stderr, ids, io.env);
  return runBatchFile(options, {...io, interrupts: trapSignals, progress});
}
