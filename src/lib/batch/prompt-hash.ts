import {createHash} from 'node:crypto';

/** What shapes a turn beyond the prompt: a change to any of these makes an earlier result stale. */
export interface TurnShape {
  prompt: string;
  model: string | null;
  agent: string | null;
  effort: string | null;
  trust: string;
  systemPrompt: string | null;
}

/**
 * sha256 of the prompt and the settings that change the turn (model, agent, effort, trust, system prompt),
 * so `--resume` re-runs an item whose prompt or turn settings changed, and skips it otherwise.
 */
export function promptHash(shape: TurnShape): string {
  const canonical = JSON.stringify([
    shape.prompt,
    shape.model,
    shape.agent,
    shape.effort,
    shape.trust,
    shape.systemPrompt,
  ]);
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}
