// How kiro-cli's headless transcript looks: message markers, per-line resets, markdown headings, the trailer.
const MARKER = '\x1b[38;5;141m> \x1b[0m';
const MARKER_NO_COLOR = '\x1b[m> \x1b[0m';
const HEADING = '\x1b[38;5;252m\x1b[1m';
const HEADING_NO_COLOR = '\x1b[1m';

/** What ends every line but the last one of an assistant message (headless-2.21.2-colors.stdout). */
export const EOL = '\x1b[0m\x1b[0m\n';

/** The marker that starts each assistant message; NO_COLOR drops the colour but keeps the resets. */
export function marker(noColor) {
  return noColor ? MARKER_NO_COLOR : MARKER;
}

function styleLine(line, last, noColor) {
  if (!/^#{1,6} /.test(line)) return line;
  return `${noColor ? HEADING_NO_COLOR : HEADING}${line}${last ? '\x1b[0m' : ''}`;
}

/** One assistant message: marker, lines joined by EOL, no newline after the last line. */
export function renderMessage(text, noColor) {
  const lines = text.split('\n');
  return marker(noColor) + lines.map((l, i) => styleLine(l, i === lines.length - 1, noColor)).join(EOL);
}

/** Several assistant messages; each later one starts after a blank line with its own marker. */
export function renderMessages(texts, noColor) {
  return texts.map((t) => renderMessage(t, noColor)).join(`${EOL}\n`);
}

/** Formats elapsed milliseconds like the trailer does: `4s`, `14m 9s` (never below 1s). */
export function formatElapsed(ms) {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}

/**
 * The trailer on stderr. `grey` wraps the line in grey SGR (unverified variant); `timeOnly` drops the credits,
 * as kiro-cli does for a Q Developer Pro / IAM Identity Center subscription (` ▸ Time: 19s`).
 */
export function trailer(credits, time, {grey = false, timeOnly = false} = {}) {
  const line = timeOnly ? ` \u25b8 Time: ${time}` : ` \u25b8 Credits: ${credits} \u2022 Time: ${time}`;
  return grey ? `\n\x1b[38;5;244m${line}\x1b[0m\n\n` : `\n${line}\n\n`;
}

/** The header and fake output of a shell tool call (the command is never run). */
export function shellCall(command) {
  return (
    `I will run the following command: ${command} (using tool: shell)\n` +
    'Purpose: Run the command the user asked for\n\n' +
    'simulated output of the command\n' +
    ' - Completed in 0.4s\n\n'
  );
}

/** The header of a shell call that the headless mode refuses. */
export function refusedShellCall(command) {
  return `I will run the following command: ${command} (using tool: shell)\nPurpose: Run the command the user asked for\n\n`;
}

/** The header line of a tool call other than shell (read/grep/glob/write shapes of the reference, else generic). */
export function toolHeader(tool, arg) {
  switch (tool) {
    case 'read':
      return `Reading file: ${arg}, all lines (using tool: read)\n`;
    case 'grep':
      return `Searching for: ${arg} (using tool: grep)\n`;
    case 'glob':
      return `Searching for files: ${arg} (using tool: glob)\n`;
    case 'write':
      return `Creating: ${arg} (using tool: write)\n`;
    default:
      return `Using ${tool}: ${arg} (using tool: ${tool})\n`;
  }
}

/** A tool call that ran: its header, a fake result and the completion line. */
export function toolCall(tool, arg) {
  return `${toolHeader(tool, arg)} ✓ simulated result\n - Completed in 0.1s\n\n`;
}

/** The tool-using turn of headless-2.x-tools.stdout.stripped.txt, in steps, with the ANSI markers restored. */
export function toolsTurn(noColor, finalText) {
  const m = marker(noColor);
  return [
    'I will run the following command: git -C /home/u/proj status --short (using tool: shell)\n' +
      'Purpose: Check current git status\n\n',
    'Batch fs_read operation with 3 operations (using tool: read)\n\n' +
      '\u21b1 Operation 1: Reading directory: /home/u/proj/backend/apps/core\n' +
      '\u21b1 Operation 2: Reading directory: /home/u/proj/backend/tests\n' +
      '\u21b1 Operation 3: Reading directory: /home/u/proj/frontend/src/components M dentacrm/.env.example\n' +
      ' M dentacrm/README.md\n?? dentacrm/backend/apps/core/health.py\n - Completed in 0.9s\n\n\n' +
      ' \u2713 Successfully read directory /home/u/proj/backend/apps/core (10 entries)\n\n' +
      ' \u2713 Successfully read directory /home/u/proj/backend/tests (29 entries)\n\n' +
      ' \u22ee \n\n- Summary: 3 operations processed, 3 successful, 0 failed\n - Completed in 0.1s\n\n',
    `${m}Substantial work exists across all 10 tasks. Let me verify the current state by running the reproduction script.${EOL}` +
      'Batch fs_read operation with 2 operations (using tool: read)\n\n' +
      '\u21b1 Operation 1: Reading file: /home/u/proj/agentloop.toml, all lines\n' +
      '\u21b1 Operation 2: Reading file: /home/u/proj/README.md, all lines\n' +
      ' \u2713 Successfully read 3770 bytes from /home/u/proj/agentloop.toml\n\n' +
      ' \u2713 Successfully read 23325 bytes from /home/u/proj/README.md\n\n' +
      ' \u22ee \n\n- Summary: 2 operations processed, 2 successful, 0 failed\n - Completed in 0.0s\n\n',
    renderMessage(finalText, noColor),
  ];
}

/**
 * `tool-shapes`: the transcript edge shapes seen in the field. Two parallel headers share one physical line, the
 * second completion has no leading space and three decimals, and a header shares its line with its completion.
 */
export function toolShapesTurn(noColor, finalText) {
  return [
    `${marker(noColor)}Let me look at both.${EOL}` +
      'Reading file: /w/a.txt, all lines (using tool: read)' +
      'I will run the following command: echo one (using tool: shell)\n' +
      'Purpose: Print one\n\n' +
      ' \u2713 Successfully read 12 bytes from /w/a.txt\n' +
      ' - Completed in 0.002s\n\n' +
      'one\n' +
      '- Completed in 1.596s\n\n',
    "Introspecting kiro-cli's own documentation (using tool: introspect) - Completed in 0.68s\n\n",
    renderMessage(finalText, noColor),
  ];
}
