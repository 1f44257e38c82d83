/**
 * A worker thread's entry (see text-thread.ts): builds the search index's parts from the packed ids it is handed and
 * hands them back, without copying either.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buffersOf, buildSteps } from './text-build.ts';
import type { PackedIds } from './text-symbols.ts';

const { steps, parts } = buildSteps(workerData as PackedIds);
for (const step of steps) step();
const built = parts();
parentPort!.postMessage(built, buffersOf(built));
