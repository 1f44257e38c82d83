import { BoundedCache } from '../bounded-cache.ts';
import type { FacetCount, FacetName, ModelFilter, QualityBar } from './model-query.ts';
import { qualityBarKey } from './quality-bar.ts';

/**
 * Facet answers kept per snapshot. A sidebar asks the same facets of the same few selections again and again, and
 * counting the tags of a filter's tens of thousands of rows costs milliseconds where reading a kept answer costs
 * microseconds. An answer of 50 values is about 2 KB (its labels are the snapshot's own strings, shared), so the
 * bench's hundred rotating filters with all twelve facets keep about 1 MB; at most this many, and this many bytes.
 */
const ANSWERS = 4096;
const ANSWER_BYTES = 4 << 20;
/** A filter spelled in more than this many characters (long lists of values) is counted afresh, not kept. */
const MAX_FILTER_KEY = 2048;

/**
 * The facet answers of one snapshot's index, by facet, size and request: a new snapshot has a new index, and so starts
 * with none.
 */
export class FacetCache {
  readonly #answers = new BoundedCache<string, readonly FacetCount[]>({
    maxEntries: ANSWERS,
    maxBytes: ANSWER_BYTES,
    // The array and, per value, an object of two fields.
    sizeOf: (answer) => 64 + 40 * answer.length,
  });

  /** The answer kept for this request, or the one `count` gives, kept frozen for the requests that repeat it. */
  counts(requestKey: string, facet: FacetName, first: number, count: () => FacetCount[]): readonly FacetCount[] {
    if (requestKey.length > MAX_FILTER_KEY) return count();
    return this.#answers.getOrMake(`${facet}\0${first}\0${requestKey}`, () =>
      Object.freeze(count().map((value) => Object.freeze(value))),
    );
  }
}

/**
 * Names everything but the facet and its size that an answer depends on: the filter (the provider statuses the
 * providers facet counts come from it too) and the quality bar (the quality facet and filter read it). JSON names a
 * validated filter exactly; two spellings of one filter only miss each other.
 */
export function facetRequestKey(filter: ModelFilter | null | undefined, bar: QualityBar): string {
  return `${qualityBarKey(bar)}\0${JSON.stringify(filter ?? null)}`;
}
