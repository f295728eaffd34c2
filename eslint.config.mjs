// ESLint (flat config). Type-aware rules catch un-awaited promises; workflow files may only import
// what is deterministic and sandbox-safe.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'http2',
  'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers', 'tls', 'url', 'util', 'v8', 'vm',
  'worker_threads', 'zlib',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', '.tools/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    // apps/web (*.tsx) is typed by its own apps/web/tsconfig.json: the project service picks the nearest one.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.flatMap((m) => [
            { name: m, message: 'Workflow code is deterministic: no Node built-ins (do I/O in an activity).' },
            { name: `node:${m}`, message: 'Workflow code is deterministic: no Node built-ins (do I/O in an activity).' },
          ]),
          patterns: [
            { group: ['@nestjs/*'], message: 'No Nest in workflow code: it runs in the Temporal sandbox.' },
            { group: ['typeorm', 'typeorm/*', 'pg', 'pg-*'], message: 'No database access in workflow code: use an activity.' },
            { group: ['@app/*'], message: 'No path aliases in workflow code: import relative files that are workflow-safe.' },
            { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity'], message: 'Workflow code imports @temporalio/workflow (and @temporalio/common) only.' },
          ],
        },
      ],
    },
  },
);
