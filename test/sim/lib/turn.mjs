// One headless turn: what the "model" answers and how the process ends, driven by the prompt's directives.
import {missingProfileArn, usageLimit} from './account.mjs';
import {DEVICE_CODE_BLOCK} from './credentials.mjs';
import {bigTextBlocks, binaryGarbage, invalidUtf8Answer, lineText} from './content.mjs';
import {intValue, unescape} from './directives.mjs';
import {closeStdoutEarly, crash, hangNoisy, killSelf, spawnGrandchild} from './faults.mjs';
import {err, exitWith, hangForever, out, outChunked, sleep} from './io.mjs';
import {
  EOL,
  formatElapsed,
  marker,
  refusedShellCall,
  renderMessage,
  renderMessages,
  shellCall,
  toolShapesTurn,
  toolsTurn,
  trailer,
} from './render.mjs';
import {appendEvent} from './sessions.mjs';
import {nextAttempt} from './state.mjs';
import {isTrusted} from './trust.mjs';

// Prompts whose real answers were captured byte for byte.
const CANNED = new Map([
  ['List exactly three primary colors, one per line, no other text.', 'Red\nBlue\nYellow'],
  ['ok', 'ok'],
]);

const BACKEND = {
  trouble: 'Kiro is having trouble responding right now: dispatch failure\n',
  // The words between the warning sign and "rate limit reached:" are not known (unverified).
  quota:
    '\u26a0\ufe0f  Kiro rate limit reached:\nRequest quota exceeded. Please wait a moment and try again.\n',
  unavailable:
    "The model you've selected is temporarily unavailable. Please relaunch with '--model <model_id>' to use a different model.\n",
};

const DENIED =
  'Command execute_bash is rejected because it matches one or more rules on the denied list:\n' +
  '  - non-interactive mode (no user to approve)\n';

const APPROVAL_REQUIRED =
  'error: Tool approval required but --no-interactive was specified. ' +
  'Use --trust-all-tools or --trust-tools to automatically approve tools.\n';

async function backendFailure(kind) {
  const line = BACKEND[kind];
  if (!line) {
    await err(`kiro-cli simulator: unknown backend failure '${kind}'\n`);
    return exitWith(64);
  }
  await err(line);
  return exitWith(0);
}

function answerText(ctx) {
  const d = ctx.directives;
  if (d.has('answer')) return unescape(String(d.get('answer')));
  if (d.has('markdown')) return '## v1.16.0\n### Features\n- Added things';
  return CANNED.get(ctx.prompt) ?? `You said: ${ctx.prompt}`;
}

// shell=CMD: trusted → fake run; untrusted → refused and the model goes on (2.18), or older variants.
async function shellStep(ctx, command) {
  if (isTrusted(ctx.trust, 'shell')) {
    await out(shellCall(command));
    appendEvent(ctx.env, ctx.session, 'ToolResults', {
      tool: 'shell',
      title: `I will run the following command: ${command}`,
      output: 'simulated output of the command',
      status: 'success',
    });
    return true;
  }
  await out(refusedShellCall(command));
  if (ctx.env.KIRO_SIM_DENY_STYLE === 'exit1') {
    await err(APPROVAL_REQUIRED);
    await exitWith(1);
  }
  if (ctx.env.KIRO_SIM_DENY_STYLE === 'hang') await hangForever();
  await err(DENIED);
  appendEvent(ctx.env, ctx.session, 'ToolResults', {
    tool: 'shell',
    title: command,
    output: DENIED,
    status: 'rejected',
  });
  return true;
}

