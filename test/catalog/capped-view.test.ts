import { beforeAll, describe, expect, it } from 'vitest';
import { CAPPED_SORT_KEYS, type CappedView } from '../../src/catalog/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { fetchFrom, PROVIDER } from '../support/fetch.ts';

describe('the capped view of a complete catalog (gateway-2025-10)', () => {
  const paginating = useEmulator({ preset: 'gateway-2025-10' });
  const capped = useEmulator({ preset: 'gateway-2025-10', capped: true });
  let view: CappedView;
  /** What a client without cursors really gets: the one page a capped upstream serves for each sort. */
  const served = new Map<string, string[]>();

  beforeAll(async () => {
    const { report } = await fetchFrom(paginating.url, { strategy: 'auto', sorts: ['createdAt'] });
    view = report.cappedView!;
    for (const sort of CAPPED_SORT_KEYS) {
      const url = `${capped.url}/api/models?inference_provider=${PROVIDER}&sort=${sort}&limit=1000`;
      const items = (await (await fetch(url)).json()) as { id: string }[];
      served.set(
        sort,
        items.map((item) => item.id),
      );
    }
  });

  it('holds the same number of models as each capped sort, and the same running total', () => {
    const union = new Set<string>();
    const expected = CAPPED_SORT_KEYS.map((sort) => {
      const ids = served.get(sort)!;
      for (const id of ids) union.add(id);
      return { sort, size: ids.length, cumulativeUnique: union.size };
    });
    expect(view.sorts).toEqual(expected);
  });

  it('shares exactly as many models between every pair of sorts as the capped crawls do', () => {
    const expected = CAPPED_SORT_KEYS.flatMap((a, i) =>
      CAPPED_SORT_KEYS.slice(i + 1).map((b) => {
        const bIds = new Set(served.get(b));
        return { a, b, shared: served.get(a)!.filter((id) => bIds.has(id)).length };
      }),
    );
    expect(view.overlaps.map(({ a, b, shared }) => ({ a, b, shared }))).toEqual(expected);
  });

  it('includes trendingScore, whose ties the Hub breaks by its internal _id rather than by model id', () => {
    const trending = served.get('trendingScore')!;
    const likes = new Set(served.get('likes'));
    const pair = view.overlaps.find((overlap) => overlap.a === 'likes' && overlap.b === 'trendingScore');
    expect(pair?.shared).toBe(trending.filter((id) => likes.has(id)).length);
  });
});
