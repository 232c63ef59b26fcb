import * as acp from '@agentclientprotocol/sdk';

/** A request kiro-cli answered with a JSON-RPC error. */
export class AcpRpcError extends Error {
  readonly method: string;
  readonly code: number;
  /** The error's message and data joined: kiro-cli puts its detail in either. */
  readonly text: string;

  constructor(method: string, code: number, message: string, data: unknown) {
    const text = rpcErrorText(message, data);
    super(`kiro-cli answered ${method} with error ${code}: ${text}`);
    this.name = 'AcpRpcError';
    this.method = method;
    this.code = code;
    this.text = text;
  }
}

/** kiro-cli's stdout ended (the process exited or closed it) before it answered a request. */
export class AcpClosedError extends Error {
  readonly method: string;

  constructor(method: string) {
    super(`kiro-cli ended without answering ${method}.`);
    this.name = 'AcpClosedError';
    this.method = method;
  }
}

/** kiro-cli did not answer a bounded request in time (the SDK has no default request timeout). */
export class AcpTimeoutError extends Error {
  readonly method: string;
  readonly timeoutMs: number;

  constructor(method: string, timeoutMs: number) {
    super(`kiro-cli did not answer ${method} within ${timeoutMs} ms.`);
    this.name = 'AcpTimeoutError';
    this.method = method;
    this.timeoutMs = timeoutMs;
  }
}

/** An error's message and its data, joined without repeating the generic `Internal error` alone. */
export function rpcErrorText(message: string, data: unknown): string {
  const detail =
    data === undefined || data === null ? '' : typeof data === 'string' ? data : JSON.stringify(data);
  if (detail === '') return message;
  return /^(?:Internal error|Invalid params)$/.test(message) ? detail : `${message}: ${detail}`;
}

/** The SDK's rejection of a request, as one of the errors above. */
export function explainRequestError(method: string, error: unknown, closed: boolean): Error {
  if (error instanceof acp.RequestError)
    return new AcpRpcError(method, error.code, error.message, error.data);
  if (closed) return new AcpClosedError(method);
  return error instanceof Error ? error : new Error(String(error));
}

/** The promise, or an {@link AcpTimeoutError} after `timeoutMs` (no bound when undefined or 0). */
export function bounded<T>(pending: Promise<T>, method: string, timeoutMs: number | undefined): Promise<T> {
  if (timeoutMs === undefined || timeoutMs <= 0) return pending;
  // The late answer (or the rejection when the connection closes) must not surface as unhandled.
  pending.catch(() => {});
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new AcpTimeoutError(method, timeoutMs)), timeoutMs);
    pending.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
