import type {TurnEvent} from '../engine/events.js';
import {checkQueryOptions, type QueryOptions} from './options.js';
import {turnEvents} from './turn-events.js';

/**
 * Run one kiro-cli turn as a stream of typed events (the `--output stream-json` lines), the last one its
 * `result`: the document `--json` prints. Bad options throw {@link UsageError} here; a missing kiro-cli throws
 * {@link CliNotFoundError} at the first step; a turn that goes wrong is its result, never a throw.
 * `options.signal` cancels the turn, and so does leaving the loop early (`break`, `return`, a throw).
 */
export function query(options: QueryOptions): AsyncGenerator<TurnEvent, void, undefined> {
  const checked = checkQueryOptions(options);
  return turnEvents(checked, [checked.signal]);
}
