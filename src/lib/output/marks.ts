/**
 * The one table of status marks, for plain lines, terminal rows and the doctor alike: a reader sees the same
 * symbol for the same outcome wherever kiro-x prints it.
 */
export const MARKS = {
  passed: '✔',
  failed: '✖',
  warning: '!',
  skipped: '-',
} as const;

/** One mark of the table. */
export type Mark = (typeof MARKS)[keyof typeof MARKS];
