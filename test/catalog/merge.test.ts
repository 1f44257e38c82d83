import { describe, expect, it } from 'vitest';
import { pairwiseOverlaps } from '../../src/catalog/index.ts';
import { tallyCaptures } from '../../src/catalog/merge.ts';

describe('merging captures', () => {
  it('counts new, duplicate and cumulative unique in the stated order', () => {
    const tallies = tallyCaptures([
      { name: 'likes', ids: ['a', 'b', 'c'] },
      { name: 'downloads', ids: ['c', 'd', 'a'] },
      { name: 'trendingScore', ids: ['e'] },
    ]);
    expect(tallies).toEqual([
      { new: 3, duplicates: 0, cumulativeUnique: 3 },
      { new: 1, duplicates: 2, cumulativeUnique: 4 },
      { new: 1, duplicates: 0, cumulativeUnique: 5 },
    ]);
  });

  it('counts a model one capture returned twice as a duplicate the second time', () => {
    expect(tallyCaptures([{ name: 'likes', ids: ['a', 'b', 'a'] }])).toEqual([
      { new: 2, duplicates: 1, cumulativeUnique: 2 },
    ]);
  });

  it('reports every pair with shared, only-a, only-b and Jaccard', () => {
    const overlaps = pairwiseOverlaps([
      { name: 'likes', ids: new Set(['a', 'b', 'c']) },
      { name: 'downloads', ids: new Set(['b', 'c', 'd', 'e']) },
      { name: 'createdAt', ids: new Set<string>() },
    ]);
    expect(overlaps.map(({ a, b }) => `${a}×${b}`)).toEqual([
      'likes×downloads',
      'likes×createdAt',
      'downloads×createdAt',
    ]);
    expect(overlaps[0]).toEqual({ a: 'likes', b: 'downloads', shared: 2, onlyA: 1, onlyB: 2, jaccard: 2 / 5 });
    expect(overlaps[1]!.jaccard).toBe(0);
  });
});
