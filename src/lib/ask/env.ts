/**
 * The environment kiro-cli runs with: the caller's (default: this process's) plus `TERM=dumb` and `NO_COLOR=1`,
 * which careful integrators set although kiro-cli's escapes survive them. The process seam adds
 * `KIRO_NO_AUTO_UPDATE=1` to this and to every other kiro-cli kiro-x starts (see `childEnv`).
 */
export function kiroEnv(env: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  return {...(env ?? process.env), TERM: 'dumb', NO_COLOR: '1'};
}
