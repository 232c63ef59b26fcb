import {KiroXError} from '../errors.js';
import {agentMcpServers} from '../profile/agent-fields.js';
import {lookupAgent} from '../profile/find-agent.js';
import {readMcpConfig} from '../ask/from-settings.js';
import {fail, pass, warn, type DoctorCheck} from './types.js';

/** MCP servers that would be configured, and whether kiro-cli would run them: it turns MCP off under API keys. */
export const mcpCheck: DoctorCheck = {
  id: 'mcp',
  title: 'MCP servers',
  async run(context) {
    const servers: string[] = [];
    if (context.mcpConfig !== undefined) {
      try {
        servers.push(...Object.keys(await readMcpConfig(context.mcpConfig)));
      } catch (error) {
        if (!(error instanceof KiroXError)) throw error;
        return fail(error.message, 'Fix the file named by --mcp-config / `mcpConfig`.');
      }
    }
    if (context.agent !== undefined) {
      // A broken or missing agent is the agent check's failure; here it simply contributes no servers.
      const found = await lookupAgent(context.agent, context.cwd, context.env, context.harness).catch(
        () => null,
      );
      if (found?.status === 'found') servers.push(...agentMcpServers(found.agent.json));
    }
    const names = [...new Set(servers)];
    if (names.length === 0) return pass('No MCP servers configured.');
    const listed = names.join(', ');
    if (context.env.KIRO_API_KEY) {
      return warn(
        `MCP servers ${listed} are configured, but kiro-cli disables MCP under API-key authentication.`,
        'Run turns that need MCP with a kiro-cli login instead of KIRO_API_KEY, or drop the servers.',
      );
    }
    return pass(`MCP servers ${listed} (available with a login credential).`);
  },
};
