import type {OutputFormat} from '../config/kinds.js';
import {exitCodeFor} from '../exit-codes.js';
import {writeReport} from '../fs/write-report.js';
import type {OutStream, Streams} from './streams.js';
import {errorLabel, paint} from './terminal.js';

/** One form of a result: its text, or a function that streams it (an answer can be larger than one string). */
export type ReportBody = string | ((stdout: OutStream) => Promise<void>);

/** A result in each form it can take; only the forms the destination asks for are produced. */
export interface ReportForms {
  text: () => ReportBody | Promise<ReportBody>;
  json: () => ReportBody | Promise<ReportBody>;
  /**
   * The one-line form that ends a `stream-json` output; a result without one (doctor) prints its text there.
   */
  jsonLine?: (() => ReportBody | Promise<ReportBody>) | undefined;
  /** Also what `junitFile` receives, so always whole. */
  junit: () => string | Promise<string>;
}

/** Where a result goes: one document on stdout in `output`'s format, and a JUnit copy in `junitFile`. */
export interface ReportDestination extends Streams {
  output: OutputFormat;
  junitFile?: string | undefined;
}

/** A value as the JSON document commands print: indented, one trailing newline. */
export function jsonDocument(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function write(stream: OutStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error?: Error | null) => (error ? reject(error) : resolve()));
  });
}

/**
 * A reader that closes stdout early (`kiro-x … | head`) is not an error of the run: stop writing, print no
 * stack, and still exit with the run's own code.
 */
async function toStdout(stdout: OutStream, body: ReportBody): Promise<void> {
  try {
    await (typeof body === 'string' ? write(stdout, body) : body(stdout));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
  }
}

/** What stdout gets in a format: the JUnit text already rendered, or the form that format asks for. */
function bodyFor(forms: ReportForms, output: OutputFormat, junit: string): ReportBody | Promise<ReportBody> {
  if (output === 'junit') return junit;
  if (output === 'json') return forms.json();
  if (output === 'stream-json' && forms.jsonLine) return forms.jsonLine();
  return forms.text();
}

/**
 * Deliver a result: the JUnit file first, so a failure to write it is said on stderr without a second document
 * ever reaching stdout, then the one document on stdout. Returns why the JUnit file could not be written, or null.
 */
export async function deliverReport(forms: ReportForms, to: ReportDestination): Promise<string | null> {
  const junit = to.output === 'junit' || to.junitFile !== undefined ? await forms.junit() : '';
  let fileError: string | null = null;
  if (to.junitFile !== undefined) {
    fileError = await writeReport(to.junitFile, junit).then(
      () => null,
      (error: Error) => error.message,
    );
  }
  const body = await bodyFor(forms, to.output, junit);
  await toStdout(to.stdout, body);
  return fileError;
}

/**
 * The exit code once the report is out: a JUnit file that could not be written is said on stderr and turns a
 * run that passed into a usage error, since CI would otherwise read a missing report as nothing to see.
 */
export function settleExitCode(code: number, fileError: string | null, to: Streams): number {
  if (fileError === null) return code;
  to.stderr.write(`${errorLabel(paint(to.stderr, to.env))} ${fileError}\n`);
  return code === 0 ? exitCodeFor('usage_error') : code;
}
