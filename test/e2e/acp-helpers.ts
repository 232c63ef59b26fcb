import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect} from 'vitest';
import type {AskResult} from '../../src/lib/ask/result.js';
import {validateAskResult} from '../helpers/validate.js';
import {records, runKiroX, type RunOptions, type RunResult, type World} from './harness.js';

/** What the simulator records of one `kiro-cli acp` process. */
export interface AcpRecord {
  argv: string[];
  pid: number;
  pgid: number | null;
  grandchildPid: number | null;
  sessionId: string | null;
  prompt: string | null;
  endedAt: number | null;
  toolCalls: Array<{tool: string; arg: string; status: string}>;
}

/** The world's `kiro-cli acp` processes, oldest first (version probes and whoami left out). */
export const acpRecords = (world: World): AcpRecord[] =>
  (records(world) as unknown as AcpRecord[]).filter((r) => r.argv.includes('acp'));

/** `kiro-x ask --engine acp …` through the built CLI. */
export function askAcp(args: string[], options: RunOptions): Promise<RunResult> {
  return runKiroX(['ask', '--engine', 'acp', ...args], options);
}

/** The `--json` document of a run, checked against the schema first. */
export function jsonDocument(run: RunResult): AskResult {
  const doc = JSON.parse(run.stdout) as AskResult;
  expect(validateAskResult(doc)).toEqual({valid: true, errors: []});
  return doc;
}

/** A kiro-cli login in the world (`sim-login.json`), for the runs without `KIRO_API_KEY`. */
export function loginFile(world: World, login: Record<string, unknown>): void {
  const dir = path.join(world.home, '.local', 'share', 'kiro-cli');
  mkdirSync(dir, {recursive: true});
  writeFileSync(path.join(dir, 'sim-login.json'), JSON.stringify(login));
}

/** The V2 session store of the world. */
export const storeDir = (world: World): string => path.join(world.kiroHome, 'sessions', 'cli');
