import {describe, expect, it} from 'vitest';
import {maskKey, redact} from '../../src/lib/redact.js';

describe('redact', () => {
  it.each<[string, string, string[], string]>([
    ['a listed secret', 'token=hunter22 again hunter22', ['hunter22'], 'token=*** again ***'],
    ['a listed ksk_ key keeps its prefix', 'key ksk_AbC-123_xyz.', ['ksk_AbC-123_xyz'], 'key ksk_***.'],
    ['an unlisted ksk_ key', 'KIRO_API_KEY=ksk_live_9f8e7d6c5b4a end', [], 'KIRO_API_KEY=ksk_*** end'],
    ['ksk_ with too short a tail is left alone', 'ksk_abc', [], 'ksk_abc'],
    ['secrets shorter than 4 characters are ignored', 'abc abcd', ['abc', '', 'abcd'], 'abc ***'],
    ['the longer of two overlapping secrets wins', 'password1234', ['pass', 'password1234'], '***'],
    ['regex characters in a secret are literal', 'a.b*c+d a-b-c-d', ['a.b*c+d'], '*** a-b-c-d'],
    ['several keys on one line', 'ksk_aaaa ksk_bbbb', [], 'ksk_*** ksk_***'],
    ['no secrets, no change', 'nothing here', [], 'nothing here'],
  ])('%s', (_name, text, secrets, expected) => {
    expect(redact(text, secrets)).toBe(expected);
  });
});

describe('maskKey', () => {
  it.each([
    ['ksk_0123456789abcdef1a2b', 'ksk_…1a2b'],
    ['ksk_0123456789ab', 'ksk_…89ab'],
    ['ksk_0123456789a', '***'],
    ['', '***'],
  ])('%j → %j', (key, expected) => {
    expect(maskKey(key)).toBe(expected);
  });
});
