import type {ConversationEntry, ToolEntry} from './conversation.js';
import type {DeleteOutcome} from './delete.js';
import {relativeTime} from './relative-time.js';
import type {SessionShowResult} from './show.js';
import type {SessionsListResult} from './types.js';

/** How times are shown: relative on a terminal ("3 minutes ago"), else ISO to the second. */
export interface TimeStyle {
  relative: boolean;
  now?: number | undefined;
}

function when(iso: string | null, style: TimeStyle): string {
  if (iso === null) return '-';
  return style.relative ? relativeTime(iso, style.now) : iso.replace(/\.\d+Z$/, 'Z');
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `sessions list` for people: a table, newest first; the cwd column with --all, ACTIVE when one is. */
export function renderSessionsList(result: SessionsListResult, style: TimeStyle): string {
  if (result.sessions.length === 0) {
    return result.cwd === null ? 'No sessions in the store.\n' : `No sessions for ${result.cwd}.\n`;
  }
  const all = result.cwd === null;
  const anyActive = result.sessions.some((s) => s.active === true);
  const head = ['ID', 'UPDATED', 'MSGS', ...(anyActive ? ['ACTIVE'] : []), ...(all ? ['CWD'] : []), 'TITLE'];
  const rows = result.sessions.map((s) => [
    s.id,
    when(s.updatedAt, style),
    s.messages === null ? '-' : String(s.messages),
    ...(anyActive ? [s.active ? 'yes' : ''] : []),
    ...(all ? [s.cwd ?? '-'] : []),
    s.title.replace(/\s+/g, ' '),
  ]);
  const where = all ? '' : `Sessions for ${result.cwd}, newest first:\n`;
  return `${where}${table([head, ...rows])}\n`;
}

const indent = (text: string, pad: string): string => text.replace(/\n/g, `\n${pad}`);
const OUTPUT_LINES = 10;

function toolLines(entry: ToolEntry): string[] {
  const what = [entry.purpose, entry.command === null ? null : `$ ${entry.command}`].filter(
    (s) => s !== null,
  );
  const status = entry.status === null ? ' [no result stored]' : ` [${entry.status}]`;
  const lines = [`  tool ${entry.name ?? '?'}${what.length ? `: ${what.join(' — ')}` : ''}${status}`];
  if (entry.output) {
    const out = entry.output.trimEnd().split('\n');
    lines.push(...out.slice(0, OUTPUT_LINES).map((l) => `      ${l}`));
    if (out.length > OUTPUT_LINES || entry.outputTruncated)
      lines.push('      … (output cut; --json has more)');
  }
  return lines;
}

function entryLines(entry: ConversationEntry): string[] {
  switch (entry.kind) {
    case 'prompt':
      return [`${entry.cancelled ? 'you (cancelled)>' : 'you>'} ${indent(entry.text, '    ')}`];
    case 'answer':
      return [`kiro> ${indent(entry.text, '    ')}`];
    case 'thinking':
      return [`  (thinking) ${indent(entry.text, '    ')}`];
    case 'tool':
      return toolLines(entry);
    case 'cleared':
      return [`--- conversation cleared (${entry.dropped} earlier entries not shown) ---`];
    case 'compaction':
      return [`--- conversation compacted: ${indent(entry.summary, '    ')} ---`];
    case 'reset':
      return [`--- conversation reset to message ${entry.targetIndex ?? '?'} ---`];
  }
}

/** `sessions show` for people: the header, the conversation in order, then its subagents. */
export function renderSessionShow(result: SessionShowResult, style: TimeStyle): string {
  const facts = [
    `cwd: ${result.cwd ?? 'unknown'}`,
    `updated: ${when(result.updatedAt, style)}`,
    ...(result.model ? [`model: ${result.model}`] : []),
    ...(result.credits !== null ? [`credits: ${result.credits}`] : []),
    ...(result.active ? ['active (a kiro-cli process holds it)'] : []),
  ];
  const lines = [
    `Session ${result.id}${result.title ? `: ${result.title.replace(/\s+/g, ' ')}` : ''}`,
    facts.join('   '),
  ];
  if (result.parentId) lines.push(`subagent session of ${result.parentId}`);
  lines.push('');
  for (const entry of result.entries) lines.push(...entryLines(entry));
  if (result.entries.length === 0) lines.push('(no messages stored)');
  if (result.children.length > 0) {
    lines.push('', 'Subagent sessions:');
    for (const c of result.children) {
      lines.push(`  ${c.id}  ${c.messages ?? '-'} msgs  ${c.title.replace(/\s+/g, ' ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `sessions delete` for people: one line per id. */
export function renderDeleteOutcomes(results: readonly DeleteOutcome[]): string {
  const word = {deleted: 'deleted', 'not-found': 'not found', failed: 'failed', kept: 'kept'} as const;
  return results.map((r) => `${word[r.status]}  ${r.id}  ${r.message}\n`).join('');
}
