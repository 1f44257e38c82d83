import { z } from 'zod';
import { compareIds, ModelTable, type CatalogSnapshot, type Model } from '../catalog/index.ts';
import { describeIssue, fetchReportSchema, modelRowSchema } from './snapshot-schema.ts';

/** A value in the store that is not a snapshot hubcat could serve; the message says what is wrong with it. */
export class SnapshotRejectedError extends Error {
  override readonly name = 'SnapshotRejectedError';
}

/** Snapshot ids end up in store keys, so they are held to the form hubcat makes (`fetch-<uuid>`) and nothing wider. */
export const snapshotIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, { error: 'not a snapshot id' });

const storedSnapshotSchema = z.object({
  id: snapshotIdSchema,
  fetchedAt: z.iso.datetime(),
  models: z.array(modelRowSchema),
  report: fetchReportSchema,
});

/** Parses `value` with `schema`, or throws a SnapshotRejectedError naming the first problem. */
export function parseOrReject<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new SnapshotRejectedError(`${what} has the wrong shape (${describeIssue(parsed.error)})`);
  return parsed.data;
}

/** The parts of a snapshot that must agree with each other, whichever way it was stored. */
export interface SnapshotHeader {
  id: string;
  fetchedAt: string;
  report: CatalogSnapshot['report'];
}

/** Throws unless the report describes this snapshot: same id and time, as many models as it holds. */
export function checkHeader(header: SnapshotHeader, rows: number): void {
  const { id, fetchedAt, report } = header;
  const problem =
    report.id !== id
      ? `its report is of ${report.id}`
      : report.finishedAt !== fetchedAt
        ? `its report finished at ${report.finishedAt}, not ${fetchedAt}`
        : report.uniqueModels !== rows
          ? `its report counts ${report.uniqueModels} models, it holds ${rows}`
          : report.complete !== report.completeness.proven
            ? 'its report claims completeness without a proof'
            : null;
  if (problem) throw new SnapshotRejectedError(`snapshot ${id} does not agree with itself: ${problem}`);
}

/**
 * Passes rows through, throwing unless their ids rise strictly: the order they were written in, and the proof that
 * no model appears twice.
 */
export function* inIdOrder(rows: Iterable<Model>, snapshotId: string): Generator<Model> {
  let previous: string | null = null;
  for (const row of rows) {
    if (previous !== null && compareIds(previous, row.id) >= 0) {
      throw new SnapshotRejectedError(`snapshot ${snapshotId} lists ${row.id} out of order or twice`);
    }
    previous = row.id;
    yield row;
  }
}

/** A snapshot stored as one value (models as rows), validated and rebuilt; throws SnapshotRejectedError otherwise. */
export function parseStoredSnapshot(value: unknown): CatalogSnapshot {
  const stored = parseOrReject(storedSnapshotSchema, value, 'stored snapshot');
  checkHeader(stored, stored.models.length);
  const models = ModelTable.from(inIdOrder(stored.models, stored.id));
  return { id: stored.id, fetchedAt: stored.fetchedAt, report: stored.report, models };
}
