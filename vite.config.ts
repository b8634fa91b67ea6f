import { sveltekit } from '@sveltejs/kit/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

// Test tiers (all run by `npm test`):
//   unit    pure modules, node, no database
//   db      real PostgreSQL: one embedded cluster per run, a fresh database per test file
//   client  Svelte components in jsdom with @testing-library/svelte
//   e2e     the built server in real Chromium via playwright-core
// and, only with FAULTS=1 (`npm run test:faults`, run by CI after `npm test`):
//   faults  slow fault tests: databases restarted, processes killed, two instances, backup
//           and restore (tests/faults/, docs/operations.md)
export default defineConfig({
  plugins: [sveltekit()],
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'node', include: ['tests/unit/**/*.test.ts'] }
      },
      {
        extends: true,
        test: {
          name: 'db',
          environment: 'node',
          include: ['tests/db/**/*.test.ts'],
          globalSetup: ['tests/setup/embedded-cluster.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000
        }
      },
      {
        extends: true,
        plugins: [svelteTesting()],
        test: {
          name: 'client',
          environment: 'jsdom',
          include: ['tests/components/**/*.svelte.test.ts'],
          setupFiles: ['tests/setup/jest-dom.ts']
        }
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/setup/embedded-cluster.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false
        }
      },
      ...(process.env.FAULTS === '1'
        ? [
            {
              extends: true as const,
              test: {
                name: 'faults',
                environment: 'node' as const,
                include: ['tests/faults/**/*.test.ts'],
                globalSetup: ['tests/setup/embedded-cluster.ts'],
                testTimeout: 240_000,
                hookTimeout: 240_000,
                fileParallelism: false
              }
            }
          ]
        : [])
    ]
  }
});
