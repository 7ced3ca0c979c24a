import { defineConfig } from 'vitest/config';

/*
 * The tests `npm run mutate` runs against every mutant: the fast unit tests beside the code and
 * the few API tests that exercise the server's domain code in seconds. Standalone on purpose
 * (mergeConfig would add vitest.config.ts's include list): the Chromium, Worker and e2e suites
 * (test/e2e, test/*-e2e, test/worker, test/widget-*, test/browser) never run under Stryker.
 * Each Stryker config narrows this list further with its `testFiles`.
 */
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
