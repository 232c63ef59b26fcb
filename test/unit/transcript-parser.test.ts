import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {
  parseTranscript,
  TranscriptParser,
  type TranscriptEvent,
} from '../../src/lib/engine/headless/transcript-parser.js';
import type {ToolCall} from '../../src/lib/ask/result.js';
import type {TranscriptSummary} from '../../src/lib/engine/headless/evidence.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const capture = (file: string): Buffer =>
  readFileSync(path.resolve(repoRoot, '../shared/kiro-cli/captures', file));

function parseInChunks(bytes: Buffer, size: number, keepTranscript = true): TranscriptSummary {
  const parser = new TranscriptParser({keepTranscript});
  for (let i = 0; i < bytes.length; i += size) parser.push(bytes.subarray(i, i + size));
  return parser.end();
}

const TOOLS_CALLS: ToolCall[] = [
  {
    tool: 'shell',
    title: 'I will run the following command: git -C /home/u/proj status --short',
    durationMs: 900,
  },
  {tool: 'read', title: 'Batch fs_read operation with 3 operations', durationMs: 100},
  {tool: 'read', title: 'Batch fs_read operation with 2 operations', durationMs: 0},
];

const CAPTURES: Array<[string, string[], ToolCall[], string]> = [
  ['headless-2.21.2-colors.stdout', ['Red\nBlue\nYellow'], [], '> Red\nBlue\nYellow'],
  ['headless-2.18.0-nocolor.stdout', ['ok'], [], '> ok'],
  [
    'headless-2.x-markdown.stdout',
    ['## v1.16.0\n### Features\n- Added things'],
    [],
    '> ## v1.16.0\n### Features\n- Added things',
  ],
  [
    'headless-2.x-tools.stdout.stripped.txt',
    [
      'Substantial work exists across all 10 tasks. Let me verify the current state by running the reproduction script.',
      'Both suites are green.',
    ],
    TOOLS_CALLS,
    capture('headless-2.x-tools.stdout.stripped.txt').toString('utf8'),
  ],
];

describe('TranscriptParser on real captures', () => {
  it.each(CAPTURES)('%s', (file, messages, toolCalls, transcript) => {
    const bytes = capture(file);
    const expected = {
      messages,
      text: messages.at(-1),
      transcript,
      toolCalls,
      loginPrompt: false,
      usageLimit: null,
    };
    expect(parseTranscript(bytes)).toEqual(expected);
    expect(parseInChunks(bytes, 1)).toEqual(expected);
    expect(parseInChunks(bytes, 7, false)).toEqual({...expected, transcript: null});
  });

  it.each(CAPTURES)('%s: message lines and tool calls as they stream', (file, messages, toolCalls) => {
    const events: TranscriptEvent[] = [];
    const parser = new TranscriptParser({
      keepTranscript: false,
      messages: 'last',
      emitMessages: true,
      onEvent: (event) => events.push(event),
    });
    const bytes = capture(file);
    for (let i = 0; i < bytes.length; i += 7) parser.push(bytes.subarray(i, i + 7));
    parser.end();
    // Each message's lines, concatenated, are the message with a newline, indexed as in `messages`.
    const texts: string[] = [];
    for (const event of events) {
      if (event.type === 'message-text')
        texts[event.messageIndex] = (texts[event.messageIndex] ?? '') + event.text;
    }
    expect(texts).toEqual(messages.map((m) => `${m}\n`));
    const calls = events.flatMap((e) => (e.type === 'tool' ? [{...e.call, index: e.index}] : []));
    expect(calls.map((c) => c.index)).toEqual(toolCalls.map((_, i) => i));
    const done = events.flatMap((e) => (e.type === 'tool-completed' ? [[e.index, e.durationMs]] : []));
    expect(done).toEqual(
      toolCalls.flatMap((c, i) => (c.durationMs === undefined ? [] : [[i, c.durationMs]])),
    );
  });
});

const ESC = '\u001b';
const MARK = `${ESC}[38;5;141m> ${ESC}[0m`;

