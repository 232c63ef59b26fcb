import path from 'node:path';
import {KiroXError} from '../errors.js';
import {agentSearchDirs} from '../profile/agent-paths.js';
import {findAgent} from '../profile/find-agent.js';
import {inspectAgent} from './agent-fields.js';
import {fail, pass, warn, type DoctorCheck} from './types.js';

/** The configured or given `--agent` resolves like kiro-cli resolves it, to readable JSON with known fields. */
export const agentCheck: DoctorCheck = {
  id: 'agent',
  title: 'Agent profile',
  async run(context) {
    const name = context.agent;
    if (name === undefined) return pass('No agent set; kiro-cli uses its default agent.');
    let found;
    try {
      found = await findAgent(name, context.cwd, context.env);
    } catch (error) {
      if (!(error instanceof KiroXError)) throw error;
      return fail(error.message, 'Fix the agent file, or pass an agent name (not a path) with --agent.');
    }
    if (found === null) {
      const places = agentSearchDirs(context.cwd, context.env).map((dir) => path.join(dir, `${name}.json`));
      return fail(
        `No agent named "${name}": looked in ${places.join(' and ')}.`,
        `Create ${places[0] ?? `${name}.json`}, or fix the name in --agent / .kirorc.`,
      );
    }
    const {errors, unknown, nameMismatch} = inspectAgent(found.json, name);
    if (errors.length > 0) {
      return fail(
        `Agent "${name}" at ${found.path}: ${errors.join('; ')}.`,
        'Fix those fields (REFERENCE §4).',
      );
    }
    const notes: string[] = [];
    if (unknown.length > 0) notes.push(`unknown fields ${unknown.map((k) => `"${k}"`).join(', ')}`);
    if (nameMismatch !== null) notes.push(`"name" is "${nameMismatch}", not "${name}"`);
    if (notes.length > 0) {
      return warn(
        `Agent "${name}" at ${found.path}: ${notes.join('; ')}.`,
        'Remove or rename those fields, and keep "name" equal to the file name.',
      );
    }
    return pass(`Agent "${name}" at ${found.path}.`);
  },
};
