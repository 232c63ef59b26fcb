/** A JSON object read from a store file whose shape kiro-cli may change between versions. */
export type Dict = Record<string, unknown>;

/** The value as an object, or `{}` when it is anything else: one odd field never fails a whole session. */
export const dict = (value: unknown): Dict =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Dict) : {};
