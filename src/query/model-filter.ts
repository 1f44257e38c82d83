import { isKnownStatus, PROVIDER_STATUSES, type Model } from '../catalog/index.ts';
import type { CatalogIndex } from './catalog-index.ts';
import {
  BitsCondition,
  CandidateCondition,
  CodeCondition,
  RangeCondition,
  RowSetCondition,
  RunCondition,
  type Condition,
} from './conditions.ts';
import { codeIn, RANGE_FILTERS, VALUE_FILTERS, type RangeFilter, type ValueFilter } from './filter-fields.ts';
import type { FacetName, ModelFilter, QualityBar } from './model-query.ts';
import { isKnownLicense } from './quality-bar.ts';
import { QueryInputError } from './query-input-error.ts';

/**
 * Whether a model clears the provider's quality bar: strictly more downloads and likes than the bar, public, and each
 * optional condition of the bar that is set (a known license, one of its licenses, a parameter count within bounds).
 */
export function passesQualityBar(model: Model, bar: QualityBar): boolean {
  if (!(model.downloads > bar.minDownloads && model.likes > bar.minLikes && !model.private)) return false;
  if (bar.requireLicense && !isKnownLicense(model.license)) return false;
  if (bar.licenses != null && (model.license === null || !bar.licenses.includes(model.license))) return false;
  const parameters = model.parameterCount ?? Number.NaN;
  if (bar.minParameters != null && !(parameters >= bar.minParameters)) return false;
  return bar.maxParameters == null || parameters <= bar.maxParameters;
}

/** Refuses what no snapshot could answer (a negative minimum, a least above the greatest), before any work. */
export function validateFilter(filter: ModelFilter | null | undefined): void {
  if (filter) columnRanges(filter);
  if (filter?.baseModel === '') {
    throw new QueryInputError('BAD_USER_INPUT', 'filter.baseModel', 'filter.baseModel must be a model id, got ""');
  }
  const statuses: readonly string[] = filter?.providerStatus ?? [];
  const unknown = statuses.find((status) => !isKnownStatus(status));
  if (unknown !== undefined) {
    throw new QueryInputError(
      'BAD_USER_INPUT',
      'filter.providerStatus',
      `filter.providerStatus must list ${PROVIDER_STATUSES.join(', ')}, got ${JSON.stringify(unknown)}`,
    );
  }
}

/**
 * The status codes the provider condition and the `providers` facet consider: those listed, or `live`. A status no
 * mapping of the snapshot has is left out, so it admits nothing.
 */
export function providerStatusCodes(index: CatalogIndex, filter: ModelFilter | null | undefined): number[] {
  const statuses = filter?.providerStatus?.length ? filter.providerStatus : ['live'];
  const codes = statuses.map((status) => index.table.codeOf('status', status)).filter((code) => code >= 0);
  return [...new Set(codes)].sort((a, b) => a - b);
}

/**
 * The filter's conditions over one snapshot. A value no row has still makes a condition (admitting nothing), so an
 * unknown task matches no model rather than every model.
 */
export function compileFilter(
  index: CatalogIndex,
  filter: ModelFilter | null | undefined,
  bar: QualityBar,
): Condition[] {
  if (!filter) return [];
  const { table } = index;
  const conditions: Condition[] = [
    ...rangeConditions(index, filter),
    ...valueConditions(index, filter),
    ...authorConditions(index, filter),
    ...providerConditions(index, filter),
  ];
  if (filter.gated != null) {
    conditions.push(new CodeCondition(index, 'gated', table.gated, index.gated, filter.gated ? [1, 2] : [0]));
  }
  if (filter.quality != null) {
    const { rows, bits } = index.qualityRows(bar);
    conditions.push(new BitsCondition(index, 'quality', rows, bits, filter.quality));
  }
  // An empty search is a substring of every id, so it adds no condition.
  if (filter.search != null && filter.search !== '') {
    conditions.push(searchCondition(index, filter.search.toLowerCase(), conditions));
  }
  return conditions;
}

/**
 * A search's candidates are checked one id at a time. Beside other conditions, a needle first seen has only the
 * candidates meeting every one of them checked (never more than all of them): a search box sends each needle once,
 * and a fresh threshold beside it, even one no narrower than the candidates alone, leaves fewer to check. The index
 * answers a needle seen before exactly, its rows checked in full once and kept, for a user moving a slider or paging
 * beside it.
 */
function searchCondition(index: CatalogIndex, needle: string, others: readonly Condition[]): Condition {
  const candidates = others.length === 0 ? null : index.idCandidates(needle);
  if (candidates !== null) return new CandidateCondition(index, candidates, needle);
  return new RowSetCondition(index, index.rowsWithIdContaining(needle));
}

// Listed once: every request reads them, twice for the ranges (checked, then compiled).
const RANGE_ENTRIES = Object.entries(RANGE_FILTERS) as [keyof typeof RANGE_FILTERS, RangeFilter][];
const VALUE_ENTRIES = Object.entries(VALUE_FILTERS) as [keyof typeof VALUE_FILTERS, ValueFilter][];

