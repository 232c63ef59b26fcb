import {describe, expect, it} from 'vitest';
import {validateAskResult} from '../helpers/validate.js';
import {makeWorld, runKiroX} from '../e2e/harness.js';

interface Doc {
  outcome: string;
  text: string;
  exitCode: number | null;
  signal: string | null;
  messages: string[];
}

const ask = async (prompt: string, extra: string[] = []) => {
  const world = makeWorld();
  const result = await runKiroX(['ask', '--json', ...extra, '--', prompt], {world});
  const doc = JSON.parse(result.stdout) as Doc;
  expect(validateAskResult(doc)).toEqual({valid: true, errors: []});
  return {result, doc};
};

// Each broken kiro-cli must end in one valid document with an honest outcome; none may hang or crash kiro-x.
describe('broken kiro-cli children', () => {
  it('crashing mid-line: failed, exit 1, the partial answer kept', async () => {
    const {result, doc} = await ask('[[sim:crash]]');
    expect([result.code, doc.outcome, doc.exitCode]).toEqual([1, 'failed', 101]);
    expect(doc.text).toBe('Here is the first half of the ans');
  });

  it('closing stdout early and finishing normally: completed with what it printed', async () => {
    const {result, doc} = await ask('[[sim:close-stdout]]');
    expect([result.code, doc.outcome]).toEqual([0, 'completed']);
    expect(doc.text).toBe('The answer stops here');
  });

  it('writing invalid UTF-8: U+FFFD in place of the bad bytes', async () => {
    const {doc} = await ask('[[sim:invalid-utf8]]');
    expect(doc.text).toBe('invalid bytes: \uFFFD\uFFFD end\ntruncated euro: \uFFFD');
  });

  it('a single 5 MB line arrives whole', async () => {
    const {doc} = await ask('[[sim:line=5242880]]');
    expect(doc.outcome).toBe('completed');
    expect(doc.text).toHaveLength(5_242_880);
  });

  it('binary garbage: completed, and the document is still valid JSON', async () => {
    const {doc} = await ask('[[sim:binary=65536]]');
    expect(doc.outcome).toBe('completed');
  });

  it.each(['SIGSEGV', 'SIGKILL', 'SIGABRT'])('exiting on %s: failed, the signal reported', async (signal) => {
    const {result, doc} = await ask(`[[sim:signal=${signal}]]`);
    expect([result.code, doc.outcome, doc.signal, doc.exitCode]).toEqual([1, 'failed', signal, null]);
    expect(doc.text).toBe('Partial answer before the crash');
  });

  it('printing the trailer but then hanging: the time limit still ends it', async () => {
    const {result, doc} = await ask('[[sim:trailer-then-hang]]', ['--timeout', '1s']);
    expect([result.code, doc.outcome]).toEqual([8, 'timed_out']);
  });

  it('a grandchild holding the pipes open after kiro-cli exits does not keep the turn open', async () => {
    const {result, doc} = await ask('[[sim:grandchild=inherit]]', ['--timeout', '20s']);
    expect([result.code, doc.outcome]).toEqual([0, 'completed']);
  });
});
