import type * as acp from '@agentclientprotocol/sdk';
import type {TurnEvent} from '../events.js';
import {readV2Metadata, readV3Metadata} from './metadata.js';
import {canonicalTool, identifyTool} from './tool-names.js';
import {UpdateMapper, type KnownTool, type Unstamped} from './update-mapper.js';
import type {AcpFrame} from './wire-tap.js';

// V2 names its extensions `_kiro.dev/…`, V3 `_kiro/…`.
const EXTENSION = /^_kiro(?:\.dev)?\//;

/**
 * kiro-cli's frames as kiro-x turn events (events-contract.md). It reads the raw frames of the wire tap, so an
 * update kind the SDK would drop still arrives, and each frame is mapped exactly once: what has no event of its
 * own (unknown update kinds, other sessions' updates, unmapped extensions, requests kiro-x does not serve)
 * becomes a `notice` with the raw params. Responses are not events; permission requests are the gate's.
 */
export class EventMapper {
  readonly #updates = new UpdateMapper();
  #main: string | null = null;
  /** The agents `_kiro.dev/agent/not_found` said kiro-cli could not find. */
  readonly missingAgents = new Set<string>();

  /** Maps the session's own updates from now on (before, e.g. a load's history replay, they are notices). */
  follow(sessionId: string): void {
    this.#main = sessionId;
  }

  /** The events of one frame, stamped with `elapsedMs`. */
  map(frame: AcpFrame, elapsedMs: number): TurnEvent[] {
    return this.#unstamped(frame, elapsedMs).map((event) => ({...event, elapsedMs}) as TurnEvent);
  }

  /**
   * The tool a permission request is about. The request names only the call (`toolCallId`, `title`): V3 adds
   * its internal tool id in `_meta.kiro.toolId`; otherwise the `tool_call` announced before it tells.
   */
  requestTool(request: acp.RequestPermissionRequest): {tool: string; title: string; kind: string | null} {
    const {toolCallId, title, kind} = request.toolCall;
    const known: KnownTool | undefined = this.#updates.tools.get(toolCallId);
    const toolId = (request._meta?.kiro as {toolId?: unknown} | undefined)?.toolId;
    const shownTitle = title ?? known?.title ?? '';
    const shownKind = kind ?? known?.kind ?? null;
    if (typeof toolId === 'string' && toolId !== '') {
      return {tool: canonicalTool(toolId), title: shownTitle, kind: shownKind};
    }
    const previewName = this.#updates.previews.get(toolCallId);
    const tool = known?.tool ?? identifyTool({previewName, kind: shownKind, title: shownTitle});
    return {tool, title: shownTitle, kind: shownKind};
  }

  #unstamped(frame: AcpFrame, nowMs: number): Unstamped[] {
    const {method} = frame;
    if (method === undefined || method === 'session/request_permission') return [];
    const params = (frame.params ?? {}) as Record<string, unknown>;
    const notice: Unstamped[] = [{type: 'notice', method, params: frame.params ?? null}];
    if (frame.id !== undefined) return notice;
    if (method === 'session/update') {
      const update = params.update as Record<string, unknown> | undefined;
      const sessionId = typeof params.sessionId === 'string' ? params.sessionId : null;
      // V3 metering is metadata whichever session sends it, as V2's `_kiro.dev/metadata` is.
      if (update?.sessionUpdate === 'session_info_update' && sessionId !== null) {
        const kiro = (update._meta as {kiro?: unknown} | undefined)?.kiro;
        const facts = readV3Metadata(sessionId, kiro, this.#main);
        return facts === null ? notice : [facts];
      }
      if (this.#main === null || sessionId !== this.#main || update === undefined) return notice;
      return this.#updates.map(update, nowMs) ?? notice;
    }
    if (EXTENSION.test(method)) return this.#extension(method.replace(EXTENSION, ''), params) ?? notice;
    return notice;
  }

  #extension(name: string, params: Record<string, unknown>): Unstamped[] | null {
    switch (name) {
      case 'metadata': {
        const facts = readV2Metadata(params, this.#main);
        return facts === null ? null : [facts];
      }
      case 'session/update': {
        const update = (params.update ?? {}) as Record<string, unknown>;
        if (update.sessionUpdate !== 'tool_call_chunk' || typeof update.toolCallId !== 'string') return null;
        if (typeof update.title === 'string') this.#updates.previews.set(update.toolCallId, update.title);
        return [];
      }
      case 'error/rate_limit':
        return [warning(text(params.message) ?? 'kiro-cli reported a rate limit.')];
      case 'mcp/server_init_failure': {
        const server = text(params.serverName) ?? text(params.name) ?? 'an MCP server';
        const why = text(params.error) ?? text(params.message);
        return [warning(`MCP server ${server} failed to start${why === null ? '' : `: ${why}`}`)];
      }
      case 'agent/not_found': {
        const requested = text(params.requestedAgent) ?? '?';
        this.missingAgents.add(requested);
        const fallback = text(params.fallbackAgent) ?? 'its default';
        return [warning(`kiro-cli found no agent named "${requested}" and fell back to "${fallback}".`)];
      }
      default:
        return null;
    }
  }
}

function warning(message: string): Unstamped {
  return {type: 'warning', message};
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
