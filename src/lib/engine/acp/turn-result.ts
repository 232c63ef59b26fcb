import type {AskResult} from '../../ask/result.js';
import {redact} from '../../redact.js';
import {readStderrLine} from '../headless/stderr-lines.js';
import type {ProcessExit} from './connection-types.js';
import {
  classifyAcp,
  NOTHING_FOUND,
  type AcpClassification,
  type AcpTurnEvidence,
  type RpcFailure,
} from './outcome.js';
import type {AcpOutcome} from './outcomes-acp.js';
import type {PermissionRecord} from './permission-gate.js';
import type {StderrReport} from './stderr-log.js';
import type {CollectedTurn} from './turn-collector.js';

/** The `--json` document of an ACP turn: the headless shape, ACP's outcomes, and every permission decision. */
export type AcpTurnResult = Omit<AskResult, 'outcome'> & {
  outcome: AcpOutcome;
  permissions: PermissionRecord[];
};

/** Everything an ACP result is built from. */
export interface AcpResultParts {
  verdict: AcpClassification;
  collected: CollectedTurn;
  permissions: PermissionRecord[];
  session: {sessionId: string | null; resumed: boolean | null; model: string | null; agent: string | null};
  stderr: StderrReport;
  exit: ProcessExit | null;
  rpcError: RpcFailure | null;
  /** kiro-x's own remarks (a cancel kiro-cli did not answer in time, …). */
  notes: string[];
  command: readonly string[];
  secrets: readonly string[];
  durationMs: number;
}

/** The result of an ACP turn, secrets redacted from every text that leaves kiro-x. */
export function buildAcpResult(parts: AcpResultParts): AcpTurnResult {
  const {verdict, collected, session, stderr, exit, secrets} = parts;
  const hide = (text: string): string => redact(text, secrets);
  // The batch retry policy recognises backend trouble (rate limits, outages) in the warnings.
  const backend = (parts.rpcError?.text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && readStderrLine(line).kind === 'backend');
  const warnings = [
    ...new Set([...collected.warnings, ...stderr.facts.warnings, ...backend, ...parts.notes]),
  ];
  const denied = parts.permissions.filter((p) => p.decision === 'deny').map((p) => p.tool);
  return {
    schemaVersion: 1,
    ok: verdict.outcome === 'completed',
    outcome: verdict.outcome,
    message: hide(verdict.message),
    text: collected.messages.at(-1) ?? '',
    messages: collected.messages,
    transcript: null,
    toolCalls: collected.toolCalls,
    deniedTools: [...new Set(denied)],
    credits: collected.credits === null ? null : Math.round(collected.credits * 1e9) / 1e9,
    kiroTimeMs: collected.kiroTimeMs,
    durationMs: parts.durationMs,
    exitCode: exit?.exitCode ?? null,
    signal: exit?.signal ?? null,
    sessionId: session.sessionId,
    resumed: session.resumed,
    model: session.model,
    agent: session.agent,
    warnings: warnings.map(hide),
    stderrTail: hide(stderr.tail),
    command: parts.command.map(hide),
    permissions: parts.permissions,
  };
}

/** What a turn found before it ended; every field left out defaults to "nothing of the kind". */
export interface TurnConclusion {
  found: Partial<AcpTurnEvidence>;
  exit: ProcessExit | null;
  stderr: StderrReport;
  apiKeySet: boolean;
}

/** Classifies what a turn found and builds its result. */
export function concludeAcp(
  conclusion: TurnConclusion,
  parts: Omit<AcpResultParts, 'verdict' | 'stderr' | 'exit' | 'rpcError'>,
): AcpTurnResult {
  const {found, exit, stderr, apiKeySet} = conclusion;
  const evidence: AcpTurnEvidence = {
    ...NOTHING_FOUND,
    ...found,
    exit,
    stderr: stderr.facts,
    apiKeySet,
  };
  return buildAcpResult({
    ...parts,
    verdict: classifyAcp(evidence),
    stderr,
    exit,
    rpcError: evidence.rpcError,
  });
}
