import {describe, expect, it} from 'vitest';

import {plural} from '../../src/lib/output/plural.js';

describe('plural', () => {
  it.each([
    [0, 'error', undefined, '0 errors'],
    [1, 'error', undefined, '1 error'],
    [2, 'item', undefined, '2 items'],
    [1, 'credit', undefined, '1 credit'],
    [0.5, 'credit', undefined, '0.5 credits'],
    [1, 'warning', undefined, '1 warning'],
    [3, 'match', 'matches', '3 matches'],
  ])('%d %s', (count, noun, pluralNoun, text) => {
    expect(plural(count, noun, pluralNoun)).toBe(text);
  });
});
