import {describe, expect, it} from 'vitest';

import {boundEntries} from '../../src/mcp/bound-entries.js';

const entry = (text: string) => ({kind: 'answer', text});
const size = (text: string) => JSON.stringify(entry(text)).length;

describe('boundEntries', () => {
  const all = ['one', 'two', 'three', 'four'].map(entry);

  it('keeps everything within the bounds', () => {
    expect(boundEntries(all, 10, 10_000)).toEqual({entries: all, omittedEntries: 0, truncated: false});
  });

  it('keeps the newest entries, oldest first, within maxEntries', () => {
    expect(boundEntries(all, 2, 10_000)).toEqual({
      entries: all.slice(2),
      omittedEntries: 2,
      truncated: false,
    });
  });

  it('keeps the newest entries that fit maxChars', () => {
    const max = size('three') + size('four');
    expect(boundEntries(all, 10, max)).toEqual({entries: all.slice(2), omittedEntries: 2, truncated: false});
    expect(boundEntries(all, 10, max - 1)).toEqual({
      entries: all.slice(3),
      omittedEntries: 3,
      truncated: false,
    });
  });

  it('cuts the newest entry when it alone is too long', () => {
    const long = [entry('x'.repeat(50))];
    expect(boundEntries(long, 10, 20)).toEqual({
      entries: [entry(`${'x'.repeat(20)}…`)],
      omittedEntries: 0,
      truncated: true,
    });
  });

  it('keeps nothing of nothing', () => {
    expect(boundEntries([], 10, 100)).toEqual({entries: [], omittedEntries: 0, truncated: false});
  });
});
