import { endianness } from 'node:os';
import {
  BASE_MODEL_RELATIONS,
  DETAIL_COLUMNS,
  HUB_ID_BYTES,
  MODALITIES,
  NUMBER_COLUMNS,
  PACKED_HUB_ID,
  RUN_COLUMNS,
  SAME_AS_MODEL_ID,
  type ColumnSlice,
  type DetailColumn,
  type DetailsColumns,
  type NumberColumn,
  type NumberColumns,
} from '../catalog/index.ts';
import { compileValidator } from './compiled-validator.ts';
import { columnChunkSchema, MAX_TIME_MS, type ChunkEntry, type StoredColumnSlice } from './snapshot-schema.ts';
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
  const columns = numberColumns(chunk, entry.rows, where);
  const slice: ColumnSlice = {
    ...chunk,
    ...columns,
    details: chunk.details && detailColumns(chunk.details, columns.mappingProvider.length, where),
  };
  const problem = inconsistency(slice, entry.rows);
  if (problem !== null) throw new SnapshotRejectedError(`${where} is inconsistent (${problem})`);
  return slice;
}

/** Stored number columns are little-endian whatever the host, so a snapshot reads the same on every replica. */
const BIG_ENDIAN = endianness() === 'BE';

type NumberArray = NumberColumns[NumberColumn];

/** A number column as a chunk stores it: the base64 of its values' little-endian bytes. */
export function encodeNumberColumn(column: NumberArray): string {
  const bytes = Buffer.from(column.buffer, column.byteOffset, column.byteLength);
  return (BIG_ENDIAN ? toLittleEndian(Buffer.from(bytes), column.BYTES_PER_ELEMENT) : bytes).toString('base64');
}

/** Swaps each value's bytes in place (on a big-endian host; the swap is its own inverse). */
function toLittleEndian(bytes: Buffer, width: number): Buffer {
  if (width === 8) return bytes.swap64();
  return width === 4 ? bytes.swap32() : bytes;
}

/**
 * The values a float64 column may hold: the row schema's bounds on the field, an absent value (null) as NaN (a NaN
 * with a payload is still NaN).
 */
const FLOAT_BOUNDS = {
  downloads: Number.isFinite,
  likes: Number.isFinite,
  trendingScore: (value) => Number.isNaN(value) || Number.isFinite(value),
  createdAt: (value) => Number.isNaN(value) || (Number.isInteger(value) && Math.abs(value) <= MAX_TIME_MS),
  lastModified: (value) => Number.isNaN(value) || (Number.isInteger(value) && Math.abs(value) <= MAX_TIME_MS),
  parameterCount: (value) => Number.isNaN(value) || Number.isFinite(value),
} satisfies Partial<Record<NumberColumn, (value: number) => boolean>>;

type IntegerColumn = Exclude<NumberColumn, keyof typeof FLOAT_BOUNDS>;

/** The last index of the chunk's strings: the largest code a coded column may hold. */
const lastString = (chunk: StoredColumnSlice) => chunk.strings.length - 1;

/**
 * The smallest and largest value of each integer column: the row schema's bounds (a code -1 where the field may be
 * absent, a count of entries no larger than the row schema's lists), a code no larger than the chunk's strings.
 */
const INTEGER_RANGES: Record<IntegerColumn, [min: number, max: (chunk: StoredColumnSlice) => number]> = {
  gated: [0, () => 2],
  private: [0, () => 1],
  inputModalities: [0, () => 2 ** MODALITIES.length - 1],
  outputModalities: [0, () => 2 ** MODALITIES.length - 1],
  author: [-1, lastString],
  pipelineTag: [-1, lastString],
  libraryName: [-1, lastString],
  license: [-1, lastString],
  region: [-1, lastString],
  hubIdCode: [PACKED_HUB_ID, lastString],
  hubIdBytes: [0, () => 255],
  foundBy: [0, (chunk) => chunk.foundByLists.length - 1],
  tagCount: [0, () => 10_000],
  tags: [0, lastString],
  languageCount: [0, () => 10_000],
  languages: [0, lastString],
  baseModelCount: [0, () => 10_000],
  baseModels: [0, lastString],
  baseModelRelation: [0, () => BASE_MODEL_RELATIONS.length],
  mappingCount: [0, () => 1_000],
  mappingProvider: [0, lastString],
  mappingStatus: [0, lastString],
  mappingTask: [-1, lastString],
  mappingProviderId: [SAME_AS_MODEL_ID, lastString],
};

/** The column counting each row's entries of a column of entries. */
const COUNTED_BY = new Map<NumberColumn, NumberColumn>(
  Object.entries(RUN_COLUMNS).flatMap(([count, columns]) =>
    columns.map((column): [NumberColumn, NumberColumn] => [column, count as NumberColumn]),
  ),
);

/**
 * Each number column decoded straight into a typed array of exactly its values, or a SnapshotRejectedError: text that
 * is not the base64 of exactly as many values as the chunk has rows (or entries, as its counts say), or a value
 * outside its column's bounds. Counts come before the entries they count (`NUMBER_COLUMNS`' order).
 */
function numberColumns(chunk: StoredColumnSlice, rows: number, where: string): NumberColumns {
  const decoded = {} as Record<NumberColumn, NumberArray>;
  for (const name of Object.keys(NUMBER_COLUMNS) as NumberColumn[]) {
    const countedBy = COUNTED_BY.get(name);
    const values = countedBy === undefined ? rowValues(name, rows) : sum(decoded[countedBy]);
    const column = decodeColumn(chunk[name], NUMBER_COLUMNS[name], name, values, where, countedBy ? null : rows);
    const row = outOfBounds(chunk, name, column);
    if (row !== -1) throw outOfBoundsError(where, name, row, column);
    decoded[name] = column;
  }
  return decoded as NumberColumns;
}

