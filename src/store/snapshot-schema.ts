import { z } from 'zod';
import {
  BASE_MODEL_RELATIONS,
  FETCH_STRATEGIES,
  DETAIL_COLUMNS,
  MODALITIES,
  NUMBER_COLUMNS,
  type ColumnSlice,
  type DetailColumn,
  type NumberColumn,
  type FetchReport,
  type MappingDetails,
  type Model,
} from '../catalog/index.ts';

/**
 * The shapes a snapshot may have when it comes back from the store. Whatever Redis holds was written by some process
 * we do not control at read time (an older hubcat, another replica, an operator, an attacker with network access), so
 * nothing is served from it before it parses here.
 */

/** Bounds on what one stored string may cost; real values are far below them (Hub ids are at most 96 characters). */
const text = z.string().max(4096);
const shortText = z.string().max(512);
const count = z.number().int().nonnegative();
const nullableText = shortText.nullable();

/** A figure the router or the listing states: finite and not negative, or null where it states none. */
const figure = z.number().nonnegative().max(Number.MAX_VALUE).nullable();

const mappingDetailsSchema = z.object({
  source: z.enum(['router', 'listing']),
  contextLength: z
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .nullable(),
  inputPerMillion: figure,
  outputPerMillion: figure,
  supportsTools: z.boolean().nullable(),
  supportsStructuredOutput: z.boolean().nullable(),
  firstTokenLatencyMs: figure,
  throughput: figure,
}) satisfies z.ZodType<MappingDetails>;

const providerMappingSchema = z.object({
  provider: shortText,
  providerId: nullableText,
  status: shortText,
  task: nullableText,
  details: mappingDetailsSchema.optional(),
});

export const modelRowSchema = z.object({
  id: z.string().min(1).max(512),
  author: nullableText,
  name: shortText,
  pipelineTag: nullableText,
  libraryName: nullableText,
  tags: z.array(shortText).max(10_000),
  downloads: z.number(),
  likes: z.number(),
  trendingScore: z.number().nullable(),
  createdAt: nullableText,
  lastModified: nullableText,
  gated: z.enum(['auto', 'manual']).nullable(),
  private: z.boolean(),
  parameterCount: z.number().nullable(),
  license: nullableText,
  /** A card may name every language it covers: the Hub's list has about 8,000 codes. */
  languages: z.array(shortText).max(10_000),
  baseModels: z.array(z.object({ relation: z.enum(BASE_MODEL_RELATIONS).nullable(), modelId: shortText })).max(10_000),
  inputModalities: z.array(z.enum(MODALITIES)).max(MODALITIES.length),
  outputModalities: z.array(z.enum(MODALITIES)).max(MODALITIES.length),
  region: nullableText,
  providers: z.array(providerMappingSchema).max(1_000),
  hubId: nullableText,
  foundBy: z.array(shortText).max(100_000),
  url: text,
}) satisfies z.ZodType<Model>;

/** The largest Unix time in milliseconds a Date holds (±100,000,000 days): a timestamp beyond it has no ISO form. */
export const MAX_TIME_MS = 8.64e15;
const index = z.number().int().nonnegative();
const columnOf = <T extends z.ZodType>(value: T) => z.array(value);
/**
 * A number column as the base64 of its typed array's little-endian bytes. Neither its length nor its values are
 * stated here (a schema would look at every one): the reader checks it is exactly its rows' or entries' values, then
 * every value's bounds (`column-chunk.ts`).
 */
const numberColumn = z.string();

/** A ColumnSlice as a chunk stores it: its number columns (and its details') as base64 text, the rest as it is. */
export type StoredColumnSlice = Omit<ColumnSlice, NumberColumn | 'details'> &
  Record<NumberColumn, string> & { details: Record<DetailColumn, string> | null };

const numberColumns = <Name extends string>(names: Name[]) =>
  Object.fromEntries(names.map((name) => [name, numberColumn])) as Record<Name, typeof numberColumn>;

/**
 * A chunk stored as columns (format 2, see ColumnSlice): the same bounds as `modelRowSchema` on every JSON value.
 * What a schema cannot say (the number columns' bytes and bounds, every column as long as the chunk's rows or its
 * entries, every code within the chunk's strings) is checked beside it (`decodeColumnChunk`).
 */
export const columnChunkSchema = z.object({
  strings: columnOf(shortText),
  ids: columnOf(z.string().min(1).max(512)),
  ...numberColumns(Object.keys(NUMBER_COLUMNS) as NumberColumn[]),
  /** A url is `<base>/<id>`: the base leaves room for the longest id within the row schema's 4,096 characters. */
  urlBase: z
    .string()
    .max(4096 - 513)
    .nullable(),
  urls: columnOf(text).nullable(),
  foundByLists: columnOf(columnOf(index).max(100_000)),
  details: z.object(numberColumns(Object.keys(DETAIL_COLUMNS) as DetailColumn[])).nullable(),
}) satisfies z.ZodType<StoredColumnSlice>;

const captureFields = {
  pages: count,
  requests: count,
  returned: count,
  notLive: count,
  new: count,
  duplicates: count,
  cumulativeUnique: count,
  exhausted: z.boolean(),
  capped: z.boolean(),
  durationMs: z.number(),
  error: text.nullable(),
  errorPage: count.nullable(),
};

