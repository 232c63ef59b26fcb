import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {explainOutput} from '../../src/lib/engine/headless/explain-output.js';
import {parseKiroDuration} from '../../src/lib/engine/headless/kiro-time.js';
import {StderrScanner} from '../../src/lib/engine/headless/stderr-scanner.js';
import type {StderrFacts} from '../../src/lib/engine/headless/evidence.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const capture = (file: string): Buffer =>
  readFileSync(path.resolve(repoRoot, '../shared/kiro-cli/captures', file));

function scan(
  input: string | Buffer,
  chunkSize = Number.MAX_SAFE_INTEGER,
): {facts: StderrFacts; tail: string} {
  const bytes = Buffer.from(input);
  const scanner = new StderrScanner();
  for (let i = 0; i < bytes.length; i += chunkSize) scanner.push(bytes.subarray(i, i + chunkSize));
  return {facts: scanner.end(), tail: scanner.tail()};
}

const NONE: StderrFacts = {
  credits: null,
  kiroTimeMs: null,
  trailer: false,
  authFailed: false,
  usageLimit: null,
  limitResets: null,
  cliUsage: null,
  agentFallbacks: [],
  deniedTools: [],
  backendTrouble: [],
  warnings: [],
  explanation: null,
};
const SGR = (text: string): string => `\u001b[38;5;8m${text}\u001b[0m`;

describe('StderrScanner on the trust-all capture', () => {
  const bytes = capture('headless-2.x-trust-all.stderr');
  const expected = {
    facts: {...NONE, credits: 3.96, kiroTimeMs: 849_000, trailer: true},
    tail: [
      'All tools are now trusted (!). Kiro will execute tools without asking for confirmation.',
      'Agents can sometimes do unexpected things so understand the risks.',
      '',
      'Learn more at https://kiro.dev/docs/cli/chat/security/#using-tools-trust-all-safely',
      '',
      '',
      '',
      '',
      '',
      ' ▸ Credits: 3.96 • Time: 14m 9s',
    ].join('\n'),
  };
  it.each([[Number.MAX_SAFE_INTEGER], [1], [3]])('in chunks of %i bytes', (size) => {
    expect(scan(bytes, size)).toEqual(expected);
  });
});

