// execa costs 100–190 ms to import: loaded with the first process kiro-x starts, never by `--help` or `--version`.
let execaModule: Promise<typeof import('execa')> | undefined;

/** execa, imported once, on first use. */
export const loadExeca = (): Promise<typeof import('execa')> => (execaModule ??= import('execa'));
