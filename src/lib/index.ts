/** kiro-x as a library: run kiro-cli turns from code with the same guarantees as the CLI. */
export {ask} from './ask.js';
export type {AskOptions} from './ask-options.js';
export {askOptionsFromSettings} from './settings-to-options.js';
export {buildChatArgs, EFFORT_LEVELS} from './engine/build-args.js';
export type {ChatArgsInput, Effort, Trust} from './engine/build-args.js';
export {classify} from './engine/classify.js';
export {parseTranscript, TranscriptParser} from './engine/transcript-parser.js';
export type {TranscriptEvent} from './engine/transcript-parser.js';
export {StderrScanner} from './engine/stderr-scanner.js';
export {whoami} from './engine/whoami.js';
export type {WhoamiResult, WhoamiStatus} from './engine/whoami.js';
export {AgentNotFoundError, AuthError, CliNotFoundError, KiroXError, UsageError} from './errors.js';
export {EXIT_CODES, exitCodeFor} from './exit-codes.js';
export type {ProfileFlags} from './profile/build-profile.js';
export {renderJunit} from './output/junit.js';
export type {JunitCase, JunitSuite} from './output/junit.js';
export {OUTCOMES} from './types.js';
export type {AskResult, Classification, Outcome, ToolCall, TranscriptSummary} from './types.js';
