import { endianness } from 'node:os';
import type { ColumnSlice } from '../catalog/index.ts';
import { compileValidator } from './compiled-validator.ts';
import {
  columnChunkSchema,
  FLOAT64_COLUMNS,
  MAX_TIME_MS,
  type ChunkEntry,
  type StoredColumnSlice,
} from './snapshot-schema.ts';
import { parseJsonOrReject, parseOrReject, SnapshotRejectedError } from './stored-snapshot.ts';

const isColumnChunk = compileValidator(columnChunkSchema);

/**
 * The columns of an inflated format-2 chunk, if every value is within the row schema's bounds and the columns agree
 * with each other and with the manifest's row count; otherwise a SnapshotRejectedError saying the first thing wrong.
 * What passes can be added to a table as it is: no column is shorter or longer than its rows, no code points outside
 * the chunk's strings.
 */
export function decodeColumnChunk(json: string, entry: ChunkEntry, where: string): ColumnSlice {
  const chunk = parseJsonOrReject(json, where);
  if (!isColumnChunk(chunk)) {
    parseOrReject(columnChunkSchema, chunk, where);
    throw new SnapshotRejectedError(`${where} has the wrong shape`);
  }
  const slice: ColumnSlice = { ...chunk, ...float64Columns(chunk, entry.rows, where) };
  const problem = inconsistency(slice, entry.rows);
  if (problem !== null) throw new SnapshotRejectedError(`${where} is inconsistent (${problem})`);
  return slice;
}

/** Stored float64 columns are little-endian whatever the host, so a snapshot reads the same on every replica. */
const BIG_ENDIAN = endianness() === 'BE';

/** A float64 column as a chunk stores it: the base64 of its values' little-endian bytes. */
export function encodeFloat64(column: Float64Array): string {
  const bytes = Buffer.from(column.buffer, column.byteOffset, column.byteLength);
  return (BIG_ENDIAN ? Buffer.from(bytes).swap64() : bytes).toString('base64');
}

/** What a float64 column's values may be: the row schema's bounds on the field, an absent value (null) as NaN. */
const FLOAT64_BOUNDS: Record<(typeof FLOAT64_COLUMNS)[number], (value: number) => boolean> = {
  downloads: Number.isFinite,
  likes: Number.isFinite,
  trendingScore: (value) => Number.isNaN(value) || Number.isFinite(value),
  createdAt: (value) => Number.isNaN(value) || (Number.isInteger(value) && Math.abs(value) <= MAX_TIME_MS),
  lastModified: (value) => Number.isNaN(value) || (Number.isInteger(value) && Math.abs(value) <= MAX_TIME_MS),
  parameterCount: (value) => Number.isNaN(value) || Number.isFinite(value),
};

/**
 * Each float64 column decoded straight into an array of `rows` values, or a SnapshotRejectedError: text that is not
 * the base64 of exactly that many values, or a value outside its column's bounds (a NaN with a payload is still NaN).
 */
function float64Columns(chunk: StoredColumnSlice, rows: number, where: string): Pick<ColumnSlice, FloatColumn> {
  const bytes = rows * Float64Array.BYTES_PER_ELEMENT;
  const decoded = {} as Pick<ColumnSlice, FloatColumn>;
  for (const name of FLOAT64_COLUMNS) {
    const text = chunk[name];
    if (text.length !== Math.ceil(bytes / 3) * 4) {
      const values = Math.floor(Buffer.byteLength(text, 'base64') / Float64Array.BYTES_PER_ELEMENT);
      throw new SnapshotRejectedError(`${where} is inconsistent (${name} has ${values} values for ${rows} rows)`);
    }
    const column = new Float64Array(rows);
    const view = Buffer.from(column.buffer);
    // Characters that are not base64 are skipped, so text of the right length with any of them writes too few bytes.
    if (view.write(text, 'base64') !== bytes) throw new SnapshotRejectedError(`${where} has ${name} not in base64`);
    if (BIG_ENDIAN) view.swap64();
    const inBounds = FLOAT64_BOUNDS[name];
    const row = column.findIndex((value) => !inBounds(value));
    if (row !== -1) {
      throw new SnapshotRejectedError(`${where} has the wrong shape (${name}.${row}: ${column[row]} is out of bounds)`);
    }
    decoded[name] = column;
  }
  return decoded;
}