describe('StderrScanner line rules', () => {
  const denied = 'Command execute_bash is rejected because it matches one or more rules on the denied list:';
  const reason = '  - non-interactive mode (no user to approve)';
  const deniedWarning =
    'Command execute_bash is rejected because it matches one or more rules on the denied list: non-interactive mode (no user to approve); allow it with --trust-tools shell';
  const modelError =
    "error: Model 'gpt-9' does not exist. Available models: auto, claude-sonnet-4.5, claude-haiku-4.5, claude-opus-4.5";
  const quotaBody =
    '[ERROR] [KRS] HTTP 400 body={"__type":"com.amazon.kiro#ServiceQuotaExceededException","reason":"MONTHLY_REQUEST_COUNT"}';
  it.each<[string, string, Partial<StderrFacts>]>([
    ['trailer', '\n ▸ Credits: 0.06 • Time: 4s\n\n', {trailer: true, credits: 0.06, kiroTimeMs: 4000}],
    [
      'trailer in SGR',
      `${SGR('▸ Credits: 0 • Time: 850ms')}\n`,
      {trailer: true, credits: 0, kiroTimeMs: 850},
    ],
    [
      'trailer with a thousands separator',
      '▸ Credits: 1,234.5 • Time: 1h 2m 3s',
      {trailer: true, credits: 1234.5, kiroTimeMs: 3_723_000},
    ],
    ['trailer without time', '▸ Credits: 3.96', {trailer: true, credits: 3.96}],
    ['time-only trailer (no credits)', '\n ▸ Time: 19s\n\n', {trailer: true, kiroTimeMs: 19_000}],
    ['time-only trailer in SGR', `${SGR(' ▸ Time: 2m 18s')}\n`, {trailer: true, kiroTimeMs: 138_000}],
    ['trailer with unreadable numbers', '▸ Credits: n/a • Time: soon', {trailer: true}],
    [
      'credits mentioned elsewhere is no trailer',
      'Credits: 3.96 • Time: 4s',
      {explanation: 'Credits: 3.96 • Time: 4s'},
    ],
    [
      'invalid key',
      'Authentication failed. Your API key may be invalid or expired.\n',
      {authFailed: true, explanation: 'Authentication failed. Your API key may be invalid or expired.'},
    ],
    [
      'not logged in (new builds)',
      'Not logged in. Set the KIRO_API_KEY environment variable or run `kiro-cli login` first.',
      {
        authFailed: true,
        explanation:
          'Not logged in. Set the KIRO_API_KEY environment variable or run `kiro-cli login` first.',
      },
    ],
    ['not logged in (plain)', 'Not logged in\n', {authFailed: true, explanation: 'Not logged in'}],
    [
      'profileArn is required (2.x backend report): auth, the cause joined to its heading',
      'Kiro is having trouble responding right now: \n' +
        '   0: Failed to send the request: An unknown error occurred: profileArn is required but no profiles are available. Please log in and select a profile.\n' +
        '   1: An unknown error occurred: profileArn is required but no profiles are available. Please log in and select a profile.\n\n' +
        'Location:\n   crates/chat-cli/src/cli/chat/mod.rs:1647\n\n' +
        'Backtrace omitted. Run with RUST_BACKTRACE=1 environment variable to display it.\n',
      {
        authFailed: true,
        backendTrouble: ['Kiro is having trouble responding right now:'],
        warnings: [
          'Kiro is having trouble responding right now: Failed to send the request: An unknown error occurred: profileArn is required but no profiles are available. Please log in and select a profile.',
        ],
        explanation:
          'Kiro is having trouble responding right now: Failed to send the request: An unknown error occurred: profileArn is required but no profiles are available. Please log in and select a profile.',
      },
    ],
    [
      'agent fallback with a path name',
      'Error: no agent with name /x/my agent.json found. Falling back to user specified default',
      {
        agentFallbacks: ['/x/my agent.json'],
        warnings: [
          'Error: no agent with name /x/my agent.json found. Falling back to user specified default',
        ],
        explanation:
          'Error: no agent with name /x/my agent.json found. Falling back to user specified default',
      },
    ],
    [
      'denied tool, twice: its reason joined and the flag that allows it',
      `${denied}\n${reason}\n${denied}\n${reason}\n`,
      {
        deniedTools: ['execute_bash'],
        warnings: [deniedWarning],
        explanation: `${denied} non-interactive mode (no user to approve)`,
      },
    ],
    [
      'denied tool with two reasons, internal names mapped to --trust-tools names',
      'Command fs_write is rejected because it matches one or more rules on the denied list:\n  - rule a\n  - rule b\nnext\n',
      {
        deniedTools: ['fs_write'],
        warnings: [
          'Command fs_write is rejected because it matches one or more rules on the denied list: rule a; rule b; allow it with --trust-tools write',
        ],
        explanation:
          'Command fs_write is rejected because it matches one or more rules on the denied list: rule a; rule b',
      },
    ],
    [
      'denied MCP tool keeps its name',
      'Tool @git/push is rejected because it matches one or more rules on the denied list:\n  - non-interactive mode (no user to approve)\n',
      {
        deniedTools: ['@git/push'],
        warnings: [
          'Tool @git/push is rejected because it matches one or more rules on the denied list: non-interactive mode (no user to approve); allow it with --trust-tools @git/push',
        ],
        explanation:
          'Tool @git/push is rejected because it matches one or more rules on the denied list: non-interactive mode (no user to approve)',
      },
    ],
    [
      'agent fallback worded by the V3 harness',
      'agent "reviewer" not found, using "kiro_default"',
      {
        agentFallbacks: ['reviewer'],
        warnings: ['agent "reviewer" not found, using "kiro_default"'],
        explanation: 'agent "reviewer" not found, using "kiro_default"',
      },
    ],
    [
      'an agent file kiro-cli rejects is a warning, not yet a fallback',
      'Error: Json supplied at /w/.kiro/agents/a.json is invalid: unknown field `colour`, expected one of `name`',
      {
        warnings: [
          'Error: Json supplied at /w/.kiro/agents/a.json is invalid: unknown field `colour`, expected one of `name`',
        ],
        explanation:
          'Error: Json supplied at /w/.kiro/agents/a.json is invalid: unknown field `colour`, expected one of `name`',
      },
    ],
    [
      'older approval error',
      'error: Tool approval required but --no-interactive was specified. Use --trust-all-tools to allow it.',
      {
        deniedTools: ['unknown'],
        warnings: [
          'error: Tool approval required but --no-interactive was specified. Use --trust-all-tools to allow it.',
        ],
        explanation:
          'error: Tool approval required but --no-interactive was specified. Use --trust-all-tools to allow it.',
      },
    ],
    [
      'older approval error naming the tool',
      'error: Tool approval required but --no-interactive was specified (tool: use_aws)',
      {
        deniedTools: ['use_aws'],
        warnings: [
          'error: Tool approval required but --no-interactive was specified (tool: use_aws); allow it with --trust-tools aws',
        ],
        explanation: 'error: Tool approval required but --no-interactive was specified (tool: use_aws)',
      },
    ],
    [
      'backend trouble',
      'Kiro is having trouble responding right now: 503\nRequest quota exceeded. Please wait a moment and try again.\n' +
        "The model you've selected is temporarily unavailable. Please relaunch with '--model <model_id>' to use a different model.\n",
      {
        backendTrouble: [
          'Kiro is having trouble responding right now: 503',
          'Request quota exceeded. Please wait a moment and try again.',
          "The model you've selected is temporarily unavailable. Please relaunch with '--model <model_id>' to use a different model.",
        ],
        warnings: [
          'Kiro is having trouble responding right now: 503',
          'Request quota exceeded. Please wait a moment and try again.',
          "The model you've selected is temporarily unavailable. Please relaunch with '--model <model_id>' to use a different model.",
        ],
        explanation: 'Kiro is having trouble responding right now: 503',
      },
    ],
    [
      'a rate limit: the warning line and the quota line are one message',
      '⚠️  Kiro rate limit reached:\nRequest quota exceeded. Please wait a moment and try again.\n',
      {
        backendTrouble: [
          '⚠️  Kiro rate limit reached:',
          'Request quota exceeded. Please wait a moment and try again.',
        ],
        warnings: [
          '⚠️  Kiro rate limit reached: Request quota exceeded. Please wait a moment and try again.',
        ],
        explanation:
          '⚠️  Kiro rate limit reached: Request quota exceeded. Please wait a moment and try again.',
      },
    ],
    [
      'throttling, capacity and network failures are backend trouble',
      'ThrottlingException: Rate exceeded\nInsufficientModelCapacity: try later\nError: dispatch failure (io error): reset\n',
      {
        backendTrouble: [
          'ThrottlingException: Rate exceeded',
          'InsufficientModelCapacity: try later',
          'Error: dispatch failure (io error): reset',
        ],
        warnings: [
          'ThrottlingException: Rate exceeded',
          'InsufficientModelCapacity: try later',
          'Error: dispatch failure (io error): reset',
        ],
        explanation: 'Error: dispatch failure (io error): reset',
      },
    ],
    [
      'V2 usage limit with its reset date',
      'Failed to retrieve MCP settings; MCP functionality disabled\nMonthly request limit reached\nThe limits reset on 10/01.\n',
      {
        usageLimit: 'Monthly request limit reached',
        limitResets: '10/01',
        warnings: [
          'Failed to retrieve MCP settings; MCP functionality disabled',
          'Monthly request limit reached',
        ],
        explanation: 'Monthly request limit reached',
      },
    ],
    [
      'V3 usage limit: the backend body',
      `${quotaBody}\n`,
      {usageLimit: quotaBody, warnings: [quotaBody], explanation: quotaBody},
    ],
    [
      'a usage-limit sentence wins over an earlier code',
      'UsageLimitReachedError\nYou have reached the limit for overages.\n',
      {
        usageLimit: 'You have reached the limit for overages.',
        warnings: ['UsageLimitReachedError', 'You have reached the limit for overages.'],
        explanation: 'You have reached the limit for overages.',
      },
    ],
    [
      'daily request count',
      'error: DailyRequestCount exceeded\n',
      {
        usageLimit: 'error: DailyRequestCount exceeded',
        warnings: ['error: DailyRequestCount exceeded'],
        explanation: 'error: DailyRequestCount exceeded',
      },
    ],
    [
      'clap error after chat (2.4.2+): the error line, not the usage line',
      "error: unexpected argument '--effort' found\n\nUsage: kiro-cli-chat chat [OPTIONS] [INPUT]\n\nFor more information, try '--help'.\n",
      {
        cliUsage: "error: unexpected argument '--effort' found",
        warnings: ["error: unexpected argument '--effort' found"],
        explanation: "error: unexpected argument '--effort' found",
      },
    ],
    [
      'clap value error',
      "error: invalid value 'x' for '--effort <EFFORT>'\n  [possible values: low, medium]\n",
      {
        cliUsage: "error: invalid value 'x' for '--effort <EFFORT>'",
        warnings: ["error: invalid value 'x' for '--effort <EFFORT>'"],
        explanation: "error: invalid value 'x' for '--effort <EFFORT>'",
      },
    ],
    [
      'unknown model under an API key: the error, not the MCP notice printed first',
      `Failed to retrieve MCP settings; MCP functionality disabled\n${modelError}\n`,
      {
        warnings: ['Failed to retrieve MCP settings; MCP functionality disabled', modelError],
        explanation: modelError,
      },
    ],
    [
      'unknown --resume-id: the error, not the MCP notice',
      'Failed to retrieve MCP settings; MCP functionality disabled\nerror: Conversation session 0000 not found\n',
      {
        warnings: [
          'Failed to retrieve MCP settings; MCP functionality disabled',
          'error: Conversation session 0000 not found',
        ],
        explanation: 'error: Conversation session 0000 not found',
      },
    ],
    [
      'a Rust panic: the location joined to its message; the backtrace hint is noise',
      "Failed to retrieve MCP settings; MCP functionality disabled\n\nthread 'main' panicked at crates/chat-cli/src/cli/chat/mod.rs:812:17:\n" +
        'simulated panic while streaming the response\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n',
      {
        warnings: [
          'Failed to retrieve MCP settings; MCP functionality disabled',
          "thread 'main' panicked at crates/chat-cli/src/cli/chat/mod.rs:812:17: simulated panic while streaming the response",
        ],
        explanation:
          "thread 'main' panicked at crates/chat-cli/src/cli/chat/mod.rs:812:17: simulated panic while streaming the response",
      },
    ],
    [
      'an old-style panic on one line',
      "thread 'main' panicked at 'index out of bounds', src/main.rs:3:5\n",
      {
        warnings: ["thread 'main' panicked at 'index out of bounds', src/main.rs:3:5"],
        explanation: "thread 'main' panicked at 'index out of bounds', src/main.rs:3:5",
      },
    ],
    [
      'only noise: nothing explains',
      'Failed to retrieve MCP settings; MCP functionality disabled\n' +
        'All tools are now trusted (!). Kiro will execute tools without asking for confirmation.\n' +
        'Agents can sometimes do unexpected things so understand the risks.\n\n' +
        'Learn more at https://kiro.dev/docs/cli/chat/security/#using-tools-trust-all-safely\nThinking...\n',
      {warnings: ['Failed to retrieve MCP settings; MCP functionality disabled']},
    ],
    [
      'an unknown line explains when nothing better does; a warning beats it',
      'something odd\nWARNING: odder\n',
      {warnings: ['WARNING: odder'], explanation: 'WARNING: odder'},
    ],
    [
      'a line ending in a colon never swallows the trailer',
      'Summary:\n ▸ Credits: 0.06 • Time: 4s\n',
      {trailer: true, credits: 0.06, kiroTimeMs: 4000, explanation: 'Summary:'},
    ],
    [
      'warnings in order, deduplicated, cleaned',
      `${SGR('WARNING: Agent conflict for a. Using workspace version.')}\nFailed to retrieve MCP settings; MCP functionality disabled\n` +
        "error: Model 'x' does not exist. Available models: auto\nWARNING: Agent conflict for a. Using workspace version.\n" +
        'All tools are now trusted (!). Kiro will execute tools without asking for confirmation.\n\nplain chatter\n',
      {
        warnings: [
          'WARNING: Agent conflict for a. Using workspace version.',
          'Failed to retrieve MCP settings; MCP functionality disabled',
          "error: Model 'x' does not exist. Available models: auto",
        ],
        explanation: "error: Model 'x' does not exist. Available models: auto",
      },
    ],
  ])('%s', (_name, input, expected) => {
    const facts = {...NONE, ...expected};
    expect(scan(input).facts).toEqual(facts);
    expect(scan(input, 1).facts).toEqual(facts);
  });

  it('reads a trailer split inside the 3-byte ▸', () => {
    const bytes = Buffer.from('x\n ▸ Credits: 0.06 • Time: 4s\n');
    const arrow = bytes.indexOf(Buffer.from('▸'));
    const scanner = new StderrScanner();
    scanner.push(bytes.subarray(0, arrow + 1));
    scanner.push(bytes.subarray(arrow + 1, arrow + 2));
    scanner.push(bytes.subarray(arrow + 2));
    expect(scanner.end()).toEqual({
      ...NONE,
      trailer: true,
      credits: 0.06,
      kiroTimeMs: 4000,
      explanation: 'x',
    });
  });

  it('calls onLine with every cleaned line, the unterminated last one included', () => {
    const lines: string[] = [];
    const scanner = new StderrScanner({onLine: (line) => lines.push(line)});
    scanner.push(Buffer.from(`${SGR('a')}\r\n\nb`));
    scanner.end();
    expect(lines).toEqual(['a', '', 'b']);
  });
});

