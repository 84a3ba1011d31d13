import { defineConfig } from 'vitest/config'

// The kernel conformance test (issue 6): real namespaces, iptables and TCP.
// Run with `npm run test:kernel`. Kept apart from the unit tests (vite.config.ts).
export default defineConfig({
  test: {
    include: ['kernel/**/*.kernel.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 170_000,
    hookTimeout: 60_000,
  },
})
