import {describe, expect, test} from 'vitest';

import {
  verdictFromListings,
  verdictFromStore,
  type SessionChange,
} from '../../src/lib/sessions/turn-verdict.js';
import type {SessionEntry} from '../../src/lib/sessions/types.js';

const A = '607a278f-0d2c-4c6e-9a43-1f2b3c4d5e6f';
const B = '0b5c2a52-6f55-4e1c-9a53-3c6f1b0e9d11';
const C = '11111111-2222-4333-8444-555555555555';
const fresh = {resume: false, resumeId: undefined};
const latest = {resume: true, resumeId: undefined};
const byId = (id: string) => ({resume: false, resumeId: id});
const change = (id: string, existed: boolean, prompts: string[] | null): SessionChange => ({
  id,
  existed,
  prompts,
});
const ok = (id: string, resumed: boolean | null) => ({id, resumed, warnings: [], notice: null});

describe('verdictFromStore: the session that received the prompt', () => {
  test('a new turn: the one new session holding the prompt; others changing at once do not matter', () => {
    expect(verdictFromStore([change(A, false, ['hi'])], 'hi', fresh)).toEqual(ok(A, null));
    expect(
      verdictFromStore([change(B, true, ['other run']), change(A, false, [' hi\r\n'])], 'hi\n', fresh),
    ).toEqual(ok(A, null));
  });

  test('--resume-id X: resumed only when the prompt went to X', () => {
    expect(verdictFromStore([change(A, true, ['again'])], 'again', byId(A))).toEqual(ok(A, true));
    const sentence = `kiro-cli did not continue session ${A}: the turn went to a new session, ${B}.`;
    expect(verdictFromStore([change(B, false, ['again'])], 'again', byId(A))).toEqual({
      id: B,
      resumed: false,
      warnings: [`conversation NOT resumed: ${sentence}`],
      notice: `The conversation was NOT resumed: ${sentence}`,
    });
  });

  test('--resume: resumed when the prompt was appended to an existing session', () => {
    expect(verdictFromStore([change(A, true, ['more'])], 'more', latest)).toEqual(ok(A, true));
    const sentence = `kiro-cli did not continue the latest conversation of this directory: the turn went to a new session, ${B}.`;
    expect(verdictFromStore([change(B, false, ['more'])], 'more', latest)).toMatchObject({
      id: B,
      resumed: false,
      warnings: [`conversation NOT resumed: ${sentence}`],
    });
  });

  test('unknown rather than guessed: nothing changed, no holder of the prompt, several holders', () => {
    expect(verdictFromStore([], 'hi', fresh)).toEqual({
      id: null,
      resumed: null,
      warnings: ['session id unknown: no session of this directory changed during the turn.'],
      notice: null,
    });
    expect(verdictFromStore([], 'hi', byId(A))).toMatchObject({id: null, resumed: false});
    expect(verdictFromStore([change(A, false, ['not mine'])], 'hi', fresh)).toMatchObject({
      id: null,
      warnings: ['session id unknown: no session that changed during the turn holds this prompt.'],
    });
    expect(verdictFromStore([change(A, false, [])], 'hi', fresh).id).toBeNull();
    expect(verdictFromStore([change(A, false, ['hi']), change(B, false, ['hi'])], 'hi', fresh)).toMatchObject(
      {
        id: null,
        warnings: ['session id unknown: 2 sessions of this directory received this prompt during the turn.'],
      },
    );
  });

  test('events kiro-x cannot read: one changed session counts, several do not', () => {
    expect(verdictFromStore([change(A, false, null)], 'hi', fresh)).toEqual(ok(A, null));
    expect(verdictFromStore([change(A, false, null), change(B, false, null)], 'hi', fresh).id).toBeNull();
  });
});

describe('verdictFromListings: kiro-cli listings around the turn', () => {
  const entry = (id: string, updatedAt: string | null): SessionEntry => ({
    id,
    engine: null,
    title: '',
    messages: null,
    updatedAt,
    cwd: '/w',
    active: null,
    subagents: null,
  });

  test('exactly one new entry is the id', () => {
    expect(verdictFromListings([entry(A, 't1')], [entry(B, 't2'), entry(A, 't1')], fresh)).toEqual(
      ok(B, null),
    );
  });

  test('none or several new entries give null with the reason', () => {
    expect(verdictFromListings([entry(A, 't1')], [entry(A, 't2')], fresh)).toMatchObject({
      id: null,
      warnings: ['session id unknown: kiro-cli listed no new session for this directory.'],
    });
    expect(verdictFromListings([], [entry(A, 't'), entry(B, 't')], fresh)).toMatchObject({
      id: null,
      warnings: ['session id unknown: 2 new sessions appeared in this directory during the turn.'],
    });
  });

  test('a resume: the one entry whose time moved; a new entry means it was not resumed', () => {
    const before = [entry(A, 't1'), entry(B, 't1')];
    expect(verdictFromListings(before, [entry(A, 't2'), entry(B, 't1')], latest)).toEqual(ok(A, true));
    expect(verdictFromListings(before, [entry(A, 't2'), entry(B, 't1')], byId(A))).toEqual(ok(A, true));
    expect(verdictFromListings(before, [entry(C, 't3'), ...before], byId(A))).toMatchObject({
      id: C,
      resumed: false,
    });
  });
});
