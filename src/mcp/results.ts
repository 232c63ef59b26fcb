import type {CallToolResult} from '@modelcontextprotocol/server';

import {KiroXError} from '../lib/errors.js';
import {redact} from '../lib/redact.js';
import type {Refusal} from './policy.js';

/** Every string inside a value with the secrets hidden: nothing a tool answers may carry the API key. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === 'string') return redact(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, secrets)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactDeep(item, secrets)]),
    ) as T;
  }
  return value;
}

/** How the tools answer: structured data with a readable text, or an error; secrets hidden in both. */
export interface Answers {
  /** Structured content plus its text; `isError` when the call did not do what was asked. */
  data(structured: object, text: string, isError?: boolean): CallToolResult;
  /** A tool error with a message and nothing else (a refusal, an unknown task). */
  error(message: string): CallToolResult;
  /** A call the server's configuration refused: the message names the flag that set the limit. */
  refused(refusal: Refusal): CallToolResult;
  /** Wraps a handler so that anything it throws becomes a redacted tool error, never a crash. */
  guard<A extends unknown[]>(
    handler: (...args: A) => Promise<CallToolResult>,
  ): (...args: A) => Promise<CallToolResult>;
  /** Resolves once every handler running now has answered (shutdown waits for it before closing stdout). */
  idle(): Promise<void>;
}

/** The answers of a server whose secrets (the API key it passes to kiro-cli) are `secrets`. */
export function answers(secrets: readonly string[], log: (line: string) => void): Answers {
  const error = (message: string): CallToolResult => ({
    content: [{type: 'text', text: redact(message, secrets)}],
    isError: true,
  });
  const running = new Set<Promise<CallToolResult>>();
  return {
    data: (structured, text, isError = false) => ({
      content: [{type: 'text', text: redact(text, secrets)}],
      structuredContent: redactDeep(structured, secrets),
      ...(isError && {isError: true}),
    }),
    error,
    refused: (refusal) => {
      log(refusal.message);
      return error(refusal.message);
    },
    guard:
      (handler) =>
      (...args) => {
        const call = handler(...args).catch((thrown: unknown) => {
          // kiro-x's own errors say what went wrong and what to do: they are answers, not failures.
          if (thrown instanceof KiroXError) return error([thrown.message, ...thrown.suggestions].join(' '));
          const message = thrown instanceof Error ? thrown.message : String(thrown);
          log(`tool failed: ${message}`);
          return error(`kiro-x failed: ${message}`);
        });
        running.add(call);
        void call.then(() => running.delete(call));
        return call;
      },
    idle: async () => {
      await Promise.allSettled([...running]);
      // The SDK writes a handler's answer in a continuation of its promise: let it run.
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
