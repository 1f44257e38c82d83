import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ModelTable } from '../catalog/index.ts';
import { catalogIndex } from './catalog-index.ts';
import { packingSteps, type TextParts } from './text-build.ts';
import { IdSymbols, type PackedIds } from './text-symbols.ts';
import { textPartsInThread } from './text-thread.ts';

/**
 * Builds everything queries over `table` read (posting lists, every order, the search column) now rather than on the
 * first request that needs it, so a new snapshot's first user does not wait for it; a step at a time, letting the
 * event loop answer other requests between steps: for a server that prepares a new snapshot while it still serves the
 * last. The search index of a large catalog, half of the work, is built on a worker thread meanwhile (the ids packed
 * here first, a slice at a time); if that thread fails, here, step by step, after the rest, and `onThreadFailed` says
 * why (the answers are the same, the preparation slower).
 */
export async function prepareCatalogInSteps(
  table: ModelTable,
  { onThreadFailed = () => {}, threadRows = THREAD_ROWS, textThread = textPartsInThread }: PreparationOptions = {},
): Promise<void> {
  const index = catalogIndex(table);
  await nextTurn();
  if (table.size < threadRows) return inTurns(index.preparation());
  const ids = new IdSymbols(table.ids);
  const packing = packingSteps(ids);
  await inTurns(packing.steps);
  const text = textThread(packing.packed).then(
    (parts) => index.adoptText(ids, parts),
    (error: unknown) => {
      onThreadFailed(error);
      return false;
    },
  );
  await inTurns(index.preparation({ text: false }));
  if ((await text) === false) await inTurns(index.preparation());
}

export interface PreparationOptions {
  /** Told why the search index's thread failed, when it does. */
  onThreadFailed?: (error: unknown) => void;
  /** The rows from which the search index is built on a thread (THREAD_ROWS unless a test needs a small catalog's). */
  threadRows?: number;
  /** Builds the search index's parts elsewhere from the packed ids (a worker thread, see text-thread.ts). */
  textThread?: (packed: PackedIds) => Promise<TextParts>;
}

/**
 * Below this many rows the search index takes some tens of milliseconds to build, less than starting a thread and
 * handing the ids over, and a small catalog's replica adopts a publish sooner on this thread alone.
 */
const THREAD_ROWS = 100_000;

async function inTurns(steps: readonly (() => unknown)[]): Promise<void> {
  for (const step of steps) {
    await nextTurn();
    step();
  }
}

/** Whether the indexes of `table` are all built already (by a preparation, or by queries that needed each of them). */
export function isCatalogPrepared(table: ModelTable): boolean {
  return catalogIndex(table).prepared;
}
