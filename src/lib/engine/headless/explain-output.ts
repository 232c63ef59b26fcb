import {firstLine} from '../../output/shorten.js';
import {StderrScanner} from './stderr-scanner.js';

/**
 * The line of a finished kiro-cli command's output that says what happened, for messages: the best-ranked stderr
 * message (an `error:` line before a warning, never a notice printed on every run such as "MCP functionality
 * disabled"), else the first non-blank line of stdout, else ''.
 */
export function explainOutput(stderr: string, stdout = ''): string {
  const scanner = new StderrScanner();
  scanner.push(Buffer.from(stderr, 'utf8'));
  const explanation = scanner.end().explanation;
  if (explanation !== null) return explanation;
  return firstLine(stdout);
}
