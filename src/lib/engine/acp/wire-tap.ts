import {Readable, Writable} from 'node:stream';
import {TransformStream, type ReadableStream} from 'node:stream/web';
import * as acp from '@agentclientprotocol/sdk';
import {LineSplitter} from '../process/line-splitter.js';

/** One JSON-RPC message as kiro-cli wrote it: a request, a notification or a response, unvalidated. */
export interface AcpFrame {
  jsonrpc?: string;
  id?: string | number | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: {code?: unknown; message?: unknown; data?: unknown};
}

/** Observers of kiro-cli's stdout, called in wire order. */
export interface WireTap {
  /** Every JSON-RPC message, before the SDK dispatches it. */
  onFrame: (frame: AcpFrame) => void;
  /** A stdout line that is not a JSON object (the SDK answers it with a parse error and drops it). */
  onStray: (line: string) => void;
}

/**
 * The SDK's NDJSON stream over kiro-cli's stdio, with a tap on what it reads. The tap sits on the SDK's parsed
 * message stream, so each line is parsed once and the tap sees every message, in wire order, before the SDK
 * does: when the SDK settles the session/prompt request, every frame written before that answer has been
 * tapped (a tee of the bytes would give two readers racing each other). Notifications stop at the tap: kiro-x
 * maps them from there, and the SDK would validate each `session/update` again, logging one it does not know on
 * the console. It keeps requests, responses and its own `$/` protocol notifications (`$/cancel_request`).
 */
export function tappedStream(stdin: Writable, stdout: Readable, tap: WireTap): acp.Stream {
  const bytes = (Readable.toWeb(stdout) as ReadableStream<Uint8Array>).pipeThrough(strayLines(tap.onStray));
  const wire = acp.ndJsonStream(
    Writable.toWeb(stdin) as globalThis.WritableStream<Uint8Array>,
    bytes as unknown as globalThis.ReadableStream<Uint8Array>,
  );
  const readable = (wire.readable as unknown as ReadableStream<acp.AnyMessage>).pipeThrough(
    new TransformStream<acp.AnyMessage, acp.AnyMessage>({
      transform(message, controller) {
        const frame = message as AcpFrame;
        tap.onFrame(frame);
        const {method} = frame;
        const notification = method !== undefined && !('id' in frame);
        if (!notification || method.startsWith('$/')) controller.enqueue(message);
      },
    }),
  );
  return {
    writable: wire.writable,
    readable: readable as unknown as globalThis.ReadableStream<acp.AnyMessage>,
  };
}

// Bytes pass unchanged; lines that cannot be a JSON object are reported, since the SDK drops them.
function strayLines(onStray: (line: string) => void): TransformStream<Uint8Array, Uint8Array> {
  const lines = new LineSplitter((raw) => {
    const line = raw.trim();
    if (line !== '' && !(line.startsWith('{') && line.endsWith('}'))) onStray(line);
  });
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      lines.push(chunk);
      controller.enqueue(chunk);
    },
    flush() {
      lines.end();
    },
  });
}
