import type {McpServerConfig} from './config.js';
import type {Answers} from './results.js';
import type {TaskRegistry} from './task-registry.js';
import type {TurnRunner} from './turn-runner.js';

/** What every tool handler of one server shares: its configuration, its turns and tasks, how it answers. */
export interface McpContext {
  config: McpServerConfig;
  runner: TurnRunner;
  tasks: TaskRegistry;
  answers: Answers;
  /** One line on stderr (secrets hidden): stdout carries nothing but the protocol. */
  log(line: string): void;
}
