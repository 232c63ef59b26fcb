/** kiro-x as a library: run kiro-cli turns from code with the same guarantees as the CLI. */
export {ask} from './ask/ask.js';
export type {AskOptions} from './ask/options.js';
export {query} from './query/query.js';
export {openSession} from './query/session.js';
export type {PromptOptions, Session} from './query/session.js';
export {QUERY_ENGINES} from './query/options.js';
export type {QueryEngine, QueryOptions, SessionOptions} from './query/options.js';
export {TURN_EVENT_TYPES} from './engine/events.js';
export type {
  EventEngine,
  MessageEvent,
  MetadataEvent,
  NoticeEvent,
  PermissionDecider,
  PermissionDecision,
  PermissionDecisionEvent,
  PermissionRequestEvent,
  PlanEntry,
  PlanEvent,
  ResultEvent,
  SessionEvent,
  ThoughtEvent,
  ToolCallEvent,
  ToolCallUpdateEvent,
  ToolStatus,
  TurnEvent,
  WarningEvent,
} from './engine/events.js';
export {askOptionsFromSettings} from './ask/from-settings.js';
export {buildChatArgs} from './engine/headless/build-args.js';
export type {ChatArgsInput} from './engine/headless/build-args.js';
export {EFFORTS, EFFORTS as EFFORT_LEVELS} from './engine/turn.js';
export type {Effort, Trust, TurnRunner} from './engine/turn.js';
export {openTurnRunner} from './engine/index.js';
export {classify} from './engine/headless/classify.js';
export {HARNESSES, planHarness} from './engine/harness.js';
export type {Harness, HarnessPlan} from './engine/harness.js';
export {parseTranscript, TranscriptParser} from './engine/headless/transcript-parser.js';
export type {TranscriptEvent} from './engine/headless/transcript-parser.js';
export {StderrScanner} from './engine/headless/stderr-scanner.js';
export {whoami} from './engine/whoami.js';
export type {WhoamiResult, WhoamiStatus} from './engine/whoami.js';
export {AgentNotFoundError, AuthError, CliNotFoundError, KiroXError, UsageError} from './errors.js';
export {EXIT_CODES, exitCodeFor} from './exit-codes.js';
export type {ProfileFlags} from './profile/build-profile.js';
export {renderJunit} from './output/junit.js';
export type {JunitCase, JunitSuite} from './output/junit.js';
export {OUTCOMES} from './outcomes.js';
export {askDocument} from './ask/result.js';
export type {AskDocument, AskResult, ToolCall} from './ask/result.js';
export type {Classification, TranscriptSummary} from './engine/headless/evidence.js';
export type {Outcome} from './outcomes.js';
export * as batch from './batch/index.js';
export type {BatchItem, BatchSummary, LedgerRecord} from './batch/types.js';
