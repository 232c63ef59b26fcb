import {statSync} from 'node:fs';
import path from 'node:path';

/** What kiro-x was doing with a path when the file system said no; it shapes the sentence. */
export type PathAction = 'read' | 'write' | 'append' | 'create';

const VERBS: Record<PathAction, string> = {
  read: 'read',
  write: 'written',
  append: 'opened for appending',
  create: 'created',
};

/** Error codes whose meaning does not depend on the action, in words. */
const WORDS: Readonly<Record<string, string>> = {
  EISDIR: 'it is a directory',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space is left on the device',
  EDQUOT: 'the disk quota is used up',
  EEXIST: 'a file or directory with that name already exists',
  ELOOP: 'it is a symbolic link where none is allowed, or a loop of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EIO: 'the device reported an input/output error',
  EBUSY: 'it is busy',
  ETXTBSY: 'it is busy',
  EFBIG: 'the file would be too large',
  EINVAL: 'the file system does not support this',
  ENXIO: 'no device answers at this path',
};

/** The stats of a path, or null when it cannot be seen (missing, or below a file). */
function statOrNull(file: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

const isDirectory = (dir: string): boolean => statOrNull(dir)?.isDirectory() === true;

/** The nearest part of `file`'s path (itself included) that exists but is not a directory, if any: ENOTDIR's cause. */
export function blockingFile(file: string): string | null {
  let current = path.resolve(file);
  for (;;) {
    const info = statOrNull(current);
    if (info) return info.isDirectory() ? null : current;
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

/**
 * Why a file-system call failed, in words rather than an errno code. `file` is the path the user named; the
 * error's own `path` (the directory being made, say) is preferred when it says more.
 */
export function fsReason(error: unknown, file: string, action: PathAction): string {
  const {code, path: failedPath} = (error ?? {}) as NodeJS.ErrnoException;
  const target = failedPath ?? file;
  const parent = path.dirname(path.resolve(target));
  switch (code) {
    case 'ENOENT':
      if (action === 'read') return 'it does not exist';
      // Creating in a directory that exists and still getting ENOENT: /proc and similar file systems.
      return isDirectory(parent)
        ? `the file system does not allow creating ${target} in ${parent}`
        : `the directory ${parent} does not exist`;
    case 'ENOTDIR': {
      const blocker = blockingFile(target);
      return blocker === null ? 'a part of its path is not a directory' : `${blocker} is not a directory`;
    }
    case 'EACCES':
      if (action === 'read') return 'permission denied: this user may not read it';
      if (action === 'create') return `permission denied: this user may not create entries in ${parent}`;
      return 'permission denied: this user may not write it';
    default:
      if (code !== undefined && code in WORDS) return WORDS[code] as string;
      return plainMessage(error);
  }
}

/** A Node error message without its `CODE: ` prefix and `, syscall 'path'` suffix. */
function plainMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^[A-Z][A-Z0-9_]+: /, '').replace(/, \w+ '[^']*'(?: -> '[^']*')?$/, '');
}

/** `SUBJECT cannot be VERB: REASON.`, e.g. `--junit-file out/r.xml cannot be written: the device has no space left.` */
export function describePathError(subject: string, action: PathAction, error: unknown, file: string): string {
  return `${subject} cannot be ${VERBS[action]}: ${fsReason(error, file, action)}.`;
}
