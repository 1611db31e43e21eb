import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The console tests stand in for a terminal. Ink draws only the final frame when CI is set;
    // the CLI clears it at a real terminal (src/cli/index.ts), and the tests do the same.
    env: { CI: 'false', CONTINUOUS_INTEGRATION: 'false' },
  },
});
