import {describe, expect, it} from 'vitest';

import {loadCommands} from '../helpers/commands.js';

const commands = await loadCommands();

/** A line break that is not a paragraph break: oclif wraps text itself, so hard breaks make ragged lines. */
const HARD_WRAP = /[^\n]\n[^\n]/;

describe('help texts of every command', () => {
  it('finds the commands', () => {
    expect(commands.map(([name]) => name)).toContain('ask.ts');
    expect(commands.length).toBeGreaterThanOrEqual(8);
  });

  it.each(commands)('%s: summary and description let oclif wrap them', (_name, command) => {
    expect(command.summary ?? '').not.toContain('\n');
    expect(command.description ?? '').not.toMatch(HARD_WRAP);
    expect(command.description ?? '').not.toMatch(/^\s|\s$/);
  });

  it.each(commands)('%s: every flag and argument description is one line', (_name, command) => {
    const texts = [...Object.values(command.flags ?? {}), ...Object.values(command.args ?? {})].map(
      (entry) => `${entry.summary ?? ''}${entry.description ?? ''}`,
    );
    for (const text of texts) expect(text).not.toContain('\n');
  });

  it.each(commands)('%s: every example is a command line starting with $', (_name, command) => {
    expect(command.examples ?? []).not.toEqual([]);
    for (const example of command.examples ?? []) {
      const line = typeof example === 'string' ? example : example.command;
      expect(line).not.toContain('\n');
      // oclif prefixes "$ " to lines that start with the binary; any other line must carry it itself.
      expect(line).toMatch(/^(<%= config\.bin %> |\$ )/);
    }
  });
});