describe('StderrScanner tail', () => {
  it('keeps the last 40 lines, the unfinished one included', () => {
    const scanner = new StderrScanner();
    scanner.push(Buffer.from(Array.from({length: 100}, (_, i) => `line ${i}`).join('\n')));
    const expected = Array.from({length: 40}, (_, i) => `line ${i + 60}`).join('\n');
    expect(scanner.tail()).toBe(expected);
    scanner.end();
    expect(scanner.tail()).toBe(expected);
  });

  it('keeps at most 8 KiB, starting at a line boundary', () => {
    const long = 'y'.repeat(5000);
    const {tail} = scan(`${long}1\n${long}2\n${long}3\n`);
    expect(tail).toBe(`${long}3`);
  });

  it('cuts a single huge line to its last 8 KiB', () => {
    const {tail} = scan(`${'z'.repeat(5 * 1024 * 1024)}!\n`);
    expect(tail).toBe(`${'z'.repeat(8191)}!`);
  });
});

describe('explainOutput (messages of list, delete and doctor calls)', () => {
  const MCP = 'Failed to retrieve MCP settings; MCP functionality disabled\n';
  it.each<[string, string, string, string]>([
    [
      'the error, not the MCP notice printed first',
      `${MCP}error: Session ID not found\n`,
      '',
      'error: Session ID not found',
    ],
    ['a plain stderr line', 'Deleted session abc\n', '', 'Deleted session abc'],
    ['noise only: the first stdout line', MCP, '\n  {"models": []}\nmore', '{"models": []}'],
    ['nothing at all', '', '', ''],
  ])('%s', (_name, stderr, stdout, said) => {
    expect(explainOutput(stderr, stdout)).toBe(said);
  });
});

describe('parseKiroDuration', () => {
  it.each<[string, number | null]>([
    ['4s', 4000],
    ['0.4s', 400],
    ['34s', 34_000],
    ['14m 9s', 849_000],
    ['2m 3s', 123_000],
    ['1h 2m 3s', 3_723_000],
    ['1m9s', 69_000],
    ['850ms', 850],
    ['2min', 120_000],
    [' 1.25s ', 1250],
    ['', null],
    ['soon', null],
    ['4 seconds', null],
    ['4s later', null],
    ['4', null],
  ])('%j → %s', (text, ms) => {
    expect(parseKiroDuration(text)).toBe(ms);
  });
});
