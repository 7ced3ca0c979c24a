// @ts-check
/**
 * Mutation testing of shared/: the deadline engine, the procedure and submission schemas, the
 * lifecycle table and the field rules. `npm run mutate:shared`; `npm run mutate` runs both.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  mutate: ['shared/**/*.ts', '!shared/**/*.test.ts'],
  testFiles: ['shared/**/*.test.ts'],
  coverageAnalysis: 'perTest',
  // Mutants that only run while a module loads (tables, zod schemas built at import) would each
  // need every test in a fresh process; they are left out and reported as ignored.
  ignoreStatic: true,
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/shared.html' },
  jsonReporter: { fileName: 'reports/mutation/shared.json' },
  incrementalFile: 'reports/stryker-incremental-shared.json',
  thresholds: { high: 90, low: 85, break: 85 },
  tempDirName: '.stryker-tmp',
  // MUTATE_TYPECHECK=1: leave out mutants that do not compile instead of running them (Stryker's
  // TypeScript checker on a tsconfig of just this scope). Off by default: it makes a run several
  // times slower, and the few mutants it would remove are listed as equivalent in the README.
  ...(process.env.MUTATE_TYPECHECK === '1'
    ? { checkers: ['typescript'], tsconfigFile: 'tsconfig.stryker-shared.json' }
    : {}),
  cleanTempDir: 'always',
};
