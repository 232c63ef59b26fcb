/**
 * `count` and the noun in the right number: `1 error`, `0 errors`, `2 items`, `0.5 credits`. The plural defaults
 * to the noun plus `s`; irregular nouns pass theirs.
 */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
