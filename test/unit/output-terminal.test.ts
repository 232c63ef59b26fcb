import {describe, expect, test} from 'vitest';

import {colorLevel, errorLabel, paint, useColor, warningLabel} from '../../src/lib/output/terminal.js';

const tty = {isTTY: true};
const pipe = {isTTY: false};

describe('useColor', () => {
  test.each([
    ['a TTY', tty, {}, true],
    ['a pipe', pipe, {}, false],
    ['a TTY with NO_COLOR=1', tty, {NO_COLOR: '1'}, false],
    ['a TTY with an empty NO_COLOR (ignored, per no-color.org)', tty, {NO_COLOR: ''}, true],
    ['a TTY with TERM=dumb', tty, {TERM: 'dumb'}, false],
    ['a pipe with FORCE_COLOR=1', pipe, {FORCE_COLOR: '1'}, true],
    ['a pipe with an empty FORCE_COLOR', pipe, {FORCE_COLOR: ''}, true],
    ['FORCE_COLOR beating NO_COLOR', pipe, {FORCE_COLOR: '1', NO_COLOR: '1'}, true],
    ['a TTY with FORCE_COLOR=0', tty, {FORCE_COLOR: '0'}, false],
    ['a TTY with FORCE_COLOR=false', tty, {FORCE_COLOR: 'false'}, false],
  ] as const)('%s → %s', (_label, stream, env, expected) => {
    expect(useColor(stream, env)).toBe(expected);
  });

  test('FORCE_COLOR=2 and 3 ask for deeper colour', () => {
    expect(colorLevel(pipe, {FORCE_COLOR: '2'})).toBe(2);
    expect(colorLevel(pipe, {FORCE_COLOR: '3'})).toBe(3);
  });
});

describe('paint', () => {
  test('colours on a TTY', () => {
    expect(paint(tty, {}).red('x')).toBe('\u001b[31mx\u001b[39m');
  });

  test('writes plain text when colour is off', () => {
    expect(paint(pipe, {}).red.bold('x')).toBe('x');
    expect(paint(tty, {NO_COLOR: '1'}).yellow('warning')).toBe('warning');
  });
});

describe("kiro-x's own labels", () => {
  test('red error: and yellow warning: on a TTY, plain on a pipe, under NO_COLOR and by default', () => {
    expect(errorLabel(paint(tty, {}))).toBe('\u001b[31m\u001b[1merror:\u001b[22m\u001b[39m');
    expect(warningLabel(paint(tty, {}))).toBe('\u001b[33mwarning:\u001b[39m');
    expect([errorLabel(paint(pipe, {})), warningLabel(paint(tty, {NO_COLOR: '1'}))]).toEqual([
      'error:',
      'warning:',
    ]);
    expect([errorLabel(), warningLabel()]).toEqual(['error:', 'warning:']);
  });
});
