import {describe, expect, test} from 'vitest';

import {newestFirst, parseJsonListing, parsePlainListing} from '../../src/lib/sessions/parse-listing.js';
import {sessionIdFromListings} from '../../src/lib/sessions/session-id.js';
import {eventToEntry} from '../../src/lib/sessions/show.js';
import {isUuid} from '../../src/lib/sessions/uuid.js';

const A = '607a278f-0d2c-4c6e-9a43-1f2b3c4d5e6f';
const B = '0b5c2a52-6f55-4e1c-9a53-3c6f1b0e9d11';
const entry = (id: string, updatedAt: string | null) => ({
  id,
  title: '',
  messages: null,
  updatedAt,
  cwd: '/w',
});

describe('session listings', () => {
  test('JSON: groups by cwd, non-UUID ids dropped, found in noisy text', () => {
    const doc = [
      {
        cwd: '/w',
        sessions: [{sessionId: A, source: 'classic', title: 'hi', updatedAt: '2025-01-02T00:00:00Z'}],
      },
      {cwd: '/v', sessions: [{sessionId: '../../etc', title: 'bad'}]},
    ];
    expect(parseJsonListing(`Failed to retrieve MCP settings\n${JSON.stringify(doc)}\n`)).toEqual([
      {id: A, title: 'hi', messages: null, updatedAt: '2025-01-02T00:00:00Z', cwd: '/w'},
    ]);
    expect(parseJsonListing('[]\n')).toEqual([]);
    expect(parseJsonListing('No saved chat sessions\n')).toBeNull();
  });

  test('plain rows: titles with pipes, message counts, the empty message, anything else null', () => {
    expect(parsePlainListing(`${A} | a | b | 2 msgs | v1\n${B} | say hello | 1 msg | v1\n`, '/w')).toEqual([
      {id: A, title: 'a | b', messages: 2, updatedAt: null, cwd: '/w'},
      {id: B, title: 'say hello', messages: 1, updatedAt: null, cwd: '/w'},
    ]);
    expect(parsePlainListing('No saved chat sessions\n', '/w')).toEqual([]);
    expect(parsePlainListing("error: unexpected argument '-f' found\n", '/w')).toBeNull();
  });

  test('newestFirst orders by time, undated last in listed order', () => {
    const sorted = newestFirst([
      entry('x', null),
      entry('a', '2025-01-01'),
      entry('b', '2025-02-01'),
      entry('y', null),
    ]);
    expect(sorted.map((e) => e.id)).toEqual(['b', 'a', 'x', 'y']);
  });

  test('isUuid accepts only the canonical form', () => {
    expect([A, A.toUpperCase(), `${A}x`, `../${A}`, A.replace(/-/g, ''), ''].map(isUuid)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('sessionIdFromListings', () => {
  test('exactly one new entry is the id', () => {
    expect(sessionIdFromListings([entry(A, 't1')], [entry(B, 't2'), entry(A, 't1')], false)).toEqual({
      id: B,
      warning: null,
    });
  });

  test('none or several new entries give null with the reason', () => {
    expect(sessionIdFromListings([entry(A, 't1')], [entry(A, 't2')], false)).toEqual({
      id: null,
      warning: 'session id unknown: kiro-cli listed no new session for this directory.',
    });
    expect(sessionIdFromListings([], [entry(A, 't'), entry(B, 't')], false)).toEqual({
      id: null,
      warning: 'session id unknown: 2 new sessions appeared in this directory during the turn.',
    });
  });

  test('a --resume turn counts the one entry whose time moved', () => {
    expect(
      sessionIdFromListings([entry(A, 't1'), entry(B, 't1')], [entry(A, 't2'), entry(B, 't1')], true),
    ).toEqual({
      id: A,
      warning: null,
    });
  });
});

describe('eventToEntry', () => {
  test('reads the V2 event kinds leniently', () => {
    expect(eventToEntry('{"version":"v1","kind":"Prompt","data":{"text":"hi"}}')).toEqual({
      kind: 'prompt',
      text: 'hi',
    });
    expect(eventToEntry('{"kind":"AssistantMessage","data":{"content":"yo"}}')).toEqual({
      kind: 'answer',
      text: 'yo',
    });
    expect(eventToEntry('{"kind":"ToolResults","data":{"tool":"shell","title":"ls","status":"ok"}}')).toEqual(
      {
        kind: 'tool',
        tool: 'shell',
        title: 'ls',
        status: 'ok',
        output: null,
      },
    );
    expect(eventToEntry('{"kind":"Compaction"}')).toEqual({kind: 'other', event: 'Compaction'});
    expect(eventToEntry('not json')).toBeNull();
  });
});