describe('TranscriptParser rules', () => {
  it.each<[string, string | Buffer, Partial<TranscriptSummary>]>([
    [
      'a coloured marker inside a message starts another',
      `${MARK}one\n${MARK}two`,
      {messages: ['one', 'two']},
    ],
    [
      'a NO_COLOR marker inside a message starts another',
      `${ESC}[m> ${ESC}[0mone\n${ESC}[m> ${ESC}[0mtwo`,
      {messages: ['one', 'two']},
    ],
    [
      'a stripped `> ` inside a message is a blockquote',
      `${MARK}quote:\n> cited\nend`,
      {messages: ['quote:\n> cited\nend']},
    ],
    [
      'a stripped `> ` after a tool block starts a message',
      'Searching for: x (using tool: grep)\n> found it',
      {messages: ['found it'], toolCalls: [{tool: 'grep', title: 'Searching for: x'}]},
    ],
    ['trailing blank lines and spaces are trimmed', `${MARK}hi  \n\n  \n`, {messages: ['hi'], text: 'hi'}],
    [
      'leading blank lines are dropped, indentation kept',
      `${MARK}\n\n  indented\n`,
      {messages: ['  indented']},
    ],
    [
      'a marker with nothing after it adds no message',
      `${MARK}\nReading file: a, all lines (using tool: read)\n`,
      {messages: [], text: ''},
    ],
    [
      'parentheses in a title are kept',
      'Reading file: a (copy).txt, all lines (using tool: read)\n',
      {toolCalls: [{tool: 'read', title: 'Reading file: a (copy).txt, all lines'}]},
    ],
    ['text before the first marker is not a message', 'stray\n> answer', {messages: ['answer']}],
    [
      'text with no marker at all is the message',
      'plain answer\nline 2\n',
      {messages: ['plain answer\nline 2']},
    ],
    ['empty stdout', '', {messages: [], text: '', transcript: ''}],
    ['CRLF line ends', `${MARK}a\r\nb\r\n`, {messages: ['a\nb'], transcript: '> a\nb\n'}],
    [
      'OSC hyperlinks and SGR are stripped',
      `${MARK}see ${ESC}]8;;https://x.dev${ESC}\\link${ESC}]8;;${ESC}\\ and ${ESC}[1mbold${ESC}[m`,
      {messages: ['see link and bold']},
    ],
    [
      'invalid UTF-8 becomes U+FFFD',
      Buffer.from([0x3e, 0x20, 0x61, 0xff, 0xfe, 0x62]),
      {messages: ['a\uFFFD\uFFFDb']},
    ],
    [
      'an MCP tool becomes @server/tool',
      'Running tool search_issues with the param (from mcp server: github)\n{"q": "x"}\n - Completed in 2m 3s\n> done',
      {
        toolCalls: [
          {
            tool: '@github/search_issues',
            title: 'Running tool search_issues with the param',
            durationMs: 123000,
          },
        ],
        messages: ['done'],
      },
    ],
    [
      'a Completed line with no open tool is ignored; a new message closes the batch',
      'Creating: a (using tool: write)\n> ok\n - Completed in 1.2s\nReading file: b, all lines (using tool: read)\nCompleted in 850ms',
      {
        messages: ['ok\n - Completed in 1.2s'],
        toolCalls: [
          {tool: 'write', title: 'Creating: a'},
          {tool: 'read', title: 'Reading file: b, all lines', durationMs: 850},
        ],
      },
    ],
    [
      'two parallel headers on one physical line are two calls; completions go to them in order',
      `${MARK}Let me look.${ESC}[0m${ESC}[0m\n` +
        'Reading file: a, all lines (using tool: read)I will run the following command: echo one (using tool: shell)\n' +
        'Purpose: Print one\n\n ✓ Successfully read 12 bytes from a\n - Completed in 0.002s\n\none\n- Completed in 1.596s\n\n' +
        `${MARK}done`,
      {
        messages: ['Let me look.', 'done'],
        toolCalls: [
          {tool: 'read', title: 'Reading file: a, all lines', durationMs: 2},
          {tool: 'shell', title: 'I will run the following command: echo one', durationMs: 1596},
        ],
      },
    ],
    [
      'a header sharing its line with its completion records the duration',
      "Introspecting kiro-cli's own documentation (using tool: introspect) - Completed in 0.68s\n\n> ok",
      {
        messages: ['ok'],
        toolCalls: [
          {tool: 'introspect', title: "Introspecting kiro-cli's own documentation", durationMs: 680},
        ],
      },
    ],
    [
      'a completion on a header line goes to the oldest open call, like any other',
      'Reading file: a, all lines (using tool: read)\nSearching for: x (using tool: grep)-Completed in 0.5s\n - Completed in 0.7s\n',
      {
        toolCalls: [
          {tool: 'read', title: 'Reading file: a, all lines', durationMs: 500},
          {tool: 'grep', title: 'Searching for: x', durationMs: 700},
        ],
      },
    ],
    [
      'a built-in and an MCP header on one line',
      'Searching for: x (using tool: grep)Running tool push with the param (from mcp server: git)\n',
      {
        toolCalls: [
          {tool: 'grep', title: 'Searching for: x'},
          {tool: '@git/push', title: 'Running tool push with the param'},
        ],
      },
    ],
    [
      'text after the last header is no header line',
      'I use (using tool: shell) often, he said\n',
      {toolCalls: [], messages: ['I use (using tool: shell) often, he said']},
    ],
    [
      'an empty tool name is skipped',
      'Odd header (using tool: )Reading file: a, all lines (using tool: read)\n',
      {toolCalls: [{tool: 'read', title: 'Reading file: a, all lines'}]},
    ],
    [
      "V3's usage-limit line on stdout is evidence, not an answer",
      "You've reached your monthly usage limit.\n",
      {messages: [], text: '', usageLimit: "You've reached your monthly usage limit."},
    ],
    [
      'a usage-limit sentence inside a message is the answer',
      `${MARK}You've reached your monthly usage limit, says the doc.`,
      {messages: ["You've reached your monthly usage limit, says the doc."], usageLimit: null},
    ],
  ])('%s', (_name, input, expected) => {
    const bytes = Buffer.from(input);
    const summary = parseTranscript(bytes);
    expect(summary).toMatchObject(expected);
    expect(parseInChunks(bytes, 1)).toEqual(summary);
  });

  it.each([
    ['Open this URL: https://view.awsapps.com/start/#/device?user_code=ABCD-EFGH'],
    ['https://oidc.us-east-1.amazonaws.com/device?user_code=ABCD'],
    ['Logging in...'],
    ['Confirm the following code in the browser'],
  ])('sees a login prompt in %j', (line) => {
    expect(parseTranscript(`${line}\n`)).toEqual({
      messages: [],
      text: '',
      transcript: `${line}\n`,
      toolCalls: [],
      loginPrompt: true,
      usageLimit: null,
    });
  });

  it('reports events in order, and a login prompt before its line ends', () => {
    const events: TranscriptEvent[] = [];
    const parser = new TranscriptParser({
      keepTranscript: false,
      emitLines: true,
      onEvent: (event) => events.push(event),
    });
    parser.push(Buffer.from(`Reading file: a, all lines (using tool: read)\n${MARK}hi\nLogging in...`));
    expect(events).toEqual([
      {type: 'line', text: 'Reading file: a, all lines (using tool: read)'},
      {type: 'tool', call: {tool: 'read', title: 'Reading file: a, all lines'}, index: 0},
      {type: 'line', text: '> hi'},
      {type: 'message-start'},
      {type: 'login-prompt'},
    ]);
    expect(parser.end().loginPrompt).toBe(true);
    expect(events.at(-1)).toEqual({type: 'line', text: 'Logging in...'});
  });

  it('streams a message line once it is known to belong: blank lines wait for the text after them', () => {
    const events: TranscriptEvent[] = [];
    const parser = new TranscriptParser({
      keepTranscript: false,
      emitMessages: true,
      onEvent: (e) => events.push(e),
    });
    parser.push(Buffer.from(`${MARK}one\n\n\ntwo\n\n`));
    const text = (): string[] => events.flatMap((e) => (e.type === 'message-text' ? [e.text] : []));
    expect(text()).toEqual(['one\n', '\n\ntwo\n']);
    parser.push(Buffer.from(`${MARK}three`));
    expect(text()).toEqual(['one\n', '\n\ntwo\n']);
    expect(parser.end().messages).toEqual(['one\n\n\ntwo', 'three']);
    expect(events.filter((e) => e.type === 'message-text').at(-1)).toEqual({
      type: 'message-text',
      text: 'three\n',
      messageIndex: 1,
    });
  });

  it('streams an answer that had no marker at the end, and reports no message lines unless asked', () => {
    const events: TranscriptEvent[] = [];
    const parser = new TranscriptParser({
      keepTranscript: false,
      emitMessages: true,
      onEvent: (e) => events.push(e),
    });
    parser.push(Buffer.from('plain answer\nsecond line'));
    parser.end();
    expect(events).toEqual([{type: 'message-text', text: 'plain answer\nsecond line\n', messageIndex: 0}]);
    const quiet: TranscriptEvent[] = [];
    const silent = new TranscriptParser({keepTranscript: false, onEvent: (e) => quiet.push(e)});
    silent.push(Buffer.from(`${MARK}hi\n`));
    silent.end();
    expect(quiet).toEqual([{type: 'message-start'}]);
  });
});

