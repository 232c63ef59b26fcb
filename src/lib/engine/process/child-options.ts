import type {Options} from 'execa';
import type {RunKiroOptions} from './kiro-process.js';

/**
 * Every kiro-cli kiro-x starts gets `KIRO_NO_AUTO_UPDATE=1` unless the user set the variable (to anything):
 * kiro-cli updates itself otherwise, and a binary replaced in the middle of a batch is a hazard.
 */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env.KIRO_NO_AUTO_UPDATE !== undefined ? env : {...env, KIRO_NO_AUTO_UPDATE: '1'};
}

/**
 * What every kiro-cli kiro-x starts shares: its own process group, the caller's environment as the whole
 * environment, raw unbuffered streams, and never a rejected promise; ending the group is kiro-x's own.
 */
export function groupOptions(cwd: string, env: NodeJS.ProcessEnv): Options {
  return {
    cwd,
    env: childEnv(env),
    // The caller's environment is the whole environment: a variable it removed must stay removed.
    extendEnv: false,
    // Its own process group, so a terminal's ^C reaches only kiro-x, and kiro-x can end the whole tree.
    detached: true,
    buffer: false,
    encoding: 'buffer',
    reject: false,
    // kiro-x ends the whole process group itself; execa's kill escalation would signal the pid twice.
    forceKillAfterDelay: false,
    cleanup: false,
  };
}

/** execa's options for one kiro-cli turn: the group's, with the prompt on stdin or stdin closed. */
export function execaOptions(options: RunKiroOptions): Options {
  return {
    ...groupOptions(options.cwd, options.env),
    ...(options.stdinText === undefined ? {stdin: 'ignore' as const} : {input: options.stdinText}),
  };
}
