import {requestFailure} from './request-failure.js';
import type {AcpHandshakeError} from './connection.js';
import {TurnCollector} from './turn-collector.js';
import type {AcpTurnInput} from './turn-input.js';
import {concludeAcp, type AcpTurnResult} from './turn-result.js';

/**
 * The result of a process that failed before any turn: `initialize` unanswered because kiro-cli exited (no
 * credential: `You are not logged in` on stderr and no frame; a clap error), did not answer in time, or answered
 * an error. Stderr and the exit code are the evidence.
 */
export async function handshakeFailure(
  failure: AcpHandshakeError,
  input: Pick<AcpTurnInput, 'command' | 'secrets' | 'apiKeySet' | 'exitWaitMs' | 'startedAt'>,
): Promise<AcpTurnResult> {
  const {connection, cause: error} = failure;
  const startedAt = input.startedAt ?? Date.now();
  const {found, closed} = requestFailure(error);
  const exit = closed ? await connection.exit(input.exitWaitMs ?? 2000) : null;
  const stderr = connection.stderr.since(0);
  return concludeAcp(
    {found, exit, stderr, apiKeySet: input.apiKeySet},
    {
      collected: new TurnCollector().result(),
      permissions: [],
      session: {sessionId: null, resumed: null, model: null, agent: null},
      notes: [],
      command: input.command,
      secrets: input.secrets,
      durationMs: Math.max(0, Math.round(Date.now() - startedAt)),
    },
  );
}