/** The bounds given on one numeric column, and the fields that gave the least and the greatest. */
interface ColumnRange {
  spec: RangeFilter;
  minimum: number;
  maximum: number;
  minField: string | null;
  maxField: string | null;
}

/** The bounds on each numeric column, both of a column together; refuses a least above the greatest. */
function columnRanges(filter: ModelFilter): ColumnRange[] {
  const byColumn = new Map<RangeFilter['column'], ColumnRange>();
  for (const [field, spec] of RANGE_ENTRIES) {
    const bound = checkedBound(filter[field], spec, `filter.${field}`);
    if (bound === null) continue;
    const range = byColumn.get(spec.column) ?? {
      spec,
      minimum: -Infinity,
      maximum: Infinity,
      minField: null,
      maxField: null,
    };
    if (spec.bound === 'min') [range.minimum, range.minField] = [bound, `filter.${field}`];
    else [range.maximum, range.maxField] = [bound, `filter.${field}`];
    byColumn.set(spec.column, range);
  }
  for (const { minimum, maximum, minField, maxField } of byColumn.values()) {
    if (minimum <= maximum) continue;
    throw new QueryInputError(
      'BAD_USER_INPUT',
      minField!,
      `${minField} (${minimum}) must not exceed ${maxField} (${maximum}): no model lies between them`,
    );
  }
  return [...byColumn.values()];
}

/** The bounds on each numeric column as one condition: a range of values its rows have (none without a value). */
function rangeConditions(index: CatalogIndex, filter: ModelFilter): Condition[] {
  return columnRanges(filter).map(({ spec, minimum, maximum }) => {
    const column = spec.column(index.table);
    const orders = index.columnOrders(column);
    return new RangeCondition(index, spec.facet, column, orders, index.rangeBits(column), minimum, maximum);
  });
}

/** Any of the listed values of a coded column, or every one of them, each then a condition of its own. */
function valueConditions(index: CatalogIndex, filter: ModelFilter): Condition[] {
  const { table } = index;
  return VALUE_ENTRIES.flatMap(([field, spec]) => {
    const listed = filter[field];
    const values = typeof listed === 'string' ? [listed] : listed;
    const codes = codesOf(values, (value) => codeIn(table, spec, value));
    if (codes === null) return [];
    const column = spec.column(table);
    const rows = index.values(spec);
    const facet: FacetName | null = spec.facet;
    const condition = (wanted: number[]) =>
      column.kind === 'single'
        ? new CodeCondition(index, facet, column.codes, rows, wanted)
        : new RunCondition(index, facet, column.start, column.codes, rows, wanted);
    return spec.match === 'any' ? [condition(codes)] : codes.map((code) => condition([code]));
  });
}

/** Every spelling of the listed owners: their case-folded keys, one per row. */
function authorConditions(index: CatalogIndex, filter: ModelFilter): Condition[] {
  const keys = codesOf(filter.authors, (author) => index.authors.keyOf(author));
  if (keys === null) return [];
  const { keyColumn, values } = index.authors;
  return [new CodeCondition(index, 'authors', keyColumn, values, keys)];
}

/** A mapping of any listed provider (of any provider, when none is listed) in one of the statuses considered. */
function providerConditions(index: CatalogIndex, filter: ModelFilter): Condition[] {
  const providers = codesOf(filter.providers, (provider) => index.table.codeOf('provider', provider));
  if (!providers && !filter.providerStatus?.length) return [];
  const statuses = providerStatusCodes(index, filter);
  if (providers === null) return [new RowSetCondition(index, index.rowsWithMappingStatus(statuses), 'providers')];
  const { mappingStart, mappingProvider, mappingStatus } = index.table;
  const wanted = index.statusMask(statuses);
  const values = index.providerValues(statuses);
  const keep = (entry: number) => wanted[mappingStatus[entry]!] === 1;
  return [new RunCondition(index, 'providers', mappingStart, mappingProvider, values, providers, keep)];
}

/** The bound a numeric filter gives, or null; refuses one that is not a finite number (or negative, for counts). */
function checkedBound(value: number | null | undefined, range: RangeFilter, argument: string): number | null {
  if (value == null) return null;
  if (!Number.isFinite(value) || (range.nonNegative && value < 0)) {
    const what = range.nonNegative ? 'a non-negative number' : 'a finite number';
    throw new QueryInputError('BAD_USER_INPUT', argument, `${argument} must be ${what}, got ${value}`);
  }
  return value;
}

/**
 * The distinct codes of the listed values; null for `[]` or null, which both mean "no condition": an empty list is an
 * unset UI control far more often than a wish for nothing.
 */
function codesOf(values: readonly string[] | null | undefined, codeOf: (value: string) => number): number[] | null {
  if (values == null || values.length === 0) return null;
  return [...new Set(values.map(codeOf))];
}
