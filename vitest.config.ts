import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Files that assert wall-clock bounds (a p99 latency under attack, a publish reported within 1 s, a takeover within
 * lease + TTL): they run after everything else, so that another file's load is not what they measure. The probes,
 * which load both cores, run alone; then the two replica files together: each is three idle replicas waiting on their
 * TTLs (under half of one core between both, measured), and one beside the other costs the bound nothing.
 */
const TIMED_ALONE = ['test/edge/hostile-probes.test.ts'];
const TIMED_IDLE = ['test/store/replicas.test.ts', 'test/store/replicas-cluster.test.ts'];
const TIMED = [...TIMED_ALONE, ...TIMED_IDLE];

/**
 * Files that start processes (`hubcat`, `redis-server`, Chromium), and the crawls of the 100k and 1M emulator presets.
 * Everything else runs in the test process, within seconds (with the emulator on loopback and the Redis at
 * 127.0.0.1:6379): `npm run test:unit`.
 */
const INTEGRATION = [
  'test/catalog/scale.test.ts',
  'test/app/graphiql.test.ts',
  'test/app/http-security.test.ts',
  'test/app/live-feed.test.ts',
  'test/app/probes.test.ts',
  'test/app/redis-connections.test.ts',
  'test/app/snapshot-preparation.test.ts',
  'test/cli/*.test.ts',
  'test/edge/rate-limit.test.ts',
  'test/edge/token-bucket.test.ts',
  'test/edge/trusted-documents.test.ts',
  'test/emulator/emulate-command.test.ts',
  'test/emulator/scale.test.ts',
  'test/graphql/facets-at-scale.test.ts',
  'test/store/bounded-waits.test.ts',
  'test/store/chunked-snapshots.test.ts',
  'test/store/incremental-adoption.test.ts',
  'test/store/provider-snapshots.test.ts',
  'test/store/redis-cache.test.ts',
  'test/store/router-fields.test.ts',
  'test/store/shared-catalog.test.ts',
  'test/store/validated-reads.test.ts',
  'test/web/changes.test.ts',
  'test/web/dashboard.test.ts',
  'test/web/providers.test.ts',
  'test/web/trusted-dashboard.test.ts',
];

/** Two cores: most test files wait on sockets, child processes and timers, so a third file keeps both cores busy. */
const WORKERS = 3;

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (`main`) and ESM (`module`) builds. Node, and so every dependency, loads the CJS one; left
    // alone, Vite would hand our sources the ESM one, and a GraphQLError made here would fail `instanceof` in Yoga.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    maxWorkers: WORKERS,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...INTEGRATION, ...TIMED],
          // A worker keeps its modules from one file to the next: the sources are imported once per worker, not once
          // per file (import time 65 s instead of 230 s in one measured run). These files mock no module and set no
          // global; each builds its own app, registry and emulator.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION,
          exclude: TIMED,
          // The dashboard is built once per run, before any file starts a server that serves it; `hubcat` is bundled
          // once, so that each process a test starts is plain `node`.
          globalSetup: ['test/support/build-page.ts', 'test/support/cli-bundle.ts'],
          // As in the unit project: these files mock no module and set no global either.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'timed',
          include: TIMED_ALONE,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
          globalSetup: ['test/support/cli-bundle.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'timed-replicas',
          include: TIMED_IDLE,
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
          globalSetup: ['test/support/cli-bundle.ts'],
        },
      },
    ],
  },
});
