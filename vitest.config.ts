import { defineConfig } from 'vitest/config';

// One runner for the whole tree. Test files sit next to the code and name the environment they
// need: x.test.ts (pure), x.pg.test.ts (PostgreSQL), x.redis.test.ts (Redis), x.e2e.ts (browser).
export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/src/**/*.test.tsx',
      'packages/*/test/**/*.test.ts',
      'e2e/**/*.e2e.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // Limits against hangs, not speed targets (those live in bench/): CI machines vary 4× day to day.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    // Spawned `parley` processes run src/ through tsx, never a build that may be older than the code.
    env: { PARLEY_RUN_SOURCE: '1' },
  },
});
