import type {AcpTurnEvidence} from './outcome.js';
import {AcpClosedError, AcpRpcError, AcpTimeoutError} from './request-errors.js';

/** What a failed request tells the classifier, and whether kiro-cli went away (its exit is then evidence). */
export interface RequestFailure {
  found: Pick<Partial<AcpTurnEvidence>, 'rpcError' | 'unanswered'>;
  closed: boolean;
}

/** kiro-cli's JSON-RPC error, or a request it did not answer in time or at all; anything else is rethrown. */
export function requestFailure(error: unknown): RequestFailure {
  if (error instanceof AcpRpcError) {
    return {found: {rpcError: {method: error.method, code: error.code, text: error.text}}, closed: false};
  }
  if (error instanceof AcpTimeoutError) {
    return {found: {unanswered: {method: error.method, timeoutMs: error.timeoutMs}}, closed: false};
  }
  if (error instanceof AcpClosedError) {
    return {found: {unanswered: {method: error.method, timeoutMs: null}}, closed: true};
  }
  throw error;
}
