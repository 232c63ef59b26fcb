/** Variables CI services set, with the name shown for each; `CI` alone is the common convention. */
const CI_VARS: ReadonlyArray<readonly [string, string]> = [
  ['GITHUB_ACTIONS', 'GitHub Actions'],
  ['GITLAB_CI', 'GitLab CI'],
  ['BUILDKITE', 'Buildkite'],
  ['CIRCLECI', 'CircleCI'],
  ['JENKINS_URL', 'Jenkins'],
  ['TF_BUILD', 'Azure Pipelines'],
  ['CODEBUILD_BUILD_ID', 'AWS CodeBuild'],
  ['TEAMCITY_VERSION', 'TeamCity'],
  ['BITBUCKET_BUILD_NUMBER', 'Bitbucket Pipelines'],
];

/** The CI service this environment belongs to, `CI` for an unnamed one, or null outside CI. */
export function detectCi(env: NodeJS.ProcessEnv): string | null {
  for (const [name, label] of CI_VARS) if (env[name]) return label;
  const ci = env.CI;
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return 'CI';
  return null;
}
