import {exitCodeFor} from '../exit-codes.js';
import {prepareOutputFile} from '../fs/output-file.js';
import {deliverReport, jsonDocument, settleExitCode} from '../output/report-destination.js';
import type {InterruptSource, Streams} from '../output/streams.js';
import {paint} from '../output/terminal.js';
import type {DoctorRunOptions} from './options.js';
import {renderDoctorJunit} from './render-junit.js';
import {renderDoctorText} from './render-text.js';
import {runDoctor} from './run-doctor.js';
import type {DoctorResult} from './types.js';

/** Where doctor writes, and the front end's interrupts that end every check's kiro-cli at once. */
export interface DoctorIo extends Streams {
  interrupts?: InterruptSource | undefined;
}

/** The exit code of a doctor run: interrupted 130/143, else 0 when it passed, 1 when it did not. */
function exitCodeOf(result: DoctorResult, signal: AbortSignal | undefined): number {
  if (signal?.aborted) return exitCodeFor('cancelled', signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT');
  return result.ok ? 0 : 1;
}

/** `kiro-x doctor`: every check within its bound, the report on stdout (and `junitFile`); returns the exit code. */
export async function runDoctorReport(options: DoctorRunOptions, io: DoctorIo): Promise<number> {
  const {output, junitFile} = options;
  if (junitFile !== undefined) prepareOutputFile(junitFile, `--junit-file ${junitFile}`);
  const interrupts = io.interrupts?.();
  let result: DoctorResult;
  try {
    result = await runDoctor({...options, signal: interrupts?.signal});
  } finally {
    interrupts?.dispose();
  }
  const forms = {
    text: () => renderDoctorText(result, paint(io.stdout, io.env)),
    json: () => jsonDocument(result),
    junit: () => renderDoctorJunit(result),
  };
  const fileError = await deliverReport(forms, {...io, output, junitFile});
  return settleExitCode(exitCodeOf(result, interrupts?.signal), fileError, io);
}
