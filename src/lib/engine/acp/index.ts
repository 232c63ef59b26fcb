/** The ACP engine's protocol layer: a connection over kiro-cli acp's stdio, its dialects, and a turn runner. */
export {AcpConnection, AcpHandshakeError} from './connection.js';
export {handshakeFailure} from './handshake-failure.js';
export type {
  AcpAgentInfo,
  AcpOpenOptions,
  AcpSession,
  AcpStreams,
  PermissionHandler,
  ProcessExit,
} from './connection-types.js';
export {
  ACP_DIALECTS,
  buildAcpArgs,
  loadSessionParams,
  missingAgent,
  newSessionParams,
  sessionSetup,
  setModelRequest,
} from './dialect.js';
export type {AcpArgsInput, AcpDialect, SetupRequest} from './dialect.js';
export {EventMapper} from './event-mapper.js';
export type {AcpFrame} from './wire-tap.js';
export {loadSession, lockPid, removeStaleLock, ResumeFailedError} from './load-session.js';
export type {LoadSessionOptions} from './load-session.js';
export {classifyAcp} from './outcome.js';
export type {AcpCancelCause, AcpClassification, AcpTurnEvidence, RpcFailure} from './outcome.js';
export {ACP_OUTCOMES} from './outcomes-acp.js';
export type {AcpOnlyOutcome, AcpOutcome} from './outcomes-acp.js';
export {PermissionGate} from './permission-gate.js';
export type {AskUser, PermissionQuestion, PermissionRecord} from './permission-gate.js';
export {chooseOption, decidePermission, PERMISSION_MODES, trustCovers} from './permission-policy.js';
export type {PermissionMode, PolicyVerdict} from './permission-policy.js';
export {AcpClosedError, AcpRpcError, AcpTimeoutError} from './request-errors.js';
export {runAcpTurn, startAcpTurn} from './run-turn.js';
export type {AcpTurn} from './run-turn.js';
export type {AcpTurnInput} from './turn-input.js';
export type {AcpTurnResult} from './turn-result.js';
export {canonicalTool, identifyTool} from './tool-names.js';
