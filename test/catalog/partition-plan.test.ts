import { describe, expect, it } from 'vitest';
import { describePart, ID_ALPHABET, refine, type PartFilters } from '../../src/catalog/index.ts';
import { searchOf } from '../../src/catalog/partition-plan.ts';
import { seededRandom } from '../support/seeded-random.ts';

/** What the Hub matches for a part, under the premises the plan states. */
function matches(id: string, filters: PartFilters): boolean {
  const owner = id.slice(0, id.indexOf('/'));
  const search = searchOf(filters);
  if (search !== undefined && !id.toLowerCase().includes(search.toLowerCase())) return false;
  if (filters.author !== undefined && owner.toLowerCase() !== filters.author.toLowerCase()) return false;
  return true;
}

function randomId(random: () => number): string {
  const word = (min: number) =>
    Array.from(
      { length: min + Math.floor(random() * 4) },
      () => ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)],
    ).join('');
  return `${word(1)}/${word(1)}`;
}

describe('covering partition splits', () => {
  const random = seededRandom(7);
  const ids = Array.from({ length: 5000 }, () => randomId(random));
  // Short owners and names on purpose: they are where "exactly the suffix" cases live.
  ids.push('a/b', 'ab/c', 'x/y', 'ab/ab', 'A-b/C.d');

  /** Walks the first levels of refinement and checks every split covers its parent. */
  function assertCovers(filters: PartFilters, depth: number): void {
    const refinement = refine(filters);
    if (refinement.kind !== 'split' || depth === 0) return;
    const parentMatches = ids.filter((id) => matches(id, filters));
    for (const id of parentMatches) {
      const covered =
        refinement.children.some((child) => matches(id, child)) ||
        id.toLowerCase() === refinement.uncoveredId?.toLowerCase();
      expect(covered, `${id} lost when splitting ${describePart(filters)} by ${refinement.by}`).toBe(true);
    }
    for (const child of refinement.children.slice(0, 3)) assertCovers(child, depth - 1);
    assertCovers(refinement.children.at(-1)!, depth - 1);
  }

  it('never loses a model: every id the parent matches, some child matches', () => {
    assertCovers({ ownerSuffix: '', namePrefix: '' }, 5);
    assertCovers({ ownerSuffix: 'b', namePrefix: 'c' }, 4);
    assertCovers({ ownerSuffix: 'ab', namePrefix: 'c', author: 'ab', gated: false }, 2);
  });

  it('splits first by the first character of the name, into 39 queries', () => {
    const refinement = refine({ ownerSuffix: '', namePrefix: '' });
    expect(refinement.kind === 'split' && refinement.children.map(searchOf)).toEqual(ID_ALPHABET.map((c) => `/${c}`));
  });

  it('adds the exact-owner query when it extends an owner suffix', () => {
    const refinement = refine({ ownerSuffix: 'ai', namePrefix: 'b' });
    expect(refinement.kind).toBe('split');
    if (refinement.kind !== 'split') return;
    expect(refinement.children).toHaveLength(40);
    expect(refinement.children.at(-1)).toEqual({ ownerSuffix: 'ai', namePrefix: 'b', author: 'ai' });
    expect(refinement.uncoveredId).toBeNull();
  });

  it('splits a pinned owner by gated before it extends the name, and names the one id a name split cannot cover', () => {
    const pinned = { ownerSuffix: 'org', namePrefix: 'b', author: 'org' };
    const byGated = refine(pinned);
    expect(byGated.kind === 'split' && byGated.by).toBe('gated');
    const byName = refine({ ...pinned, gated: false });
    expect(byName.kind === 'split' && byName.uncoveredId).toBe('org/b');
  });
});
