import path from 'node:path';

import * as z from 'zod';

import {UsageError} from '../errors.js';
import {
  EFFORTS,
  EXCLUSIVE_GROUPS,
  HARNESS_NAMES,
  ENGINES,
  PERMISSION_MODES,
  OUTPUT_FORMATS,
  SETTING_NAMES,
  SETTINGS_KEYS,
  type SettingKind,
  type Settings,
  type SettingsLayer,
} from './settings.js';
import {isSessionId} from '../sessions/ids.js';
import {didYouMean} from './did-you-mean.js';
import {readDuration, regexProblem, resolveCommand, resolvePath, typeName} from './values.js';

function durationSchema(key: string, allowOff: boolean) {
  return z.union([z.number(), z.string()]).transform((value, ctx) => {
    const read = readDuration(value, key, allowOff);
    if (read.problem === null) return read.ms;
    ctx.addIssue({code: 'custom', message: read.problem});
    return z.NEVER;
  });
}

function kindSchema(key: string, kind: SettingKind): z.ZodType {
  switch (kind) {
    case 'string':
    case 'path':
    case 'directory':
    case 'command':
      return z.string().min(1);
    case 'effort':
      return z.enum(EFFORTS);
    case 'harness':
      return z.enum(HARNESS_NAMES);
    case 'engine':
      return z.enum(ENGINES);
    case 'permissionMode':
      return z.enum(PERMISSION_MODES);
    case 'output':
      return z.enum(OUTPUT_FORMATS);
    case 'sessionId':
      return z.string().refine(isSessionId);
    case 'boolean':
      return z.boolean();
    case 'toolList':
    case 'globList':
    case 'directoryList':
      return z.array(z.string().min(1));
    case 'regexList':
      return z.array(z.string().min(1)).superRefine((items, ctx) => {
        items.forEach((item, index) => {
          const problem = regexProblem(item);
          if (problem !== null) ctx.addIssue({code: 'custom', message: `${key}: ${problem}`, path: [index]});
        });
      });
    case 'duration':
    case 'durationOrOff':
      return durationSchema(key, kind === 'durationOrOff');
    case 'positiveInteger':
      return z.int().min(1);
    case 'nonNegativeInteger':
      return z.int().min(0);
    case 'positiveNumber':
      return z.number().positive();
  }
}

/** The config-file schema: every key optional, unknown keys rejected, durations parsed to ms. */
export const configSchema = z.strictObject(
  Object.fromEntries(SETTING_NAMES.map((key) => [key, kindSchema(key, SETTINGS_KEYS[key].kind).optional()])),
);

/**
 * Validates the contents of a config file into a settings layer, every problem reported at once. Relative
 * paths resolve against `baseDir` (the file's directory), so a config means the same from any cwd.
 */
export function parseConfigObject(
  raw: unknown,
  source: string,
  baseDir: string = path.dirname(source),
): SettingsLayer {
  const result = configSchema.safeParse(raw);
  const problems = result.success ? [] : result.error.issues.flatMap((issue) => describeIssue(issue, raw));
  if (typeof raw === 'object' && raw !== null) {
    for (const [a, b] of EXCLUSIVE_GROUPS) {
      if (a in raw && b in raw) problems.push(`${a} and ${b}: set only one of them`);
    }
  }
  if (!result.success || problems.length > 0) {
    const list = problems.map((problem) => `  - ${problem}`).join('\n');
    throw new UsageError(`Invalid configuration in ${source}:\n${list}`, [
      'Fix the file, or name another with --config / KIRO_X_CONFIG.',
    ]);
  }
  const layer: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(result.data)) {
    if (value === undefined) continue;
    const {kind} = SETTINGS_KEYS[key as keyof Settings];
    if (kind === 'path' || kind === 'directory') layer[key] = resolvePath(baseDir, value as string);
    else if (kind === 'command') layer[key] = resolveCommand(baseDir, value as string);
    else if (kind === 'directoryList')
      layer[key] = (value as string[]).map((dir) => resolvePath(baseDir, dir));
    else layer[key] = value;
  }
  return layer as SettingsLayer;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const near = didYouMean(key, SETTING_NAMES);
      return `${key}: unknown key${near === null ? '' : ` (did you mean "${near}"?)`}`;
    });
  }
  const [key, index] = issue.path;
  if (key === undefined) return [`expected an object of settings, got ${typeName(raw)}`];
  if (issue.code === 'custom') return [issue.message];
  const value = (raw as Record<string, unknown>)[String(key)];
  const expected = `${String(key)}: expected ${SETTINGS_KEYS[key as keyof Settings].type}`;
  if (typeof index === 'number' && Array.isArray(value)) {
    return [`${expected}, got ${shown(issue, value[index])} at index ${index}`];
  }
  return [`${expected}, got ${shown(issue, value)}`];
}

/** The value itself when it has the right type but is out of range; otherwise its type. */
function shown(issue: z.core.$ZodIssue, value: unknown): string {
  const rightType =
    issue.code === 'too_small' ||
    issue.code === 'invalid_value' ||
    (issue.code === 'invalid_type' && issue.expected === 'int' && typeof value === 'number');
  return rightType && value !== undefined ? JSON.stringify(value) : typeName(value);
}
