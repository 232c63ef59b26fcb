import {acpCheck} from './check-acp.js';
import {agentCheck} from './check-agent.js';
import {cliCheck} from './check-cli.js';
import {ciCheck, configCheck} from './check-config.js';
import {apiKeyCheck, credentialCheck} from './check-credential.js';
import {harnessCheck} from './check-harness.js';
import {mcpCheck} from './check-mcp.js';
import {modelCheck} from './check-model.js';
import {nodeCheck} from './check-node.js';
import {probeCheck} from './check-probe.js';
import {profileDirCheck} from './check-profile-dir.js';
import type {DoctorCheck} from './types.js';

/** Every check, in report order. */
export const ALL_CHECKS: readonly DoctorCheck[] = [
  nodeCheck,
  cliCheck,
  harnessCheck,
  apiKeyCheck,
  credentialCheck,
  configCheck,
  agentCheck,
  modelCheck,
  mcpCheck,
  profileDirCheck,
  ciCheck,
];

/** Checks that only the ACP engine needs, after the rest: `kiro-cli acp` must answer its handshake. */
export const ACP_CHECKS: readonly DoctorCheck[] = [acpCheck];

/** Checks that only `--probe` runs, after the rest in the report: they cost a real turn. */
export const PROBE_CHECKS: readonly DoctorCheck[] = [probeCheck];
