import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import type {Harness} from '../engine/harness.js';
import {AgentNotFoundError} from '../errors.js';
import {fsReason} from '../fs/path-problem.js';
import {decodeUtf8} from '../fs/utf8.js';
import {inspectAgent, rejectionReasons} from './agent-fields.js';
import {agentSearchDirs, assertAgentName} from './agent-paths.js';
import {PROFILE_PREFIX} from './temp-profile.js';

/** A named agent as kiro-cli would load it. */
export interface FoundAgent {
  name: string;
  path: string;
  json: Record<string, unknown>;
  /** The file name (without `.json`) differs from `name`: legal, but easy to get wrong. */
  fileNameDiffers: boolean;
  /** Other files of the same directory declaring the same name; kiro-cli keeps one of them, unpredictably. */
  duplicates: string[];
}

/** How `--agent NAME` resolves: to a file, to a file kiro-cli would reject (so it falls back), or to nothing. */
export type AgentLookup =
  | {status: 'found'; agent: FoundAgent}
  | {status: 'rejected'; path: string; reasons: string[]}
  | {status: 'missing'; dirs: string[]; misnamed: {path: string; declared: string}[]};

/** One `*.json` of an agents directory, read and judged like kiro-cli's parser would. */
interface AgentFile {
  path: string;
  stem: string;
  json: Record<string, unknown> | null;
  /** The name kiro-cli would register it under (V3 falls back to the file name), or null. */
  declared: string | null;
  /** Why kiro-cli would skip the file; empty when it loads. */
  reasons: string[];
}

async function readAgentFile(file: string, harness: Harness | undefined): Promise<AgentFile> {
  const stem = path.basename(file, '.json');
  const judged = (json: Record<string, unknown> | null, reasons: string[]): AgentFile => {
    const named = typeof json?.name === 'string' ? json.name : null;
    return {path: file, stem, json, declared: named ?? (harness === 'v3' ? stem : null), reasons};
  };
  let text: string;
  try {
    text = decodeUtf8(await readFile(file), 'the file');
  } catch (error) {
    // kiro-cli's JSON parser rejects bytes that are not UTF-8 as it rejects any other broken file.
    const code = (error as NodeJS.ErrnoException).code;
    const why = code ? `cannot be read: ${fsReason(error, file, 'read')}` : (error as Error).message;
    return judged(null, [why.replace(/\.$/, '')]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return judged(null, [`not valid JSON: ${(error as Error).message}`]);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return judged(null, ['not a JSON object']);
  }
  const object = json as Record<string, unknown>;
  return judged(object, rejectionReasons(inspectAgent(object, harness), harness));
}

// Every *.json of a directory, in name order; a missing directory holds none.
async function readAgentDir(dir: string, harness: Harness | undefined): Promise<AgentFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return Promise.all(names.map((n) => readAgentFile(path.join(dir, n), harness)));
}

/**
 * Resolve `--agent NAME` exactly as kiro-cli does: by the `name` field inside each `*.json` (never the file
 * name), the workspace's `.kiro/agents` before `$KIRO_HOME/agents` (the workspace skipped when the cwd is the
 * home directory), files the parser rejects left out. The harness decides which keys are legal (V2 by default).
 */
export async function lookupAgent(
  name: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  harness?: Harness,
): Promise<AgentLookup> {
  assertAgentName(name);
  const dirs = agentSearchDirs(cwd, env);
  const listed = await Promise.all(dirs.map((dir) => readAgentDir(dir, harness)));
  for (const files of listed) {
    const loadable = files.filter((f) => f.json !== null && f.reasons.length === 0 && f.declared === name);
    const [chosen, ...others] = loadable;
    if (chosen?.json) {
      const agent: FoundAgent = {
        name,
        path: chosen.path,
        json: chosen.json,
        fileNameDiffers: chosen.stem !== name,
        duplicates: others.map((f) => f.path),
      };
      return {status: 'found', agent};
    }
  }
  // Nothing loads under that name: point at the file the user most likely meant, if kiro-cli rejects it.
  const all = listed.flat();
  const rejected =
    all.find((f) => f.reasons.length > 0 && f.declared === name) ??
    all.find((f) => f.reasons.length > 0 && f.stem === name);
  if (rejected) return {status: 'rejected', path: rejected.path, reasons: rejected.reasons};
  const misnamed = all
    .filter((f) => f.stem === name && f.declared !== null && f.declared !== name)
    .map((f) => ({path: f.path, declared: f.declared as string}));
  return {status: 'missing', dirs, misnamed};
}

/**
 * Agent files kiro-cli would reject, with why: it prints `Error: Json supplied at <path> is invalid` for each of
 * them on every run, whichever agent runs. kiro-x's own profiles are left out (one may be half-written now).
 */
export async function rejectedAgentFiles(
  cwd: string,
  env: NodeJS.ProcessEnv,
  harness?: Harness,
): Promise<{path: string; reasons: string[]}[]> {
  const listed = await Promise.all(agentSearchDirs(cwd, env).map((dir) => readAgentDir(dir, harness)));
  return listed
    .flat()
    .filter((f) => f.reasons.length > 0 && !f.stem.startsWith(PROFILE_PREFIX))
    .map((f) => ({path: f.path, reasons: f.reasons}));
}

/** The sentence for an agent kiro-cli would not find or would reject, naming the file and the reason. */
export function describeLookup(name: string, lookup: Exclude<AgentLookup, {status: 'found'}>): string {
  if (lookup.status === 'rejected') {
    return `kiro-cli would reject the agent file ${lookup.path} and fall back to its default agent: ${lookup.reasons.join('; ')}.`;
  }
  const misnamed = lookup.misnamed
    .map((m) => ` ${m.path} declares "name": "${m.declared}" (kiro-cli matches the name inside the file).`)
    .join('');
  return `No agent named "${name}" in ${lookup.dirs.join(' or ')}.${misnamed}`;
}

/** Like lookupAgent, but an agent kiro-cli would not load is an error (exit 4) saying which file and why. */
export async function requireAgent(
  name: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  harness?: Harness,
): Promise<FoundAgent> {
  const lookup = await lookupAgent(name, cwd, env, harness);
  if (lookup.status === 'found') return lookup.agent;
  throw new AgentNotFoundError(describeLookup(name, lookup), [
    lookup.status === 'rejected'
      ? 'Fix the file, or run kiro-x doctor --agent NAME.'
      : 'Check the name, or run kiro-x doctor --agent NAME.',
  ]);
}
