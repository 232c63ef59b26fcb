import type {TurnEvent} from '../lib/engine/turn.js';

/**
 * The turn events the MCP front end reacts to, with the names and fields of the `--output stream-json`
 * contract: `message` chunks of the answer (joined they give the messages) and `tool_call` when a tool starts.
 */
export type McpTurnEvent =
  {type: 'message'; text: string; messageIndex: number} | {type: 'tool_call'; tool: string; title: string};

/**
 * Adapts the engine's events to the contract's names; the only place that knows the engine's own shape.
 * The headless engine reports tool calls (`tool`) but streams no answer text yet: its text arrives with
 * the result.
 */
export function contractEvents(handler: (event: McpTurnEvent) => void): (event: TurnEvent) => void {
  return (event) => {
    if (event.type === 'tool') handler({type: 'tool_call', tool: event.call.tool, title: event.call.title});
  };
}
