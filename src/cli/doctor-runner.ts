import {stat} from 'node:fs/promises';
import path from 'node:path';
import {resolveDoctorSettings} from '../lib/doctor/doctor-settings.js';
import {doctorToJunit} from '../lib/doctor/render-junit.js';
import {renderDoctorText} from '../lib/doctor/render-text.js';
import {runDoctor} from '../lib/doctor/run-doctor.js';
import type {DoctorResult} from '../lib/doctor/types.js';
import {parseDuration} from '../lib/duration.js';
import {UsageError} from '../lib/errors.js';
import {prepareOutputFile} from '../lib/fs/output-file.js';
import {renderJunit} from '../lib/output/junit.js';
import {paint} from '../lib/output/terminal.js';
import {givenFlags} from './shared-flags.js';
import {trapSignals} from './signals.js';
import {writeReport} from '../lib/fs/write-report.js';

/** The flags doctor reads itself rather than through the settings resolver. */
const OWN_FLAGS = new Set(['check-timeout', 'config', 'probe']);

/** JUnit report of a doctor run. */
export function renderDoctorJunit(result: DoctorResult): string {
  return renderJunit([doctorToJunit(result)], {name: 'kiro-x doctor'});
}

/** Resolve settings (a broken config is a finding, not an error), run every check, render; returns the exit code. */
export async function runDoctorCommand(flags: Record<string, unknown>): Promise<number> {
  const settingFlags = Object.fromEntries(Object.entries(flags).filter(([name]) => !OWN_FLAGS.has(name)));
  const {settings, config} = await resolveDoctorSettings({
    flags: givenFlags(settingFlags),
    env: process.env,
    cwd: process.cwd(),
    configPath: flags.config as string | undefined,
  });
  const checkTimeoutMs =
    flags['check-timeout'] === undefined
      ? undefined
      : parseDuration(flags['check-timeout'] as string, '--check-timeout');
  if (settings.junitFile !== undefined)
    prepareOutputFile(settings.junitFile, `--junit-file ${settings.junitFile}`);
  const cwd = path.resolve(settings.cwd ?? process.cwd());
  if (!(await stat(cwd).catch(() => null))?.isDirectory())
    throw new UsageError(`--cwd ${cwd} is not a directory.`);
  const cancellation = trapSignals();
  let result: DoctorResult;
  try {
    result = await runDoctor({
      cliPath: settings.cliPath,
      cwd,
      env: process.env,
      agent: settings.agent,
      model: settings.model,
      harness: settings.harness,
      mcpConfig: settings.mcpConfig,
      config,
      checkTimeoutMs,
      strict: settings.strict,
      probe: flags.probe === true,
      signal: cancellation.signal,
    });
  } finally {
    cancellation.dispose();
  }
  const mode = settings.output;
  const junit = mode === 'junit' || settings.junitFile !== undefined ? renderDoctorJunit(result) : '';
  if (settings.junitFile !== undefined) await writeReport(settings.junitFile, junit);
  if (mode === 'json') process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (mode === 'junit') process.stdout.write(junit);
  else process.stdout.write(renderDoctorText(result, paint(process.stdout, process.env)));
  if (cancellation.received) return cancellation.received === 'SIGTERM' ? 143 : 130;
  return result.ok ? 0 : 1;
}
