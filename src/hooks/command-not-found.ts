import type {Hook} from '@oclif/core';

import {reportFailure} from '../cli/report-failure.js';
import {didYouMean} from '../lib/config/did-you-mean.js';
import {failureJunit} from '../lib/output/failure-junit.js';

/**
 * The longest start of `words` that is close to a command id (`aks hi` → `ask`, `sessions lsit` →
 * `sessions list`), with how many words it took, or null.
 */
export function nearestCommand(
  words: readonly string[],
  ids: readonly string[],
): {id: string; used: number} | null {
  for (let used = Math.min(words.length, 2); used >= 1; used--) {
    const typed = words.slice(0, used);
    // Word by word, so a shared `sessions` does not make any other word look close to `show`.
    const candidates = ids.filter((id) => {
      const parts = id.split(':');
      return parts.length === used && parts.every((part, i) => didYouMean(typed[i] ?? '', [part]) === part);
    });
    const near = didYouMean(typed.join(':'), candidates);
    if (near !== null) return {id: near, used};
  }
  return null;
}

/**
 * `kiro-x aks hi`: say that "aks" is no command and which one was probably meant, exit 2, instead of oclif's
 * `command aks:hi not found`. JSON and JUnit modes still get their one document.
 */
const hook: Hook<'command_not_found'> = async function (options) {
  const {config} = options;
  const words = options.id.split(':');
  const ids = config.commands.filter((command) => !command.hidden).map((command) => command.id);
  const topics = new Set(config.topics.map((topic) => topic.name));
  const near = nearestCommand(words, ids);
  const unknown = (
    near === null ? words.slice(0, topics.has(words[0] ?? '') ? 2 : 1) : words.slice(0, near.used)
  ).join(' ');
  const guess = near === null ? '' : ` Did you mean "${config.bin} ${near.id.split(':').join(' ')}"?`;
  const message = `"${unknown}" is not a ${config.bin} command.${guess}`;
  await reportFailure({
    argv: options.argv ?? [],
    outcome: 'usage_error',
    message,
    suggestions: [`see ${config.bin} --help for every command`],
    document: {schemaVersion: 1, ok: false, outcome: 'usage_error', message},
    junit: async () => failureJunit(config.bin, 'usage_error', message),
    writesJunitFile: true,
  });
};

export default hook;
