import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';

import addFormatsModule from 'ajv-formats';
import {Ajv2020} from 'ajv/dist/2020.js';

import type {DoctorResult} from '../../src/lib/doctor/types.js';
import {REPO_ROOT} from '../helpers/validate.js';
import {runKiroX, type RunResult, type World} from './harness.js';

const addFormats = addFormatsModule.default;
/** Validate a document against a schema file of `schema/`, returning readable errors. */
export function validateAgainst(schemaFile: string, doc: unknown): string[] {
  const ajv = new Ajv2020({allErrors: true, strict: true});
  addFormats(ajv);
  const validate = ajv.compile(
    JSON.parse(readFileSync(path.join(REPO_ROOT, 'schema', schemaFile), 'utf8')) as object,
  );
  validate(doc);
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
}

/** Validate a `doctor --json` document against schema/doctor-result.schema.json. */
export function validateDoctor(doc: unknown): string[] {
  return validateAgainst('doctor-result.schema.json', doc);
}

/** A `doctor --json` run, parsed and schema-checked, with the checks by id. */
export interface DoctorRun {
  run: RunResult;
  doc: DoctorResult;
  check: (id: string) => {status: string; message: string; fix: string | null};
}

/** Run `kiro-x doctor --json ARGS` in the world. */
export async function doctorJson(world: World, args: string[] = []): Promise<DoctorRun> {
  const run = await runKiroX(['doctor', '--json', ...args], {world});
  if (run.stdout === '') throw new Error(`doctor printed nothing (exit ${run.code}): ${run.stderr}`);
  const doc = JSON.parse(run.stdout) as DoctorResult;
  const errors = validateDoctor(doc);
  if (errors.length > 0) throw new Error(`doctor --json does not match its schema: ${errors.join('; ')}`);
  const check = (id: string): {status: string; message: string; fix: string | null} => {
    const found = doc.checks.find((c) => c.id === id);
    if (!found) throw new Error(`no check ${id}`);
    return {status: found.status, message: found.message, fix: found.fix};
  };
  return {run, doc, check};
}

/** Log the simulator in with a login file (Builder ID or IAM Identity Center). */
export function simLogin(world: World, doc: Record<string, unknown>): void {
  const dir = path.join(world.home, '.local', 'share', 'kiro-cli');
  mkdirSync(dir, {recursive: true});
  writeFileSync(path.join(dir, 'sim-login.json'), JSON.stringify(doc));
}

/** Write an agent JSON (object or raw text) into the workspace or `$KIRO_HOME/agents`. */
export function writeAgent(
  world: World,
  name: string,
  json: unknown,
  where: 'workspace' | 'global' = 'workspace',
): string {
  const dir =
    where === 'workspace'
      ? path.join(world.workspace, '.kiro', 'agents')
      : path.join(world.kiroHome, 'agents');
  mkdirSync(dir, {recursive: true});
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json));
  return file;
}

/** The checks of a headless doctor run, in report order. */
export const CHECK_IDS = [
  'node',
  'kiro-cli',
  'harness',
  'api-key',
  'credential',
  'config',
  'agent',
  'model',
  'mcp',
  'profile-dir',
  'ci',
];