const overlapSchema = z.object({
  a: shortText,
  b: shortText,
  shared: count,
  onlyA: count,
  onlyB: count,
  jaccard: z.number(),
});

const intervalSchema = z.object({ low: z.number(), high: z.number() });

const estimatesSchema = z.object({
  chapman: z.array(
    z.object({
      a: shortText,
      b: shortText,
      n1: count,
      n2: count,
      recaptured: count,
      estimate: z.number(),
      interval95: intervalSchema,
    }),
  ),
  chao: z
    .object({
      observed: count,
      f1: count,
      f2: count,
      captures: count,
      estimate: z.number(),
      interval95: intervalSchema,
    })
    .nullable(),
  caveat: text,
});

const completenessSchema = z.object({
  proven: z.boolean(),
  method: z.enum(['cursor', 'covering-partition', 'none']),
  explanation: text,
  premises: z.array(text).max(100),
  coveringParts: count,
  uncoveredRisk: z.array(text).max(100_000),
});

const coverageSchema = z.object({ ratio: z.number().nullable(), total: z.number().nullable(), basis: text });

const providerReportSchema = z.object({
  provider: shortText,
  live: count,
  staging: count,
  error: count,
  otherStatus: count,
  tasks: z.array(z.object({ value: shortText, count })).max(10_000),
  complete: z.boolean(),
  completeness: completenessSchema,
  estimates: estimatesSchema.nullable(),
  coverage: coverageSchema,
  requests: count,
  sharedRequests: count,
});

const routerReportSchema = z.object({
  endpoint: text,
  ok: z.boolean(),
  error: text.nullable(),
  requests: count,
  pages: count,
  models: count,
  joinedMappings: count,
  listingMappings: count,
  durationMs: z.number(),
});

export const fetchReportSchema = z.object({
  id: shortText,
  strategy: z.enum(FETCH_STRATEGIES),
  provider: shortText,
  upstream: text,
  pageSize: count,
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  durationMs: z.number(),
  requestCount: count,
  rateLimit: z.object({ pauses: count, waitedMs: z.number() }),
  uniqueModels: count,
  upstreamCap: count.nullable(),
  complete: z.boolean(),
  statedOrder: text,
  sorts: z.array(z.object({ sort: shortText, ...captureFields })).max(100),
  overlaps: z.array(overlapSchema).max(10_000),
  errors: z.array(text).max(100_000),
  parts: z
    .array(
      z.object({
        label: text,
        gated: z.boolean().nullable(),
        author: nullableText,
        search: nullableText,
        depth: count,
        splitBy: shortText,
        refined: z.boolean(),
        ...captureFields,
      }),
    )
    .max(1_000_000),
  completeness: completenessSchema,
  estimates: estimatesSchema.nullable(),
  cappedView: z
    .object({
      cap: count,
      sorts: z.array(z.object({ sort: shortText, size: count, cumulativeUnique: count })).max(100),
      overlaps: z.array(overlapSchema).max(10_000),
    })
    .nullable(),
  coverage: coverageSchema,
  providers: z.array(providerReportSchema).max(10_000),
  router: routerReportSchema.nullable(),
}) satisfies z.ZodType<FetchReport>;

/** Snapshot ids end up in store keys, so they are held to the form hubcat makes (`fetch-<uuid>`) and nothing wider. */
export const snapshotIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, { error: 'not a snapshot id' });

/** Who fetched a snapshot or holds the lease: `HUBCAT_REPLICA_ID`, or host and pid. */
export const replicaIdSchema = z.string().regex(/^[\w.:@/-]{1,128}$/, {
  error: 'must be 1 to 128 letters, digits or ._:@/-',
});

/** The value of the pointer key, and the message announcing it. */
export const pointerSchema = z.object({
  id: snapshotIdSchema,
  fetchedAt: z.iso.datetime(),
  refreshedBy: replicaIdSchema,
  rows: count,
  chunks: count.max(100_000),
});
export type SnapshotPointer = z.infer<typeof pointerSchema>;

export const chunkEntrySchema = z.object({
  rows: count.min(1),
  bytes: count.min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ChunkEntry = z.infer<typeof chunkEntrySchema>;

/**
 * How a snapshot's chunks are laid out: 1, each a JSON array of rows (`modelRowSchema`; a manifest without `format` is
 * one, as hubcat wrote them before formats were numbered); 2, each a chunk of columns (`columnChunkSchema`).
 */
export const SNAPSHOT_FORMATS = [1, 2] as const;

/** What a snapshot's chunks hold and how to check them, beside its fetch report. */
export const manifestSchema = z.object({
  format: z.literal(SNAPSHOT_FORMATS).optional(),
  id: snapshotIdSchema,
  fetchedAt: z.iso.datetime(),
  refreshedBy: replicaIdSchema,
  rows: count,
  /** Format 2: the entries of the table's variable-length columns, so a reader makes them that long at once. */
  entries: z.object({ tags: count, languages: count, baseModels: count, mappings: count }).optional(),
  chunks: z.array(chunkEntrySchema).max(100_000),
  report: fetchReportSchema,
});
export type SnapshotManifest = z.infer<typeof manifestSchema>;

/** The first problem zod found, as one short line: where in the value, and what. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid value';
  const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  return `${path}: ${issue.message}`.slice(0, 200);
}
