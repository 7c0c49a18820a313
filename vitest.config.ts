import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['{client,server,shared,fixtures,bench}/**/*.test.ts', 'e2e/**/*.test.ts'],
    // Real servers, real SQLite files and real Chromium: give slow machines room, never sleep.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['e2e/support/globalSetup.ts'],
  },
})
