#!/usr/bin/env -S node --max-semi-space-size=4
// A 4 MB young generation (Node's default allows 48 MB) keeps a long stream of short-lived output lines from
// inflating memory; `env -S` passes the flag because a shebang line takes a single argument otherwise.
import {execute} from '@oclif/core';

await execute({dir: import.meta.url});