// Writes the answer on stdout and returns the assistant texts to store, plus stderr bytes owed after the trailer.
async function speak(ctx) {
  const d = ctx.directives;
  const noColor = ctx.noColor;
  if (d.has('close-stdout')) {
    await closeStdoutEarly(noColor);
    return {texts: ['The answer stops here'], afterTrailer: ''};
  }
  if (d.has('binary')) {
    await outChunked(binaryGarbage(intValue(d, 'binary', 4096)));
    return {texts: ['(binary output)'], afterTrailer: ''};
  }
  if (d.has('invalid-utf8')) {
    await out(invalidUtf8Answer(noColor));
    return {texts: ['invalid bytes: \ufffd\ufffd end\ntruncated euro: \ufffd'], afterTrailer: ''};
  }
  if (d.has('big')) {
    // Streamed block by block, rendered as renderMessage would (plain lines: marker, then EOL resets).
    const bytes = intValue(d, 'big', 65536);
    await out(marker(noColor));
    for (const block of bigTextBlocks(bytes)) await outChunked(block.replaceAll('\n', EOL));
    return {texts: [`(${bytes} bytes of generated text)`], afterTrailer: ''};
  }
  if (d.has('line')) {
    const text = lineText(intValue(d, 'line', 65536));
    await outChunked(renderMessage(text, noColor));
    return {texts: [text], afterTrailer: ''};
  }
  if (d.has('tools')) {
    const final = d.has('answer') ? answerText(ctx) : 'Both suites are green.';
    await err('\n');
    for (const [i, step] of toolsTurn(noColor, final).entries()) {
      if (i < 3) await err('\n');
      await out(step);
    }
    return {texts: ['Substantial work exists across all 10 tasks.', final], afterTrailer: '\n'};
  }
  if (d.has('tool-shapes')) {
    const final = d.has('answer') ? answerText(ctx) : 'Both look fine.';
    for (const step of toolShapesTurn(noColor, final)) await out(step);
    return {texts: ['Let me look at both.', final], afterTrailer: ''};
  }
  if (d.has('shell')) await shellStep(ctx, unescape(String(d.get('shell'))));
  const count = Math.max(1, intValue(d, 'messages', 1));
  const texts = Array.from({length: count - 1}, (_, i) => `Step ${i + 1} of ${count}.`);
  texts.push(answerText(ctx));
  await out(renderMessages(texts, noColor));
  return {texts, afterTrailer: ''};
}

/**
 * Runs the turn and ends the process; ctx = {env, prompt, directives, noColor, trust, session, startedAt,
 * harness ('v2' | 'v3')}.
 */
export async function runTurn(ctx) {
  const {env, directives: d} = ctx;
  if (d.has('ignore-term')) process.on('SIGTERM', () => {});
  if (d.has('grandchild')) spawnGrandchild(d.get('grandchild'));
  appendEvent(env, ctx.session, 'Prompt', {text: ctx.prompt});
  if (d.has('hang')) return hangForever();
  if (d.has('hang-noisy')) return hangNoisy();
  const latency = intValue(d, 'sleep', intValue(new Map([['v', env.KIRO_SIM_LATENCY_MS]]), 'v', 0));
  if (latency > 0) await sleep(latency);
  if (d.has('login-prompt')) {
    await out(DEVICE_CODE_BLOCK);
    return hangForever();
  }
  if (d.has('flaky') && nextAttempt(env, ctx.prompt) <= intValue(d, 'flaky', 0))
    return backendFailure('trouble');
  if (d.has('backend')) return backendFailure(String(d.get('backend')));
  if (env.KIRO_SIM_PROFILE_ARN === 'missing') return missingProfileArn();
  if (d.has('usage-limit')) {
    const forced = String(d.get('usage-limit'));
    return usageLimit(forced === 'v2' || forced === 'v3' ? forced : ctx.harness);
  }
  if (d.has('error')) {
    await err(`error: ${unescape(String(d.get('error')))}\n`);
    return exitWith(1);
  }
  if (d.has('crash')) return crash(ctx.noColor);
  if (d.has('signal')) return killSelf(d.get('signal'), ctx.noColor);

  const {texts, afterTrailer} = await speak(ctx);
  for (const text of texts) appendEvent(env, ctx.session, 'AssistantMessage', {text});
  if (d.has('exit')) return exitWith(intValue(d, 'exit', 0));
  if (d.has('no-trailer')) return exitWith(0);
  const credits = d.has('credits') ? String(d.get('credits')) : '0.06';
  const time = d.has('time') ? String(d.get('time')) : formatElapsed(Date.now() - ctx.startedAt);
  const style = new Set(String(env.KIRO_SIM_TRAILER ?? '').split(','));
  await err(trailer(credits, time, {grey: style.has('grey'), timeOnly: style.has('time')}) + afterTrailer);
  if (d.has('trailer-then-hang')) return hangForever();
  return exitWith(0);
}