describe('TranscriptParser at scale', () => {
  it('keeps a 5 MB single line whole, in 64 KiB chunks', () => {
    const body = 'x'.repeat(5 * 1024 * 1024);
    const bytes = Buffer.from(`${MARK}${body}\nafter`);
    const summary = parseInChunks(bytes, 65536, false);
    expect(summary.messages).toHaveLength(1);
    expect(summary.text).toBe(`${body}\nafter`);
  });

  it('reads a 5 MB line of spaces', () => {
    const summary = parseInChunks(
      Buffer.from(`${MARK}a${' '.repeat(5 * 1024 * 1024)}(x\n - Completed in `),
      65536,
    );
    expect(summary.messages).toEqual(['a' + ' '.repeat(5 * 1024 * 1024) + '(x\n - Completed in']);
  });

  it('streams tool output without keeping it', () => {
    const output = `${'a'.repeat(1000)}\n`.repeat(100);
    const block = Buffer.from(
      `I will run the following command: ls (using tool: shell)\n${output} - Completed in 1s\n`,
    );
    const parser = new TranscriptParser({keepTranscript: false});
    parser.push(Buffer.from(`${MARK}start\n`));
    for (let i = 0; i < 200; i++) parser.push(block);
    parser.push(Buffer.from(`${MARK}end`));
    const summary = parser.end();
    expect(summary.transcript).toBeNull();
    expect(summary.messages).toEqual(['start', 'end']);
    expect(summary.toolCalls).toHaveLength(200);
    expect(summary.toolCalls[199]).toEqual({
      tool: 'shell',
      title: 'I will run the following command: ls',
      durationMs: 1000,
    });
  });
});

