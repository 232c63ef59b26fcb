import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PassThrough, Writable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import type {SpooledAsk} from '../../src/lib/ask/ask.js';
import {emptyResult} from '../../src/lib/ask/empty-result.js';
import {answerForJunit, JUNIT_ANSWER_CHARS} from '../../src/lib/ask/junit.js';
import {renderAsk, type AskRenderOptions} from '../../src/lib/ask/render.js';
import type {AskResult} from '../../src/lib/ask/result.js';
import {TextSpool} from '../../src/lib/engine/process/text-spool.js';
import type {Outcome} from '../../src/lib/outcomes.js';

/** A turn's spooled result with these messages; `extra` overrides result fields. */
function spooled(outcome: Outcome, messages: string[], extra: Partial<AskResult> = {}): SpooledAsk {
  const spools = messages.map((text) => {
    const spool = new TextSpool();
    spool.append(text);
    return spool;
  });
  const result = {
    ...emptyResult(outcome, `The turn ended: ${outcome}.`),
    ok: outcome === 'completed',
    ...extra,
  };
  return {
    result,
    texts: {messages: spools, transcript: null},
    dispose: () => spools.forEach((s) => s.dispose()),
  };
}

const options = (extra: Partial<AskRenderOptions> = {}): AskRenderOptions => ({
  output: 'text',
  prompt: 'Summarise README.md',
  usesMcp: false,
  cliPath: 'kiro-cli',
  cancelledBy: null,
  env: {NO_COLOR: '1'},
  ...extra,
});

/** Render into memory; returns the exit code and what each stream received. */
async function render(turn: SpooledAsk, extra: Partial<AskRenderOptions> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await renderAsk(turn, options(extra), {stdout, stderr});
  return {code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8')};
}

describe('renderAsk', () => {
  it('text: the answer on stdout and nothing else for a completed turn', async () => {
    expect(await render(spooled('completed', ['first', 'the answer']))).toEqual({
      code: 0,
      stdout: 'the answer\n',
      stderr: '',
    });
  });

  it('text: a failed turn without an answer prints only the error on stderr, with its exit code', async () => {
    const run = await render(spooled('timed_out', []));
    expect([run.code, run.stdout]).toEqual([8, '']);
    expect(run.stderr).toContain('error: The turn ended: timed_out.');
  });

  it('text: the MCP notice is shown only to someone who asked for MCP servers', async () => {
    const turn = (): SpooledAsk =>
      spooled('completed', ['ok'], {warnings: ['MCP functionality disabled under an API key']});
    expect((await render(turn())).stderr).toBe('');
    expect((await render(turn(), {usesMcp: true})).stderr).toContain('MCP functionality disabled');
  });

  it('json: the whole document on stdout, the error also on stderr', async () => {
    const run = await render(spooled('failed', ['partial']), {output: 'json'});
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({outcome: 'failed', text: 'partial', messages: ['partial']});
    expect(run.stderr).toBe('error: The turn ended: failed.\n');
  });

  it('junit: the report on stdout, the testcase named after the prompt', async () => {
    const run = await render(spooled('completed', ['fine']), {output: 'junit'});
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^<\?xml/);
    expect(run.stdout).toContain('name="Summarise README.md"');
  });

  it('a cancelled turn exits 130 or 143 by the signal that cancelled it', async () => {
    expect((await render(spooled('cancelled', []), {cancelledBy: 'SIGINT'})).code).toBe(130);
    expect((await render(spooled('cancelled', []), {cancelledBy: 'SIGTERM'})).code).toBe(143);
  });

  it('--junit-file is written; one that cannot be turns a success into a usage error', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiro-x-render-'));
    const file = path.join(dir, 'report.xml');
    expect((await render(spooled('completed', ['ok']), {junitFile: file})).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('<testsuites');
    const blocked = await render(spooled('completed', ['ok']), {junitFile: path.join(file, 'nested.xml')});
    expect([blocked.code, blocked.stdout]).toEqual([2, 'ok\n']);
    expect(blocked.stderr).toContain(`--junit-file ${path.join(file, 'nested.xml')}`);
    rmSync(dir, {recursive: true, force: true});
  });

  it('a reader that closed stdout (EPIPE) still gets the turn its own exit code', async () => {
    const closed = new Writable({
      write: (_chunk, _encoding, callback) => callback(Object.assign(new Error('EPIPE'), {code: 'EPIPE'})),
    });
    closed.on('error', () => {});
    const code = await renderAsk(spooled('failed', ['x']), options({output: 'json'}), {
      stdout: closed,
      stderr: new PassThrough(),
    });
    expect(code).toBe(1);
  });
});

describe('answerForJunit', () => {
  it('keeps an answer up to the cap whole', () => {
    expect(answerForJunit(spooled('completed', ['short'])).text).toBe('short');
  });

  it('cuts a longer answer and says how much is in the JSON output', () => {
    const text = answerForJunit(spooled('completed', ['x'.repeat(JUNIT_ANSWER_CHARS + 5)])).text;
    expect(text).toBe(
      `${'x'.repeat(JUNIT_ANSWER_CHARS)}\n[… 5 more characters: the whole answer is in the --json output]`,
    );
  });
});
