#!/usr/bin/env -S node --max-semi-space-size=4
// A 4 MB young generation (Node's default allows 48 MB) keeps a long stream of short-lived output lines from
// inflating memory; `env -S` passes the flag because a shebang line takes a single argument otherwise.
import {execute} from '../dist/oclif.js';

// A reader that closes the pipe early (`kiro-x … | head`) ends the output, not the run: writes report EPIPE to
// their callers, and the process-level error event must not turn it into a crash.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

await execute({dir: import.meta.url});
