import type { z } from 'zod';
import { compareIds } from '../catalog/index.ts';
import { describeIssue, type SnapshotManifest, type SnapshotPointer } from './snapshot-schema.ts';

/** A value in the store that is not a snapshot hubcat could serve; the message says what is wrong with it. */
export class SnapshotRejectedError extends Error {
  override readonly name = 'SnapshotRejectedError';
}

/** Parses `value` with `schema`, or throws a SnapshotRejectedError naming the first problem. */
export function parseOrReject<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new SnapshotRejectedError(`${what} has the wrong shape (${describeIssue(parsed.error)})`);
  return parsed.data;
}

/** JSON text parsed, or a SnapshotRejectedError: a stored value that is not even JSON is as bad as a wrong shape. */
export function parseJsonOrReject(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SnapshotRejectedError(`${what} is not JSON`);
  }
}

/**
 * Throws unless the manifest describes the snapshot the pointer names, and its report describes the manifest: same id
 * and time, as many models as its chunks hold, no completeness without a proof.
 */
export function checkManifest(manifest: SnapshotManifest, pointer: SnapshotPointer): void {
  const { id, fetchedAt, report } = manifest;
  const chunkRows = manifest.chunks.reduce((sum, chunk) => sum + chunk.rows, 0);
  const disagreements: [disagrees: boolean, problem: string][] = [
    [id !== pointer.id, `its manifest is of ${id}`],
    [
      fetchedAt !== pointer.fetchedAt || manifest.rows !== pointer.rows || manifest.chunks.length !== pointer.chunks,
      'its manifest and its pointer disagree on time or size',
    ],
    [chunkRows !== manifest.rows, `its chunks hold ${chunkRows} rows, its manifest counts ${manifest.rows}`],
    [report.id !== id, `its report is of ${report.id}`],
    [report.finishedAt !== fetchedAt, `its report finished at ${report.finishedAt}, not ${fetchedAt}`],
    [
      report.uniqueModels !== manifest.rows,
      `its report counts ${report.uniqueModels} models, it holds ${manifest.rows}`,
    ],
    [report.complete !== report.completeness.proven, 'its report claims completeness without a proof'],
  ];
  const problem = disagreements.find(([disagrees]) => disagrees)?.[1];
  if (problem) throw new SnapshotRejectedError(`snapshot ${pointer.id} does not agree with itself: ${problem}`);
}

/**
 * A check fed every row of a snapshot in turn, throwing unless their ids rise strictly: the order they were written
 * in, and the proof that no model appears twice.
 */
export function idOrderCheck(snapshotId: string): (id: string) => void {
  let previous: string | null = null;
  return (id) => {
    if (previous !== null && compareIds(previous, id) >= 0) {
      throw new SnapshotRejectedError(`snapshot ${snapshotId} lists ${id} out of order or twice`);
    }
    previous = id;
  };
}
