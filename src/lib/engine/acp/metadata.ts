import type {MetadataEvent} from '../events.js';

/** A metadata event without its `elapsedMs`, as read from one frame. */
export type MetadataFacts = Omit<MetadataEvent, 'elapsedMs'>;

/**
 * V2 `_kiro.dev/metadata {sessionId, contextUsagePercentage?, meteringUsage?, turnDurationMs?}`: sent after each
 * turn, once at session creation (context only), as bare `{sessionId}` keep-alives, and by every subagent under
 * its own session id. Credits are the sum of the `credit` metering entries; null when there are none.
 */
export function readV2Metadata(params: unknown, mainSessionId: string | null): MetadataFacts | null {
  const p = (params ?? {}) as Record<string, unknown>;
  if (typeof p.sessionId !== 'string') return null;
  return {
    type: 'metadata',
    sessionId: p.sessionId,
    credits: creditSum(p.meteringUsage, 'value'),
    contextUsagePercent: numberOrNull(p.contextUsagePercentage),
    turnDurationMs: numberOrNull(p.turnDurationMs),
    subagent: mainSessionId !== null && p.sessionId !== mainSessionId,
  };
}

/**
 * V3 `session_info_update` whose `_meta.kiro.kind` is `turn_completion {promptTurnSummaries:[{unit, usage}],
 * elapsedTime}` or `context_usage {usagePercentage}`; null for the other kinds (turn_start, turn_end).
 */
export function readV3Metadata(
  sessionId: string,
  kiro: unknown,
  mainSessionId: string | null,
): MetadataFacts | null {
  const k = (kiro ?? {}) as Record<string, unknown>;
  const subagent = mainSessionId !== null && sessionId !== mainSessionId;
  if (k.kind === 'turn_completion') {
    return {
      type: 'metadata',
      sessionId,
      credits: creditSum(k.promptTurnSummaries, 'usage'),
      contextUsagePercent: null,
      turnDurationMs: numberOrNull(k.elapsedTime),
      subagent,
    };
  }
  if (k.kind === 'context_usage') {
    return {
      type: 'metadata',
      sessionId,
      credits: null,
      contextUsagePercent: numberOrNull(k.usagePercentage),
      turnDurationMs: null,
      subagent,
    };
  }
  return null;
}

function creditSum(entries: unknown, key: 'value' | 'usage'): number | null {
  if (!Array.isArray(entries)) return null;
  let sum: number | null = null;
  for (const entry of entries as Array<Record<string, unknown> | null>) {
    const value = entry?.[key];
    const unit = entry?.unit;
    if (typeof value === 'number' && Number.isFinite(value) && (unit === undefined || unit === 'credit')) {
      sum = (sum ?? 0) + value;
    }
  }
  return sum;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
