import {UsageError} from '../errors.js';
import {coerceValue} from './coerce.js';
import {
  EXCLUSIVE_GROUPS,
  RUN_SETTING_NAMES,
  SETTING_NAMES,
  SETTINGS_KEYS,
  type SettingsLayer,
} from './settings.js';

/** Settings given as flags (camelCase keys; undefined means not given; other keys are ignored). */
export function flagLayer(flags: Record<string, unknown>, cwd: string): SettingsLayer {
  const layer: Record<string, unknown> = {};
  const problems: string[] = [];
  const suggestions = new Set<string>();
  for (const key of [...SETTING_NAMES, ...RUN_SETTING_NAMES]) {
    const raw = flags[key];
    if (raw === undefined) continue;
    const result = coerceValue(SETTINGS_KEYS[key].kind, raw, SETTINGS_KEYS[key].flag ?? key, cwd);
    if (result.ok) layer[key] = result.value;
    else {
      problems.push(result.problem);
      if (result.suggestion !== undefined) suggestions.add(result.suggestion);
    }
  }
  for (const [a, b] of EXCLUSIVE_GROUPS) {
    if (a in layer && b in layer) {
      problems.push(
        `${SETTINGS_KEYS[a].flag ?? a} and ${SETTINGS_KEYS[b].flag ?? b} cannot be used together; choose one`,
      );
    }
  }
  throwProblems('Invalid flags', problems, [...suggestions]);
  return layer as SettingsLayer;
}

/**
 * Settings given as `KIRO_X_*` variables. An empty variable counts as unset (CI templates often render unset
 * values as ''), except a list, where '' is an explicit empty list: `KIRO_X_TRUST_TOOLS=` trusts nothing.
 */
export function envLayer(env: NodeJS.ProcessEnv, cwd: string): SettingsLayer {
  const layer: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const key of SETTING_NAMES) {
    const {env: name, kind} = SETTINGS_KEYS[key];
    const raw = name === null ? undefined : env[name];
    if (name === null || raw === undefined) continue;
    if (raw.trim() === '' && !kind.endsWith('List')) continue;
    const result = coerceValue(kind, raw, name, cwd);
    if (result.ok) layer[key] = result.value;
    else problems.push(result.problem);
  }
  for (const [a, b] of EXCLUSIVE_GROUPS) {
    if (a in layer && b in layer) {
      problems.push(`${SETTINGS_KEYS[a].env} and ${SETTINGS_KEYS[b].env} are both set; set only one`);
    }
  }
  throwProblems('Invalid environment variables', problems);
  return layer as SettingsLayer;
}

function throwProblems(header: string, problems: string[], suggestions: string[] = []): void {
  if (problems.length === 0) return;
  if (problems.length === 1) throw new UsageError(problems[0] as string, suggestions);
  const list = problems.map((problem) => `  - ${problem}`).join('\n');
  throw new UsageError(`${header}:\n${list}`, suggestions);
}
