#!/usr/bin/env -S node --max-semi-space-size=4
// A 4 MB young generation (Node's default allows 48 MB) keeps a long stream of short-lived output lines from
// inflating memory; `env -S` passes the flag because a shebang line takes a single argument otherwise.
import {existsSync, readFileSync} from 'node:fs';
import os from 'node:os';

/**
 * Windows' Linux, which oclif names "wsl" in the version line; the same signs its wsl-utils looks for, without
 * its container test: where one shows, oclif decides.
 */
function mightBeWsl() {
  if (process.platform !== 'linux') return false;
  if (os.release().toLowerCase().includes('microsoft')) return true;
  try {
    if (readFileSync('/proc/version', 'utf8').toLowerCase().includes('microsoft')) return true;
  } catch {
    // No /proc: the paths below decide.
  }
  return existsSync('/proc/sys/fs/binfmt_misc/WSLInterop') || existsSync('/run/WSL');
}

/**
 * The line `kiro-x --version` (also `-v`, and the `version` command alone) prints, as oclif builds it
 * (`kiro-x/0.1.0 linux-x64 node-v20.20.0`), or null when oclif should answer. Printing it here spares the
 * version, asked for by scripts and bug reports, the start of oclif: most of a run's start-up time.
 */
function versionLine(argv) {
  const first = argv[0];
  if (first !== 'version' && !first?.startsWith('-')) return null;
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const flags = ['--version', ...(pkg.oclif.additionalVersionFlags ?? [])];
  const asked = flags.includes(first) || (first === 'version' && argv.length === 1);
  if (!asked || mightBeWsl()) return null;
  const arch = os.arch() === 'ia32' ? 'x86' : os.arch();
  return `${pkg.name}/${pkg.version} ${process.platform}-${arch} node-${process.version}`;
}

// A reader that closes the pipe early (`kiro-x … | head`) ends the output, not the run: writes report EPIPE to
// their callers, and the process-level error event must not turn it into a crash.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

/**
 * Whether `kiro-x ask …` ran without oclif: a turn pays for start-up, and oclif's own start is most of it. The
 * module parses argv by oclif's manifest and declines, having done nothing, whenever oclif could behave
 * differently (help, a parse error, hooks…); `NODE_DEBUG=kiro-x` says which way it went.
 */
async function ranAskWithoutOclif(argv) {
  if (argv[0] !== 'ask') return false;
  const {runAskWithoutOclif} = await import('../dist/cli/fast-ask.js');
  return runAskWithoutOclif(argv.slice(1));
}

const argv = process.argv.slice(2);
const version = versionLine(argv);
if (version !== null) {
  process.stdout.write(`${version}\n`);
} else if (!(await ranAskWithoutOclif(argv))) {
  const {execute} = await import('../dist/oclif.js');
  await execute({dir: import.meta.url});
}
