import { execFile } from 'node:child_process';
import { rename } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The bundle of `hubcat` this run built, which `hubcatCli` runs; undefined in a project without this setup. */
    hubcatBundle: string | undefined;
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** tsx compiles with this esbuild (the version tsx pins), so the bundle is the code `bin/hubcat.js` would run. */
const ESBUILD = fileURLToPath(new URL('../../node_modules/esbuild/bin/esbuild', import.meta.url));
/**
 * Two directories below the checkout, like `src/web/`: `src/web/build-dir.ts` finds the dashboard at
 * `../../dist/web/` from the module, and in the bundle the module is this file.
 */
const BUNDLE = fileURLToPath(new URL('../../dist/cli/hubcat.js', import.meta.url));
const WORKER_BUNDLE = fileURLToPath(new URL('../../dist/cli/text-build-worker.js', import.meta.url));

/**
 * Vitest global setup of the projects that start `hubcat`: bundles `src/cli/main.ts` into one JavaScript file, once
 * per run, so that a test's `hubcat` is plain `node` on it. Through `bin/hubcat.js`, tsx compiles every source file
 * at each start (about 2.1 s of CPU per process on this machine, against 0.9 s for the bundle), and the suite starts
 * a few hundred of them. Packages stay outside the bundle, loaded from node_modules as `bin/hubcat.js` loads them.
 * `npm start` and `npm run demo` (test/cli/) still go through `bin/hubcat.js`.
 */
export default async function bundleCli(project: TestProject): Promise<void> {
  await bundle('src/cli/main.ts', BUNDLE, project.name);
  // The search index is built on a worker thread whose entry the bundle loads from beside itself.
  await bundle('src/query/text-build-worker.ts', WORKER_BUNDLE, project.name);
  project.provide('hubcatBundle', BUNDLE);
}

/**
 * Bundles `entry` into `outfile`. Each project runs its own global setup, possibly at the same time: each writes its
 * own file and moves it into place in one step, so that no process starts from a half-written bundle.
 */
async function bundle(entry: string, outfile: string, projectName: string): Promise<void> {
  const partial = `${outfile}.${process.pid}.${projectName}.partial`;
  await promisify(execFile)(
    ESBUILD,
    [
      entry,
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--target=node20',
      '--packages=external',
      '--log-level=warning',
      `--outfile=${partial}`,
    ],
    { cwd: ROOT },
  );
  await rename(partial, outfile);
}
