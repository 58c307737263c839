import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The CLI under test is the one compiled from today's sources, never a stale dist/.
    globalSetup: ['test/global-setup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**'],
          environment: 'node',
          // No test is bounded by the clock (a loaded CI machine is slow, not wrong): this
          // only ends a test that hangs, long before CI's own limit.
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          benchmark: { include: [] },
        },
      },
    ],
  },
});
