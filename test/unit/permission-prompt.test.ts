import {PassThrough} from 'node:stream';
import {Chalk} from 'chalk';
import {describe, expect, it} from 'vitest';
import {permissionPrompter, permissionQuestion} from '../../src/cli/permission-prompt.js';
import type {PermissionQuestion} from '../../src/lib/engine/turn.js';

const plain = new Chalk({level: 0});
const question = (title: string, kind: string | null = 'execute'): PermissionQuestion => ({
  toolCallId: `tooluse_${title}`,
  tool: 'shell',
  title,
  kind,
  options: ['allow_once', 'allow_always', 'reject_once'],
});

/** A terminal in memory: what the prompter wrote, what the person types, and when it asked. */
function terminal() {
  const input = new PassThrough();
  const written: string[] = [];
  const asking: boolean[] = [];
  const prompter = permissionPrompter({
    input: () => input,
    output: {write: (text: string) => written.push(text)},
    paint: plain,
    onAsking: (on) => asking.push(on),
  });
  const asked = async (count: number): Promise<void> => {
    while (written.filter((text) => text.startsWith('?')).length < count)
      await new Promise((r) => setTimeout(r, 5));
  };
  return {input, written, asking, prompter, asked};
}

describe('permissionQuestion', () => {
  it('names the tool, what it would do and its kind, with no as the default', () => {
    expect(permissionQuestion(question('rm -rf build'), plain)).toBe(
      '? kiro-cli asks to use shell: rm -rf build (execute). Allow? [y/N] ',
    );
    expect(permissionQuestion(question('', null), plain)).toBe('? kiro-cli asks to use shell. Allow? [y/N] ');
    expect(permissionQuestion(question('echo a\necho b'), plain)).toBe(
      '? kiro-cli asks to use shell: echo a … (execute). Allow? [y/N] ',
    );
  });
});

describe('permissionPrompter', () => {
  it.each([
    ['y', true],
    ['Yes ', true],
    ['YES', true],
    ['', false],
    ['n', false],
    ['yep', false],
  ])('answers %j with %s', async (typed, allowed) => {
    const t = terminal();
    const answer = t.prompter.askUser(question('ls'));
    await t.asked(1);
    t.input.write(`${typed}\n`);
    await expect(answer).resolves.toBe(allowed);
    expect(t.asking).toEqual([true, false]);
    await t.prompter.close();
  });

  it('asks one question at a time, and drops a line typed while none is asked', async () => {
    const t = terminal();
    const first = t.prompter.askUser(question('ls'));
    const second = t.prompter.askUser(question('pwd'));
    await t.asked(1);
    expect(t.written).toEqual(['? kiro-cli asks to use shell: ls (execute). Allow? [y/N] ']);
    t.input.write('y\n');
    await expect(first).resolves.toBe(true);
    await t.asked(2);
    t.input.write('n\n');
    await expect(second).resolves.toBe(false);
    t.input.write('y\n');
    await new Promise((r) => setTimeout(r, 20));
    const third = t.prompter.askUser(question('whoami'));
    await t.asked(3);
    t.input.write('\n');
    await expect(third).resolves.toBe(false);
    await t.prompter.close();
  });

  it('denies at the end of input and ends the question line', async () => {
    const t = terminal();
    const answer = t.prompter.askUser(question('ls'));
    await t.asked(1);
    t.input.end();
    await expect(answer).resolves.toBe(false);
    expect(t.written.at(-1)).toBe('\n');
    await expect(t.prompter.askUser(question('pwd'))).resolves.toBe(false);
  });

  it('denies when the terminal fails (a hang-up), without throwing', async () => {
    const t = terminal();
    const answer = t.prompter.askUser(question('ls'));
    await t.asked(1);
    t.input.destroy(Object.assign(new Error('read EIO'), {code: 'EIO'}));
    await expect(answer).resolves.toBe(false);
    await t.prompter.close();
  });

  it('answers an open question no when closed, leaving the line to whoever moved on', async () => {
    const t = terminal();
    const answer = t.prompter.askUser(question('ls'));
    await t.asked(1);
    await t.prompter.close();
    await expect(answer).resolves.toBe(false);
    expect(t.written).toEqual(['? kiro-cli asks to use shell: ls (execute). Allow? [y/N] ']);
    expect(t.asking).toEqual([true, false]);
  });

  it('never reads the terminal when nothing is asked', async () => {
    let opened = false;
    const prompter = permissionPrompter({
      input: () => {
        opened = true;
        return new PassThrough();
      },
      output: {write: () => true},
      paint: plain,
    });
    await prompter.close();
    expect(opened).toBe(false);
  });
});
