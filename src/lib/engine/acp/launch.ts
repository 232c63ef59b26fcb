import {cachedCliVersion, versionAtLeast} from '../cli-version.js';
import type {Harness} from '../harness.js';
import type {Effort, Trust} from '../turn.js';
import {buildAcpArgs, type AcpDialect} from './dialect.js';

/** What decides how `kiro-cli acp` is started. */
export interface AcpLaunchInput {
  cliPath: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  harness?: Harness | undefined;
  agent?: string | undefined;
  model?: string | undefined;
  effort?: Effort | undefined;
  trust: Trust;
  /** kiro-cli's version when the caller already read it (null: unknown); undefined reads it here. */
  cliVersion?: string | null | undefined;
}

/** The dialect and argv of one `kiro-cli acp` process. */
export interface AcpLaunch {
  dialect: AcpDialect;
  args: string[];
  /** The argv as reported (executable first). */
  command: string[];
}

/** The first kiro-cli whose `acp` takes `--agent-engine`. */
export const AGENT_ENGINE_SINCE = '2.4.0';

/** Bound of the `kiro-cli --version` that decides whether the engine can be pinned. */
const VERSION_TIMEOUT_MS = 5000;

/**
 * The dialect follows the harness setting (`v3` → V3, else V2), and the engine is pinned whenever kiro-cli can
 * take the flag: which engine `kiro-cli acp` picks by itself is not documented and changed between releases, and
 * V3 refuses V2's flags. The version is read once per process; a kiro-cli too old or silent runs unpinned.
 */
export async function planAcpLaunch(input: AcpLaunchInput): Promise<AcpLaunch> {
  const dialect: AcpDialect = input.harness === 'v3' ? 'v3' : 'v2';
  let pinEngine = false;
  if (dialect === 'v2') {
    const version =
      input.cliVersion !== undefined
        ? input.cliVersion
        : (await cachedCliVersion(input.cliPath, input.cwd, input.env, VERSION_TIMEOUT_MS)).version;
    pinEngine = version !== null && versionAtLeast(version, AGENT_ENGINE_SINCE);
  }
  const args = buildAcpArgs({
    dialect,
    agent: input.agent,
    model: input.model,
    effort: input.effort,
    trust: input.trust,
    pinEngine,
  });
  return {dialect, args, command: [input.cliPath, ...args]};
}
