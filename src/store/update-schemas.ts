import { z } from 'zod';
import { MODEL_CHANGE_KINDS } from '../catalog/index.ts';

/** How hubcat's change records look when read back from Redis (history or pub/sub): anything else is refused. */
const count = z.number().int().nonnegative();
const instant = z.iso.datetime();

export const kindCountsSchema = z.strictObject({ ADDED: count, REMOVED: count, UPDATED: count });

export const snapshotSummarySchema = z.strictObject({
  id: z.string().min(1).max(200),
  fetchedAt: instant,
  detectedAt: instant,
  size: count,
  complete: z.boolean(),
  previousId: z.string().min(1).max(200).nullable(),
  baseline: z.boolean(),
  added: count,
  removed: count,
  updated: count,
  unconfirmed: count,
});

export const changeDraftSchema = z.strictObject({
  kind: z.enum(MODEL_CHANGE_KINDS),
  modelId: z.string().min(1).max(512),
  fields: z.array(
    z.strictObject({ field: z.string().min(1).max(512), before: z.string().nullable(), after: z.string().nullable() }),
  ),
});

export const catalogUpdateSchema = z.strictObject({
  snapshot: snapshotSummarySchema,
  changes: z.array(changeDraftSchema.extend({ detectedAt: instant, snapshotId: z.string().min(1).max(200) })),
});
