// @ts-check
/**
 * Mutation testing of the server's domain code: complaints (submitting, steps, deadlines,
 * erasure, the register), jobs, reports, the mail relay and templates, and staff accounts,
 * sessions, sign-in and policy. `npm run mutate:server`; `npm run mutate` runs both configs.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  mutate: [
    'server/complaints/**/*.ts',
    'server/jobs/**/*.ts',
    'server/reports/**/*.ts',
    'server/mail/**/*.ts',
    'server/staff/**/*.ts',
    '!server/**/*.test.ts',
    // Not domain logic: HTTP wiring (routes, their docs and status codes, tested through the
    // API tests), and the table of step handlers and role names (data, no behaviour).
    '!server/complaints/complaint-routes.ts',
    '!server/reports/report-routes.ts',
    '!server/mail/outbox-routes.ts',
    '!server/staff/staff-routes.ts',
    '!server/staff/roles.ts',
    '!server/complaints/steps/step-table.ts',
  ],
  testFiles: ['server/**/*.test.ts'],
  coverageAnalysis: 'perTest',
  // Mutants that only run while a module loads (tables, zod schemas built at import) would each
  // need every test in a fresh process; they are left out and reported as ignored.
  ignoreStatic: true,
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/server.html' },
  jsonReporter: { fileName: 'reports/mutation/server.json' },
  incrementalFile: 'reports/stryker-incremental-server.json',
  thresholds: { high: 85, low: 75, break: 75 },
  tempDirName: '.stryker-tmp',
  // MUTATE_TYPECHECK=1: leave out mutants that do not compile instead of running them (Stryker's
  // TypeScript checker on a tsconfig of just this scope). Off by default: it makes a run several
  // times slower, and the few mutants it would remove are listed as equivalent in the README.
  ...(process.env.MUTATE_TYPECHECK === '1'
    ? { checkers: ['typescript'], tsconfigFile: 'tsconfig.stryker-server.json' }
    : {}),
  cleanTempDir: 'always',
};
