import { describe, expect, it } from 'vitest';
import { proveCompleteness } from '../../src/catalog/completeness.ts';
import type { Capture } from '../../src/catalog/crawl.ts';

function capture(
  name: string,
  ids: string[],
  end: { exhausted?: boolean; capped?: boolean; pages?: number } = {},
): Capture {
  return {
    name,
    query: {},
    ids,
    pages: end.pages ?? 2,
    requests: end.pages ?? 2,
    returned: ids.length,
    notLive: 0,
    exhausted: end.exhausted ?? true,
    capped: end.capped ?? false,
    repeated: 0,
    budgetStopped: false,
    durationMs: 1,
    error: null,
    errorPage: null,
  };
}

describe('a cursor as proof of completeness', () => {
  const everything = new Set(['a/1', 'b/2', 'c/3']);

  it('accepts a createdAt crawl to the end, whose key cannot move under the cursor', () => {
    const result = proveCompleteness({
      sorts: [capture('likes', ['a/1', 'b/2']), capture('createdAt', ['a/1', 'b/2', 'c/3'])],
      partition: null,
      seenIds: everything,
    });
    expect(result).toMatchObject({
      proven: true,
      method: 'cursor',
      explanation: 'sort createdAt: it followed the cursor to the end in 2 pages',
    });
  });

  it('accepts a crawl by a mutable key only when it missed nothing another sort saw', () => {
    const result = proveCompleteness({
      sorts: [capture('likes', ['a/1', 'b/2', 'c/3']), capture('downloads', ['a/1', 'c/3'])],
      partition: null,
      seenIds: everything,
    });
    expect(result.explanation).toMatch(/^sort likes/);
    expect(result.proven).toBe(true);
  });

  it('refuses when every exhausted crawl by a mutable key missed models another found', () => {
    const result = proveCompleteness({
      sorts: [capture('likes', ['a/1', 'b/2']), capture('downloads', ['a/1', 'c/3'])],
      partition: null,
      seenIds: everything,
    });
    expect(result.proven).toBe(false);
    expect(result.uncoveredRisk).toEqual([
      'sort likes missed 1 of the 3 models seen',
      'sort downloads missed 1 of the 3 models seen',
    ]);
  });

  it('refuses capped sorts without a partition', () => {
    const result = proveCompleteness({
      sorts: [capture('likes', ['a/1'], { exhausted: false, capped: true, pages: 1 })],
      partition: null,
      seenIds: new Set(['a/1']),
    });
    expect(result).toMatchObject({ proven: false, method: 'none' });
  });
});

describe('a covering partition as proof of completeness', () => {
  const leaf = (search: string, ids: string[]) => ({
    capture: { ...capture(`part search="${search}"`, ids, { pages: 1 }), query: { search } },
    filters: { ownerSuffix: '', namePrefix: search.slice(1) },
    path: [0],
    splitBy: 'first character of the name',
    refined: false,
  });
  const sorts = [capture('likes', ['org/Bert'], { exhausted: false, capped: true, pages: 1 })];

  it('holds when every leaf answered below the cap and an answer shows that search ignores case', () => {
    const partition = { parts: [leaf('/b', ['org/Bert', 'org/bart'])], uncovered: [], unmatchableIds: [] };
    const result = proveCompleteness({ sorts, partition, seenIds: new Set(['org/Bert', 'org/bart']) });
    expect(result).toMatchObject({ proven: true, method: 'covering-partition', coveringParts: 1 });
  });

  it('is refused when ids with capitals exist but no answer shows that search ignores case', () => {
    const partition = { parts: [leaf('/b', ['org/bart'])], uncovered: [], unmatchableIds: [] };
    const result = proveCompleteness({ sorts, partition, seenIds: new Set(['org/Bert', 'org/bart']) });
    expect(result.proven).toBe(false);
    expect(result.uncoveredRisk).toEqual([
      'no partition answer showed that search ignores case, so ids with capital letters may have been missed',
    ]);
  });

  it('is refused when an id seen breaks the owner/name form the splits assume', () => {
    const partition = { parts: [leaf('/b', ['org/bart'])], uncovered: [], unmatchableIds: [] };
    const result = proveCompleteness({ sorts: [], partition, seenIds: new Set(['org/bart', 'legacy-model']) });
    expect(result.proven).toBe(false);
    expect(result.uncoveredRisk.join()).toMatch(/outside the owner\/name form/);
  });

  it('is refused while an id a name split could not isolate was never seen', () => {
    const partition = { parts: [leaf('/b', ['org/bart'])], uncovered: [], unmatchableIds: ['org/b'] };
    const result = proveCompleteness({ sorts: [], partition, seenIds: new Set(['org/bart']) });
    expect(result.uncoveredRisk).toEqual(['a model with id exactly org/b, which no partition query can isolate']);
  });
});
