import {describe, expect, test} from 'vitest';

import {isSessionId, isUuid, isV3SessionId} from '../../src/lib/sessions/ids.js';
import {newestFirst, parseJsonListing, parsePlainListing} from '../../src/lib/sessions/parse-listing.js';
import {relativeTime} from '../../src/lib/sessions/relative-time.js';
import type {SessionEntry} from '../../src/lib/sessions/types.js';

const A = '607a278f-0d2c-4c6e-9a43-1f2b3c4d5e6f';
const B = '0b5c2a52-6f55-4e1c-9a53-3c6f1b0e9d11';
const ESC = '\x1b';
const listed = (id: string, fields: Partial<SessionEntry> = {}): SessionEntry => ({
  id,
  engine: null,
  title: '',
  messages: null,
  updatedAt: null,
  cwd: '/w',
  active: null,
  subagents: null,
  ...fields,
});

describe('kiro-cli session listings', () => {
  test('JSON: groups by cwd with messageCount and complete; bad ids dropped; found in noisy text', () => {
    const doc = [
      {
        cwd: '/w',
        sessions: [
          {sessionId: A, source: 'classic', title: 'hi', updatedAt: '2025-01-02T00:00:00Z', messageCount: 2},
          {sessionId: `sess_${B}`, source: 'protocol', title: 'v3', updatedAt: '2025-01-01T00:00:00Z'},
        ],
        complete: true,
      },
      {cwd: '/v', sessions: [{sessionId: '../../etc', title: 'bad'}]},
    ];
    expect(parseJsonListing(`Failed to retrieve MCP settings\n${JSON.stringify(doc)}\n`)).toEqual([
      listed(A, {title: 'hi', messages: 2, updatedAt: '2025-01-02T00:00:00Z'}),
      listed(`sess_${B}`, {title: 'v3', updatedAt: '2025-01-01T00:00:00Z'}),
    ]);
    expect(parseJsonListing('[]\n')).toEqual([]);
    expect(parseJsonListing('No saved chat sessions\n')).toBeNull();
  });

  test('plain: the two-line form with bold (or reset-only) ids, titles holding " | "', () => {
    const text =
      'Chat sessions for /w:\n\n' +
      `${ESC}[1mChat SessionId: ${A}${ESC}[0m\n  19 seconds ago | a | b | 2 msgs | v1\n` +
      `${ESC}[mChat SessionId: ${B}${ESC}[0m\n  3 minutes ago | say hello | 1 msg | v1\n` +
      `${ESC}[2mChat SessionId: sess_${B}${ESC}[0m\n  4 msgs | v1\n`;
    expect(parsePlainListing(text, '/w')).toEqual([
      listed(A, {title: 'a | b', messages: 2}),
      listed(B, {title: 'say hello', messages: 1}),
      listed(`sess_${B}`, {title: '', messages: 4}),
    ]);
  });

  test('plain: older one-line rows, both empty messages, anything else null', () => {
    expect(parsePlainListing(`${A} | a | b | 2 msgs | v1\n${B} | say hello | 1 msg | v1\n`, '/w')).toEqual([
      listed(A, {title: 'a | b', messages: 2}),
      listed(B, {title: 'say hello', messages: 1}),
    ]);
    expect(parsePlainListing('No saved chat sessions\n', '/w')).toEqual([]);
    expect(parsePlainListing('No saved chat sessions for this directory.\n', '/w')).toEqual([]);
    expect(parsePlainListing("error: unexpected argument '-f' found\n", '/w')).toBeNull();
  });

  test('newestFirst orders by time, undated last in listed order', () => {
    const sorted = newestFirst([
      listed('x'),
      listed('a', {updatedAt: '2025-01-01'}),
      listed('b', {updatedAt: '2025-02-01'}),
      listed('y'),
    ]);
    expect(sorted.map((e) => e.id)).toEqual(['b', 'a', 'x', 'y']);
  });
});

describe('session ids', () => {
  test('a UUID or sess_<UUID>, in their canonical forms only', () => {
    const cases: [string, boolean, boolean][] = [
      [A, true, false],
      [A.toUpperCase(), true, false],
      [`sess_${A}`, false, true],
      [`${A}x`, false, false],
      [`../${A}`, false, false],
      [`sess_../${A}`, false, false],
      [`cli_${A}`, false, false],
      [A.replace(/-/g, ''), false, false],
      ['', false, false],
    ];
    for (const [id, uuid, v3] of cases) {
      expect([id, isUuid(id), isV3SessionId(id), isSessionId(id)]).toEqual([id, uuid, v3, uuid || v3]);
    }
  });
});

describe('relativeTime', () => {
  const now = Date.parse('2026-03-14T12:00:00.000Z');
  test.each([
    ['2026-03-14T12:00:00.000Z', 'just now'],
    ['2026-03-14T11:59:41.000Z', '19 seconds ago'],
    ['2026-03-14T11:59:00.000Z', '1 minute ago'],
    ['2026-03-14T11:57:00.000Z', '3 minutes ago'],
    ['2026-03-14T09:00:00.000Z', '3 hours ago'],
    ['2026-03-12T12:00:00.000Z', '2 days ago'],
    ['2026-01-01T12:00:00.000Z', '2 months ago'],
    ['2024-03-14T12:00:00.000Z', '2 years ago'],
    ['2026-03-14T12:10:00.000Z', 'in the future'],
    ['not a time', 'not a time'],
  ])('%s → %s', (iso, text) => {
    expect(relativeTime(iso, now)).toBe(text);
  });
});
