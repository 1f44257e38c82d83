import { Worker } from 'node:worker_threads';
import type { TextParts } from './text-build.ts';
import type { PackedIds } from './text-symbols.ts';

/**
 * The thread's code. From the TypeScript sources (`bin/hubcat.js`, the tests), the worker does not inherit the loader
 * that compiles them (`--import` flags and `module.register` hooks are the main thread's), so it registers tsx's
 * first; from a bundle (`dist/cli/hubcat.js`), the worker's own bundle lies beside it.
 */
function workerCode(): string {
  if (!import.meta.url.endsWith('.ts')) {
    return `import(${JSON.stringify(new URL('./text-build-worker.js', import.meta.url).href)});`;
  }
  const loader = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./text-build-worker.ts', import.meta.url).href);
  return `import(${loader}).then(({ register }) => { register(); return import(${entry}); });`;
}

/**
 * The search index's parts, built on a thread of its own from `packed`, which is handed over (its arrays are empty
 * here afterwards): a million ids take 1.5 to 2 s to index, which this thread spends preparing the rest meanwhile.
 * Rejects if the thread cannot be started or fails; `code` is the thread's (a test's may fail).
 */
export function textPartsInThread(packed: PackedIds, code = workerCode()): Promise<TextParts> {
  return new Promise<TextParts>((resolve, reject) => {
    const worker = new Worker(code, {
      eval: true,
      workerData: packed,
      transferList: [packed.symbols.buffer as ArrayBuffer, packed.starts.buffer as ArrayBuffer],
    });
    worker.once('message', (parts: TextParts) => {
      resolve(parts);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (exitCode) => reject(new Error(`the search index's thread exited (code ${exitCode})`)));
  });
}
