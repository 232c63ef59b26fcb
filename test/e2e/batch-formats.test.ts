import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {readXml, elements, validateJunit} from '../helpers/validate.js';
import {makeWorld, records, runKiroX} from './harness.js';
import {batchFile, ledger, statuses, summaryOf} from './batch-helpers.js';

describe('kiro-x batch: formats, validation, expectations', () => {
  it('runs every format, ids from lines or positions, and reads stdin with --format', async () => {
    const world = makeWorld();
    const inputs: [string, string][] = [
      ['a.txt', '# comment\nfirst\n\nsecond\n'],
      ['a.jsonl', '{"prompt":"first"}\n{"id":"two","prompt":"second","model":"claude-haiku-4.5"}\n'],
      ['a.json', '[{"prompt": "first"}, {"prompt": "second", "trustAllTools": true}]'],
      ['a.yaml', '- prompt: first\n- prompt: second\n  systemPrompt: Be brief.\n'],
    ];
    const ids: Record<string, string[]> = {};
    for (const [name, text] of inputs) {
      batchFile(world, name, text);
      const run = await runKiroX(['batch', name, '--json'], {world});
      expect(run.code).toBe(0);
      ids[name] = statuses(summaryOf(run.stdout)).map(([id, status]) => `${id}:${status}`);
    }
    expect(ids).toEqual({
      'a.txt': ['2:passed', '4:passed'],
      'a.jsonl': ['1:passed', 'two:passed'],
      'a.json': ['1:passed', '2:passed'],
      'a.yaml': ['1:passed', '2:passed'],
    });
    const turns = records(world).filter((r) => (r.argv as string[]).includes('chat'));
    const models = turns.flatMap((r) => ((r.argv as string[]).includes('--model') ? [r.model] : []));
    expect(models).toEqual(['claude-haiku-4.5']);
    expect(turns.filter((r) => (r.argv as string[]).includes('--resume'))).toEqual([]);
    // Each line of the ledger next to the batch files is a record: 8 items, one attempt each.
    expect(ledger(path.join(world.workspace, 'kiro-x-results.jsonl')).map((r) => r.file)).toEqual([
      'a.txt',
      'a.txt',
      'a.jsonl',
      'a.jsonl',
      'a.json',
      'a.json',
      'a.yaml',
      'a.yaml',
    ]);

    const piped = await runKiroX(['batch', '-', '--format', 'jsonl', '--json', '--results', 'stdin.jsonl'], {
      world,
      input: '{"id":"s","prompt":"from stdin"}\n',
    });
    expect(piped.code).toBe(0);
    expect(piped.stderr).toContain(`results: ${path.join(world.workspace, 'stdin.jsonl')}\n`);
    expect(summaryOf(piped.stdout).suites[0]?.items[0]?.text).toBe('You said: from stdin');
  });

  it('rejects an invalid file before running anything: one usage error, exit 2', async () => {
    const world = makeWorld();
    batchFile(world, 'bad.jsonl', '{"prompt":"ok"}\n{"prompt":" ","x":1}\n{"id":"1","prompt":"dup"}\n');
    const run = await runKiroX(['batch', 'bad.jsonl'], {world});
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'bad.jsonl has 3 problems; nothing was run:\nbad.jsonl:2: unknown field "x"\nbad.jsonl:2: prompt: empty\nbad.jsonl:3: duplicate id "1" (first used on line 1)',
    );
    expect(records(world)).toEqual([]);
  });

  it('checks expectations: assertion failures are failures, runtime outcomes errors, JUnit valid', async () => {
    const world = makeWorld();
    batchFile(
      world,
      'e.yaml',
      [
        '- id: ok',
        '  prompt: "[[sim:answer={\\"n\\": 4}]] count"',
        '  expect: {contains: ["4"], json: true, matches: "^\\\\{"}',
        '- id: wrong',
        '  prompt: "[[sim:answer=five]] count"',
        '  expect: {equals: "4", notContains: five}',
        '- id: broken',
        '  prompt: "[[sim:error=boom]] count"',
        '  expect: {contains: "4"}',
      ].join('\n'),
    );
    const run = await runKiroX(['batch', 'e.yaml', '-o', 'junit', '--junit-file', 'out/r.xml'], {world});
    expect(run.code).toBe(1);
    expect(await validateJunit(run.stdout)).toEqual({valid: true, errors: []});
    const cases = elements(readXml(run.stdout), 'testcase');
    expect(cases.map((c) => [c.getAttribute('name'), c.getAttribute('classname')])).toEqual([
      ['ok', 'e'],
      ['wrong', 'e'],
      ['broken', 'e'],
    ]);
    const failure = elements(cases[1]!, 'failure')[0]!;
    expect(failure.getAttribute('type')).toBe('assertion');
    expect(failure.getAttribute('message')).toBe(
      'expected the answer not to contain "five", got "five"; expected the answer to equal "4", got "five"',
    );
    expect(elements(cases[2]!, 'error')[0]!.getAttribute('type')).toBe('failed');
    expect(elements(cases[0]!, 'system-out')[0]!.textContent).toContain('{"n": 4}');
  });
});
