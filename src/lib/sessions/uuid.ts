import {UsageError} from '../errors.js';

// kiro-cli session ids are UUIDs; nothing else may reach a path or an argv.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` is a UUID in its canonical 8-4-4-4-12 form. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/** Throw a usage error naming `what` (a flag or argument) when `id` is not a UUID. */
export function assertUuid(id: string, what: string): void {
  if (!isUuid(id)) {
    throw new UsageError(`${what} takes a session id (a UUID), not ${JSON.stringify(id)}.`, [
      'List the ids with kiro-x sessions list.',
    ]);
  }
}
