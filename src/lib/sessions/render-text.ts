import type {DeleteOutcome} from './delete.js';
import type {SessionShowResult} from './show.js';
import type {SessionsListResult} from './types.js';

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

/** `sessions list` for people: a table, newest first; the cwd column only when several directories show. */
export function renderSessionsList(result: SessionsListResult): string {
  if (result.sessions.length === 0) {
    return result.cwd === null ? 'No sessions in the store.\n' : `No sessions for ${result.cwd}.\n`;
  }
  const all = result.cwd === null;
  const head = ['ID', 'UPDATED', 'MSGS', ...(all ? ['CWD'] : []), 'TITLE'];
  const rows = result.sessions.map((s) => [
    s.id,
    s.updatedAt ?? '-',
    s.messages === null ? '-' : String(s.messages),
    ...(all ? [s.cwd ?? '-'] : []),
    s.title.replace(/\s+/g, ' '),
  ]);
  const where = all ? '' : `Sessions for ${result.cwd}, newest first:\n`;
  return `${where}${table([head, ...rows])}\n`;
}

const indent = (text: string): string => text.replace(/\n/g, '\n    ');

/** `sessions show` for people: the conversation in order. */
export function renderSessionShow(result: SessionShowResult): string {
  const lines = [
    `Session ${result.id}${result.title ? `: ${result.title}` : ''}`,
    `cwd: ${result.cwd ?? 'unknown'}   updated: ${result.updatedAt ?? 'unknown'}`,
    '',
  ];
  for (const entry of result.entries) {
    if (entry.kind === 'prompt') lines.push(`you> ${indent(entry.text)}`);
    else if (entry.kind === 'answer') lines.push(`kiro> ${indent(entry.text)}`);
    else if (entry.kind === 'tool') {
      const status = entry.status === null ? '' : ` [${entry.status}]`;
      lines.push(`  tool ${entry.tool}: ${entry.title}${status}`);
    } else lines.push(`  (${entry.event})`);
  }
  if (result.entries.length === 0) lines.push('(no messages stored)');
  return `${lines.join('\n')}\n`;
}

/** `sessions delete` for people: one line per id. */
export function renderDeleteOutcomes(results: readonly DeleteOutcome[]): string {
  const word = {deleted: 'deleted', 'not-found': 'not found', failed: 'failed'} as const;
  return results.map((r) => `${word[r.status]}  ${r.id}  ${r.message}\n`).join('');
}
