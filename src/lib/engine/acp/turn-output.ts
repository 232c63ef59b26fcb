import type {AskResult} from '../../ask/result.js';
import {TextSpool} from '../process/text-spool.js';
import type {TurnOutput} from '../turn.js';

/** An ACP result as an engine hands it over: its texts move into spools, as the headless engine's do. */
export function spooledOutput(result: AskResult, keepTranscript: boolean): TurnOutput {
  const kept = keepTranscript ? result.messages : result.messages.slice(-1);
  const messages = kept.map((text) => {
    const spool = new TextSpool();
    spool.append(text);
    return spool;
  });
  return {
    result: {...result, text: '', messages: [], transcript: null},
    texts: {messages, transcript: null},
  };
}