describe('TranscriptParser with messages: last', () => {
  it('keeps only the final message, identical to what `all` gives last', () => {
    const bytes = Buffer.from(
      `${MARK}first\nReading file: a (using tool: read)\n${MARK}\n  second  \n\n  third\n\n`,
    );
    const all = new TranscriptParser({keepTranscript: false});
    const last = new TranscriptParser({keepTranscript: false, messages: 'last'});
    all.push(bytes);
    last.push(bytes);
    expect(all.end().messages).toEqual(['first', '  second  \n\n  third']);
    expect(last.end()).toEqual({
      messages: ['  second  \n\n  third'],
      text: '  second  \n\n  third',
      transcript: null,
      toolCalls: [{tool: 'read', title: 'Reading file: a'}],
      loginPrompt: false,
      usageLimit: null,
    });
  });

  it('spools a message larger than memory and gives it back whole', () => {
    const body = `${'y'.repeat(99)}\n`.repeat(200_000);
    const parser = new TranscriptParser({keepTranscript: true, messages: 'last'});
    parser.push(Buffer.from(`${MARK}${body}end`));
    const spooled = parser.endSpooled();
    expect(spooled.messages).toHaveLength(1);
    expect(spooled.messages[0]?.spilled).toBe(true);
    expect(spooled.messages[0]?.toString()).toBe(`${body}end`);
    expect(spooled.transcript?.toString()).toBe(`> ${body}end`);
  });
});
