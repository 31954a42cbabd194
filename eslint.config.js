// @ts-check
import js from '@eslint/js';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '.data', 'test-artifacts', 'bench/out'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's describe/it return promises the runner itself awaits.
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Every pattern in the product must run in linear time: a signed push full of spaces once froze the worker.
    files: ['src/**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'regexp/no-misleading-capturing-group': 'error',
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox and every new worker replays it (docs/versioning.md):
    // at run time it may import only the workflow SDK, pure domain code and other workflow files; anything else
    // (activities, the client, the worker runtime, config, Node built-ins, I/O) only as types. An allow-list, so a
    // new package cannot slip through; test/unit/import-directions.test.ts checks the same rule on the import graph.
    files: ['src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@temporalio/workflow$|\\./|(\\.\\./)+domain/)',
              allowTypeImports: true,
              message:
                'Workflow code imports only @temporalio/workflow, src/domain and src/workflows; anything else as `import type`.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tools, benchmarks and tests talk to people on the terminal.
    files: ['tools/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  { files: ['eslint.config.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