/** The figures of a chunk's `mappings` mappings, decoded and checked as its number columns are. */
function detailColumns(stored: Record<DetailColumn, string>, mappings: number, where: string): DetailsColumns {
  const decoded = {} as Record<DetailColumn, NumberArray>;
  for (const name of Object.keys(DETAIL_COLUMNS) as DetailColumn[]) {
    const label = `details.${name}`;
    const column = decodeColumn(stored[name], DETAIL_COLUMNS[name], label, mappings, where, null);
    const row = column.findIndex((value) => !DETAIL_BOUNDS[name](value));
    if (row !== -1) throw outOfBoundsError(where, label, row, column);
    decoded[name] = column;
  }
  return decoded as DetailsColumns;
}

const outOfBoundsError = (where: string, name: string, row: number, column: NumberArray) =>
  new SnapshotRejectedError(`${where} has the wrong shape (${name}.${row}: ${column[row]} is out of bounds)`);

/** A figure the router or the listing states: finite and not negative, or absent (NaN). */
const figure = (value: number) => Number.isNaN(value) || (value >= 0 && Number.isFinite(value));

/** What each figure may be: the row schema's bounds on the mapping's details. */
const DETAIL_BOUNDS: Record<DetailColumn, (value: number) => boolean> = {
  contextLength: (value) => Number.isNaN(value) || (Number.isInteger(value) && value >= 1 && value <= 2 ** 31 - 1),
  inputPerMillion: figure,
  outputPerMillion: figure,
  firstTokenLatencyMs: figure,
  throughput: figure,
  flags: (bits) => bits <= 0b10_10_10,
};

const rowValues = (name: NumberColumn, rows: number) => (name === 'hubIdBytes' ? rows * HUB_ID_BYTES : rows);

type ArrayType = (typeof NUMBER_COLUMNS)[NumberColumn];

/**
 * `text` as `values` values of an array type, or a SnapshotRejectedError saying how many it holds (for `rows` rows, or
 * for as many entries as the counts say when `rows` is null).
 */
function decodeColumn(
  text: string,
  array: ArrayType,
  name: string,
  values: number,
  where: string,
  rows: number | null,
) {
  const width = array.BYTES_PER_ELEMENT;
  const bytes = values * width;
  if (text.length !== Math.ceil(bytes / 3) * 4) {
    const held = Math.floor(Buffer.byteLength(text, 'base64') / width);
    const expected = rows === null ? `${held} entries for ${values}` : `${held} values for ${rows} rows`;
    throw new SnapshotRejectedError(`${where} is inconsistent (${name} has ${expected})`);
  }
  const decoded = new array(values);
  const view = Buffer.from(decoded.buffer);
  // Characters that are not base64 are skipped, so text of the right length with any of them writes too few bytes.
  if (view.write(text, 'base64') !== bytes) throw new SnapshotRejectedError(`${where} has ${name} not in base64`);
  if (BIG_ENDIAN) toLittleEndian(view, width);
  return decoded;
}

/** The first index of `column` whose value is out of the column's bounds, or -1. */
function outOfBounds(chunk: StoredColumnSlice, name: NumberColumn, column: NumberArray): number {
  if (name in FLOAT_BOUNDS) return column.findIndex((value) => !FLOAT_BOUNDS[name as keyof typeof FLOAT_BOUNDS](value));
  const [min, last] = INTEGER_RANGES[name as IntegerColumn];
  const max = last(chunk);
  for (let i = 0; i < column.length; i++) {
    const value = column[i]!;
    if (value < min || value > max) return i;
  }
  return -1;
}

/** The first way the chunk's JSON columns disagree with each other, with its number columns or with `rows`, or null. */
function inconsistency(chunk: ColumnSlice, rows: number): string | null {
  const checks: (() => string | null)[] = [
    () => (chunk.ids.length === rows ? null : `ids has ${chunk.ids.length} values for ${rows} rows`),
    () => ((chunk.urlBase === null) === (chunk.urls === null) ? 'it needs exactly one of urlBase and urls' : null),
    () =>
      chunk.urls !== null && chunk.urls.length !== rows
        ? `urls has ${chunk.urls.length} values for ${rows} rows`
        : null,
    () =>
      chunk.foundByLists.every((list) => list.every((value) => value < chunk.strings.length))
        ? null
        : 'a foundBy list names a string it does not have',
    () => (chunk.details === null || detailsAgree(chunk.details) ? null : 'a mapping has figures it has no source for'),
  ];
  for (const check of checks) {
    const problem = check();
    if (problem !== null) return problem;
  }
  return null;
}

/**
 * Each mapping's flags name a source and two capabilities with 2-bit codes 0 to 2; a mapping without a source (no
 * figures, as the table keeps it) has every figure null and no capability.
 */
function detailsAgree(details: DetailsColumns): boolean {
  const { flags, ...figures } = details;
  const columns = Object.values(figures);
  return flags.every((bits, mapping) => {
    if ((bits & 3) === 3 || ((bits >> 2) & 3) === 3 || ((bits >> 4) & 3) === 3) return false;
    return (bits & 3) !== 0 || (bits === 0 && columns.every((column) => Number.isNaN(column[mapping])));
  });
}

function sum(values: NumberArray): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}
