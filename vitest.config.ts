import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Servers and embedded databases are per test file; keep files isolated.
    pool: 'forks',
    testTimeout: 15_000,
  },
});
