import {acpHandshake, ACP_SHUTDOWN_MS, type AcpHandshakeReport} from './acp-handshake.js';
import {authFix} from './check-probe.js';
import {fail, pass, skip, warn, type CheckVerdict, type DoctorCheck} from './types.js';

/** The only ACP protocol version kiro-x speaks (the SDK's `PROTOCOL_VERSION`). */
export const ACP_PROTOCOL_VERSION = 1;

const AUTH = /not logged in|Authentication failed|profileArn is required/i;

function exitOf(report: AcpHandshakeReport): string {
  const exit = report.exit;
  if (exit === null) return '';
  return exit.signal === null ? ` (exit ${exit.exitCode ?? 'unknown'})` : ` (${exit.signal})`;
}

/** The ACP check's verdict from what the handshake found (pure, so it is tested with a table). */
export function acpVerdict(report: AcpHandshakeReport, env: NodeJS.ProcessEnv): CheckVerdict {
  const {failure, agent} = report;
  const byHand = `Run \`${report.command.join(' ')}\` by hand to see what it prints.`;
  if (failure !== null) {
    const said = failure.kind === 'error' ? failure.text : report.explanation;
    if (failure.kind === 'spawn') {
      return fail(`kiro-cli acp could not be started (${failure.code}).`, 'Fix the kiro-cli check first.');
    }
    if (failure.kind === 'cancelled') return skip('Not checked: doctor was interrupted.');
    if (said !== null && (report.authFailed || AUTH.test(said))) {
      return fail(`kiro-cli acp has no usable credential${exitOf(report)}: "${said}".`, authFix(said, env));
    }
    if (failure.kind === 'timeout') {
      return fail(
        `kiro-cli acp did not answer ${failure.method} within ${failure.timeoutMs} ms.`,
        'kiro-cli loads agents, MCP servers and its credential first: check the network, or raise --check-timeout on a slow machine.',
      );
    }
    if (failure.kind === 'error') {
      return fail(`kiro-cli acp answered ${failure.method} with error ${failure.code}: ${said}.`, byHand);
    }
    const why = said === null ? '' : `: "${said}"`;
    return fail(`kiro-cli acp ended without answering ${failure.method}${exitOf(report)}${why}.`, byHand);
  }
  if (agent === null) return fail('kiro-cli acp gave no handshake.', byHand);
  const who = `${agent.name ?? 'an unnamed agent'} ${agent.version ?? '(no version)'}`;
  if (agent.protocolVersion !== ACP_PROTOCOL_VERSION) {
    return fail(
      `${who} answered ACP protocol version ${agent.protocolVersion}; kiro-x speaks version ${ACP_PROTOCOL_VERSION}.`,
      'Update kiro-cli (kiro-cli update) and kiro-x, or use --engine headless.',
    );
  }
  const facts = `ACP protocol ${agent.protocolVersion}, ${who}, ${report.dialect.toUpperCase()} dialect`;
  if (!agent.loadSession) {
    return warn(
      `${facts}: no session/load (loadSession is false), so --resume and --resume-id cannot work on --engine acp.`,
      'Update kiro-cli (kiro-cli update), or resume with --engine headless.',
    );
  }
  return pass(
    `${facts}, session/load offered; a session opened in ${report.answeredMs ?? '?'} ms, so kiro-cli found a credential (not proven until a real turn runs: --probe).`,
  );
}

/**
 * `--engine acp` (or `engine: acp`): `kiro-cli acp` started as a turn starts it answers `initialize` and
 * `session/new` within the check's bound. A missing login shows here as the process exiting before any frame.
 */
export const acpCheck: DoctorCheck = {
  id: 'acp',
  title: 'kiro-cli acp handshake',
  // The `--version` shared with the kiro-cli check comes first (bounded alike), then the handshake's own bound and
  // the time to end kiro-cli.
  boundMs: (context) => 2 * context.checkTimeoutMs + ACP_SHUTDOWN_MS,
  async run(context) {
    const {where, version} = await context.cliVersion();
    if (where === null || version?.version === null || version?.version === undefined) {
      return skip(
        `Not checked: ${where === null ? 'kiro-cli was not found' : 'the kiro-cli version is unknown'}.`,
        'Fix the kiro-cli check first.',
      );
    }
    const report = await acpHandshake({
      cliPath: where,
      cwd: context.cwd,
      env: context.env,
      harness: context.harness,
      agent: context.agent,
      model: context.model,
      cliVersion: version.version,
      timeoutMs: context.checkTimeoutMs,
      signal: context.signal,
    });
    return acpVerdict(report, context.env);
  },
};
