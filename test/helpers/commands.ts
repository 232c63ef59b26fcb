import {readdirSync} from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

import {REPO_ROOT} from './validate.js';

/** A text oclif shows in help. */
export interface Described {
  description?: string;
  summary?: string;
}

/** The static parts of an oclif command class the tests read. */
export interface CommandClass extends Described {
  examples?: (string | {command: string; description: string})[];
  flags?: Record<string, Described & {char?: string}>;
  args?: Record<string, Described>;
}

function commandFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return commandFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const COMMANDS_DIR = path.join(REPO_ROOT, 'src', 'commands');

/** Every command class under src/commands, keyed by its file (`batch/report.ts`). */
export async function loadCommands(): Promise<(readonly [string, CommandClass])[]> {
  return Promise.all(
    commandFiles(COMMANDS_DIR).map(async (file) => {
      const module = (await import(pathToFileURL(file).href)) as {default: CommandClass};
      return [path.relative(COMMANDS_DIR, file), module.default] as const;
    }),
  );
}
