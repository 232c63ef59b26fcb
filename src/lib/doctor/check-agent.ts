import {KiroXError} from '../errors.js';
import {agentKeys} from '../profile/agent-fields.js';
import {describeLookup, lookupAgent, rejectedAgentFiles} from '../profile/find-agent.js';
import {fail, pass, warn, type DoctorCheck} from './types.js';

/**
 * The configured or given `--agent` resolves the way kiro-cli resolves it (by the `name` inside each file), to a
 * file kiro-cli's parser accepts: one unknown key and kiro-cli drops the file and runs its default agent.
 */
export const agentCheck: DoctorCheck = {
  id: 'agent',
  title: 'Agent profile',
  async run(context) {
    const name = context.agent;
    if (name === undefined) {
      const rejected = await rejectedAgentFiles(context.cwd, context.env, context.harness);
      if (rejected.length === 0) return pass('No agent set; kiro-cli uses its default agent.');
      return warn(
        `No agent set, but kiro-cli reports these agent files as invalid on every run: ${rejected
          .map((r) => `${r.path} (${r.reasons.join('; ')})`)
          .join(', ')}.`,
        `Fix or remove them; kiro-cli ${context.harness === 'v3' ? 'V3' : '2.x'} accepts only the keys ${agentKeys(context.harness).join(', ')}.`,
      );
    }
    let lookup;
    try {
      lookup = await lookupAgent(name, context.cwd, context.env, context.harness);
    } catch (error) {
      if (!(error instanceof KiroXError)) throw error;
      return fail(
        error.message,
        'Pass an agent name (the "name" inside its JSON), not a path, with --agent.',
      );
    }
    if (lookup.status === 'rejected') {
      return fail(
        describeLookup(name, lookup),
        lookup.reasons.some((reason) => reason.includes(' key '))
          ? `Fix ${lookup.path}; kiro-cli ${context.harness === 'v3' ? 'V3' : '2.x'} accepts only the keys ${agentKeys(context.harness).join(', ')}.`
          : `Fix ${lookup.path} so that it is a UTF-8 JSON object kiro-cli can read.`,
      );
    }
    if (lookup.status === 'missing') {
      return fail(
        describeLookup(name, lookup),
        `Create ${lookup.dirs[0]}/${name}.json with "name": "${name}", or fix the name in --agent / .kirorc.`,
      );
    }
    const {agent} = lookup;
    const notes: string[] = [];
    if (agent.fileNameDiffers) notes.push(`the file name differs from "name": "${name}"`);
    if (agent.duplicates.length > 0) {
      notes.push(`${agent.duplicates.join(', ')} also declare${agent.duplicates.length === 1 ? 's' : ''} it`);
    }
    if (notes.length > 0) {
      return warn(
        `Agent "${name}" at ${agent.path}: ${notes.join('; ')}.`,
        `Keep one file per agent, named ${name}.json.`,
      );
    }
    return pass(`Agent "${name}" at ${agent.path}.`);
  },
};