type FloatColumn = (typeof FLOAT64_COLUMNS)[number];

/** Columns with one value per row, beside the float64 columns (whose length their decoding checked). */
const ROW_COLUMNS = [
  'ids',
  'gated',
  'private',
  'author',
  'pipelineTag',
  'libraryName',
  'license',
  'region',
  'inputModalities',
  'outputModalities',
  'hubId',
  'tagCount',
  'languageCount',
  'baseModelCount',
  'foundBy',
  'mappingCount',
] as const satisfies readonly (keyof ColumnSlice)[];

/** The first way the chunk's columns disagree with each other or with `rows`, or null. */
function inconsistency(chunk: ColumnSlice, rows: number): string | null {
  const strings = chunk.strings.length;
  const entries = (name: string, column: readonly unknown[], counts: readonly number[]) => {
    const expected = sum(counts);
    return column.length === expected ? null : `${name} has ${column.length} entries for ${expected}`;
  };
  const checks: (() => string | null)[] = [
    () => {
      const short = ROW_COLUMNS.find((name) => chunk[name].length !== rows);
      return short === undefined ? null : `${short} has ${chunk[short].length} values for ${rows} rows`;
    },
    () => ((chunk.urlBase === null) === (chunk.urls === null) ? 'it needs exactly one of urlBase and urls' : null),
    () =>
      chunk.urls !== null && chunk.urls.length !== rows
        ? `urls has ${chunk.urls.length} values for ${rows} rows`
        : null,
    () => entries('tags', chunk.tags, chunk.tagCount),
    () => entries('languages', chunk.languages, chunk.languageCount),
    () => entries('baseModels', chunk.baseModels, chunk.baseModelCount),
    () => entries('baseModelRelation', chunk.baseModelRelation, chunk.baseModelCount),
    () => {
      const amiss = mappingColumns(chunk).find(([, column]) => column.length !== sum(chunk.mappingCount));
      return amiss ? entries(amiss[0], amiss[1], chunk.mappingCount) : null;
    },
    () =>
      codedColumns(chunk).every((column) => allBelow(column, strings))
        ? null
        : `a code is not one of its ${strings} strings`,
    () =>
      chunk.foundByLists.every((list) => allBelow(list, strings))
        ? null
        : 'a foundBy list names a string it does not have',
    () => (allBelow(chunk.foundBy, chunk.foundByLists.length) ? null : 'a foundBy is not one of its lists'),
    () => (chunk.details === null || detailsAgree(chunk.details) ? null : 'a mapping has figures it has no source for'),
  ];
  for (const check of checks) {
    const problem = check();
    if (problem !== null) return problem;
  }
  return null;
}

function mappingColumns(chunk: ColumnSlice): [name: string, column: readonly unknown[]][] {
  const { details } = chunk;
  return [
    ['mappingProvider', chunk.mappingProvider],
    ['mappingStatus', chunk.mappingStatus],
    ['mappingTask', chunk.mappingTask],
    ['mappingProviderId', chunk.mappingProviderId],
    ...(details === null ? [] : Object.entries(details)),
  ];
}

/** Columns of codes into the chunk's strings (-1, none, and -2, the model's own id, are below any count). */
function codedColumns(chunk: ColumnSlice): readonly (readonly number[])[] {
  return [
    chunk.author,
    chunk.pipelineTag,
    chunk.libraryName,
    chunk.license,
    chunk.region,
    chunk.tags,
    chunk.languages,
    chunk.baseModels,
    chunk.mappingProvider,
    chunk.mappingStatus,
    chunk.mappingTask,
    chunk.mappingProviderId,
  ];
}

/**
 * Each mapping's flags name a source and two capabilities with 2-bit codes 0 to 2; a mapping without a source (no
 * figures, as the table keeps it) has every figure null and no capability.
 */
function detailsAgree(details: NonNullable<ColumnSlice['details']>): boolean {
  const { flags, ...figures } = details;
  const columns = Object.values(figures);
  return flags.every((bits, mapping) => {
    if ((bits & 3) === 3 || ((bits >> 2) & 3) === 3 || ((bits >> 4) & 3) === 3) return false;
    return (bits & 3) !== 0 || (bits === 0 && columns.every((column) => column[mapping] === null));
  });
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const allBelow = (values: readonly number[], bound: number) => values.every((value) => value < bound);
