import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// One process seam: only src/lib/engine/process/ starts processes (with execa); everything else asks it.
const SEAM_MESSAGE = 'Only src/lib/engine/process/ starts processes: use startKiro or captureKiro.';
const SEAM_MODULES = ['node:child_process', 'child_process', 'execa'];
const seamPaths = SEAM_MODULES.map((name) => ({name, message: SEAM_MESSAGE}));
const seamDynamicImports = {
  selector: `ImportExpression[source.value=/^(?:${SEAM_MODULES.join('|')})$/]`,
  message: SEAM_MESSAGE,
};
const noOclif = {group: ['@oclif/*'], message: 'src/lib is a plain library: it never imports oclif.'};
const PROCESS_SEAM = 'src/lib/engine/process/**';
const noCli = {
  group: ['../cli/*', '**/src/cli/*'],
  message: 'src/mcp is a front end on src/lib, like src/cli: it never imports src/cli.',
};

export default tseslint.config(
  {ignores: ['dist/**', 'dist-check/**', 'node_modules/**', 'bench/results/**', 'coverage/**']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        TextDecoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      'no-restricted-imports': ['error', {patterns: []}],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: [PROCESS_SEAM],
    rules: {
      'no-restricted-imports': ['error', {paths: seamPaths}],
      'no-restricted-syntax': ['error', seamDynamicImports],
    },
  },
  {
    files: ['src/lib/**/*.ts'],
    ignores: [PROCESS_SEAM],
    rules: {'no-restricted-imports': ['error', {paths: seamPaths, patterns: [noOclif]}]},
  },
  {
    files: ['src/mcp/**/*.ts'],
    rules: {'no-restricted-imports': ['error', {paths: seamPaths, patterns: [noOclif, noCli]}]},
  },
  {
    files: [PROCESS_SEAM],
    rules: {'no-restricted-imports': ['error', {patterns: [noOclif]}]},
  },
  prettier,
);
