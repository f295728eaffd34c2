/**
 * One jest config, two projects: `unit` (pure code, specs beside the source) and `integration`
 * (test/**, real Postgres + Temporal provisioned by infra/bin/bootstrap.mjs, which sets
 * DATABASE_URL / TEMPORAL_ADDRESS before jest starts).
 *
 * NestJS is pinned to 11 (CommonJS) so jest runs without --experimental-vm-modules; see README.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const moduleNameMapper = {
  '^@app/(config|domain|persistence|temporal)$': '<rootDir>/libs/$1/src',
  '^@app/(config|domain|persistence|temporal)/(.*)$': '<rootDir>/libs/$1/src/$2',
  '^@app/workflows$': '<rootDir>/workflows',
  '^@app/workflows/(.*)$': '<rootDir>/workflows/$1',
  '^@app/infra/(.*)$': '<rootDir>/infra/$1',
};

const common = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j)s$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.data/', '<rootDir>/.tools/'],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,workflows,infra}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
  ],
  // Per-project testTimeout is ignored by jest; integration tests start processes and servers.
  testTimeout: 120000,
};
