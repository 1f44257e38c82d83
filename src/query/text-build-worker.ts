/**
 * A worker thread's entry (see text-thread.ts): builds the search index's parts from the packed ids it is sent (once
 * the main thread has packed them) and hands them back, without copying either.
 */
import { parentPort } from 'node:worker_threads';
import { buffersOf, buildSteps } from './text-build.ts';
import type { PackedIds } from './text-symbols.ts';

parentPort!.once('message', (packed: PackedIds) => {
  const { steps, parts } = buildSteps(packed);
  for (const step of steps) step();
  const built = parts();
  parentPort!.postMessage(built, buffersOf(built));
});
