import {spawnSync} from 'node:child_process';
import {afterAll, describe, expect, it} from 'vitest';
import {validateAskResult, validateStreamEvent} from '../helpers/validate.js';
import {BIN, makeWorld, removeWorlds, runKiroX} from './harness.js';

afterAll(removeWorlds);

type Line = Record<string, unknown> & {type: string};

/** The stream-json lines of a run: each one a whole JSON object, the output ending with a newline. */
function lines(stdout: string): Line[] {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Line);
}

// Wall times differ from run to run; everything else of the two documents must not.
const steady = ({durationMs: _duration, ...doc}: Record<string, unknown>): Record<string, unknown> => doc;

describe('ask --output stream-json (the built CLI against the simulator)', () => {
  it('every line is a valid event; the last is exactly the --json document on one line', async () => {
    const world = makeWorld({KIRO_X_NO_SESSION_ID: undefined});
    const prompt = 'fix it [[sim:tools]] [[sim:time=4s]]';
    const streamed = await runKiroX(['ask', prompt, '--output', 'stream-json'], {world});
    const documented = await runKiroX(['ask', prompt, '--json'], {world});
    expect([streamed.code, streamed.stderr]).toEqual([0, '']);
    const events = lines(streamed.stdout);
    for (const event of events) expect(validateStreamEvent(event)).toEqual({valid: true, errors: []});
    expect(events[0]).toMatchObject({type: 'session', engine: 'headless', sessionId: null});
    expect(events.filter((e) => e.type === 'result')).toHaveLength(1);
    const result = events.at(-1) as Line;
    expect(result.type).toBe('result');
    expect(validateAskResult(result)).toEqual({valid: true, errors: []});
    const doc = JSON.parse(documented.stdout) as Record<string, unknown>;
    expect(doc.type).toBe('result');
    // Two turns, two conversations: the proven ids differ, and are there.
    expect(result.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(doc.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(steady({...result, sessionId: 'id'})).toEqual(steady({...doc, sessionId: 'id'}));
    // The result line is the document serialised compactly, key for key.
    expect(streamed.stdout.split('\n').at(-2)).toBe(
      JSON.stringify({...doc, durationMs: result.durationMs, sessionId: result.sessionId}),
    );
    const stamps = events.slice(0, -1).map((e) => e.elapsedMs as number);
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
  });

  it('a failure before the turn is the one result line, with its exit code', async () => {
    const world = makeWorld();
    const run = await runKiroX(['ask', 'hi', '-o', 'stream-json', '--timeout', 'soon'], {world});
    expect(run.code).toBe(2);
    const events = lines(run.stdout);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({type: 'result', ok: false, outcome: 'usage_error'});
    expect(validateAskResult(events[0])).toEqual({valid: true, errors: []});
    expect(run.stderr).toMatch(/^error: /m);
  });

  it('a failed turn ends with its result and explains itself on stderr', async () => {
    const world = makeWorld();
    const run = await runKiroX(['ask', '[[sim:crash]]', '-o', 'stream-json'], {world});
    expect(run.code).toBe(1);
    const events = lines(run.stdout);
    expect(events.at(-1)).toMatchObject({type: 'result', outcome: 'failed'});
    expect(events.filter((e) => e.type === 'message').map((e) => e.text)).toEqual([
      'Here is the first half of the ans\n',
    ]);
    expect(run.stderr).toMatch(/^error: /m);
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0;
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

describe.skipIf(!hasScript)('ask text output on a terminal', () => {
  it('streams the answer to the terminal as it arrives, each message once', () => {
    const world = makeWorld();
    // stdout on the pseudo-terminal; stderr (the indicator) away, so the screen holds only the answer.
    const command = `${quote(process.execPath)} ${quote(BIN)} ask ${quote('hi [[sim:messages=3]]')} 2>/dev/null`;
    const run = spawnSync('script', ['-qfec', command, '/dev/null'], {
      cwd: world.workspace,
      env: world.env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(0);
    expect(run.stdout.replace(/\r\n/g, '\n')).toBe(
      'Step 1 of 3.\n\nStep 2 of 3.\n\nYou said: hi [[sim:messages=3]]\n',
    );
  });
});
