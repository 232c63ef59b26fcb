import type {AskOptions} from '../ask/options.js';
import type {Trust} from '../engine/turn.js';
import {promptHash} from './prompt-hash.js';
import type {BatchItem} from './types.js';

function trustOf(item: BatchItem, base: Trust): Trust {
  if (item.trustAllTools === true) return {all: true};
  if (item.trustTools !== undefined || item.trustAllTools === false) return {tools: item.trustTools ?? []};
  return base;
}

/**
 * The options of an item's turn: the batch defaults with the item's fields on top. Every turn writes its
 * own profile (ask generates a fresh name each time) and continues a conversation only if the item says so.
 */
export function itemAskOptions(item: BatchItem, base: AskOptions, signal?: AbortSignal): AskOptions {
  return {
    ...base,
    prompt: item.prompt,
    model: item.model ?? base.model,
    agent: item.agent ?? base.agent,
    trust: trustOf(item, base.trust),
    profile:
      item.systemPrompt === undefined ? base.profile : {...base.profile, systemPrompt: item.systemPrompt},
    cwd: item.cwd ?? base.cwd,
    timeoutMs: item.timeoutMs ?? base.timeoutMs,
    resume: item.resume ?? false,
    resumeId: undefined,
    // The ledger record is the full result; it leaves memory once written.
    keepTranscript: true,
    skipCredentialCheck: true,
    signal,
  };
}

/** The prompt hash of an item's turn, from the options it will run with. */
export function itemPromptHash(options: AskOptions): string {
  const trust = options.trust.all === true ? 'all' : `tools:${[...options.trust.tools].sort().join(',')}`;
  return promptHash({
    prompt: options.prompt,
    model: options.model ?? null,
    agent: options.agent ?? null,
    effort: options.effort ?? null,
    trust,
    systemPrompt: options.profile?.systemPrompt ?? null,
  });
}
