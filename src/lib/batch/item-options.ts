import {askOptionsFromSettings} from '../ask/from-settings.js';
import type {AskOptions} from '../ask/options.js';
import {mergeLayers} from '../config/resolve.js';
import type {Settings, SettingsLayer} from '../config/settings.js';
import {promptHash} from './prompt-hash.js';
import type {BatchItem} from './types.js';

/** An item's own fields as one more settings layer, above the batch's flags, env and config. */
export function itemLayer(item: BatchItem): SettingsLayer {
  const layer: SettingsLayer = {};
  if (item.model !== undefined) layer.model = item.model;
  if (item.agent !== undefined) layer.agent = item.agent;
  if (item.trustAllTools !== undefined) layer.trustAllTools = item.trustAllTools;
  if (item.trustTools !== undefined) layer.trustTools = item.trustTools;
  if (item.systemPrompt !== undefined) layer.systemPrompt = item.systemPrompt;
  if (item.cwd !== undefined) layer.cwd = item.cwd;
  if (item.timeoutMs !== undefined) layer.timeout = item.timeoutMs;
  return layer;
}

/**
 * The options of an item's turn: the batch's settings with the item's fields on top (merged as the resolver
 * merges layers, so `trustTools` in an item replaces a batch-wide `--trust-all-tools`), turned into options the
 * way every turn's are. The profile is the batch's `base` one, its files read once, with the item's system prompt.
 * Every turn writes its own profile and continues a conversation only if the item says so.
 */
export async function itemAskOptions(
  item: BatchItem,
  settings: Settings,
  base: AskOptions,
  extra: Partial<AskOptions> = {},
): Promise<AskOptions> {
  const merged = mergeLayers([itemLayer(item), settings]).settings as Settings;
  // Files named by settings were read for `base`; reading them again per item cost a millisecond each.
  const {systemPromptFile: _prompt, mcpConfig: _servers, ...withoutFiles} = merged;
  const options = await askOptionsFromSettings(withoutFiles, item.prompt, {
    resume: item.resume ?? false,
    resumeId: undefined,
    // The ledger record is the full result; it leaves memory once written.
    keepTranscript: true,
    skipCredentialCheck: true,
    ...extra,
  });
  const systemPrompt = item.systemPrompt;
  return {...options, profile: systemPrompt === undefined ? base.profile : {...base.profile, systemPrompt}};
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
