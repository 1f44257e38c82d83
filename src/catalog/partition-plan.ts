/**
 * Covering partitions of a capped listing. A capped query shows only its top N, so a query that comes back full
 * hides an unknown rest; a query that comes back short showed everything it matches. To see every model, split a full
 * query into child queries that together match everything the parent matches (a covering family), and recurse until
 * every leaf comes back short.
 *
 * The splits rest on how Hub ids are formed — `owner/name`, one slash, both sides non-empty, characters from
 * [A-Za-z0-9._-] — and on `search` being a case-insensitive substring match. Then `search=S/P` matches exactly the
 * models whose owner ends with S and whose name starts with P, and:
 *  - a name's first character is one of 39, so `/a` … `/_` cover every model (the first split);
 *  - an owner's last character likewise, so `a/P` … `_/P` cover `/P`;
 *  - an owner ending with S either is S or has one more character before it, so `author=S` plus `xS/P` for every
 *    character x cover `S/P`;
 *  - `gated=true` plus `gated=false` cover anything.
 * Names can be extended the same way except that the "name is exactly P" case has no query of its own: such a split
 * leaves that one possible id per owner uncovered, and the plan says so.
 */

export const ID_ALPHABET = Array.from('abcdefghijklmnopqrstuvwxyz0123456789-_.');

export const PARTITION_PREMISES = [
  'Hub ids have the form owner/name with one slash, both parts non-empty, characters from [A-Za-z0-9._-] ' +
    '(checked on every id seen)',
  'the search parameter matches a case-insensitive substring of the id (checked: some partition answer must show it)',
  'the author parameter matches the owner exactly; where the owner was seen, its own spelling is sent ' +
    '(unverified against the live Hub when it was not)',
] as const;

/** The filters of one partition query, beyond the provider every query carries. */
export interface PartFilters {
  gated?: boolean;
  author?: string;
  /** Owner suffix S and name prefix P, searched as `S/P`. */
  ownerSuffix: string;
  namePrefix: string;
}

/** A covering family for a full node, or why it cannot be split further. */
export type Refinement =
  | {
      kind: 'split';
      by: string;
      children: PartFilters[];
      /** The one id the children cannot match (a name exactly equal to the prefix), when the split leaves one. */
      uncoveredId: string | null;
    }
  | { kind: 'exhausted'; reason: string };

export function searchOf(filters: PartFilters): string | undefined {
  return filters.ownerSuffix || filters.namePrefix ? `${filters.ownerSuffix}/${filters.namePrefix}` : undefined;
}

/** A short human label, e.g. `gated=false search="e/b"`. */
export function describePart(filters: PartFilters): string {
  const parts: string[] = [];
  if (filters.author !== undefined) parts.push(`author=${filters.author}`);
  const search = searchOf(filters);
  if (search !== undefined) parts.push(`search="${search}"`);
  if (filters.gated !== undefined) parts.push(`gated=${filters.gated}`);
  return parts.length > 0 ? parts.join(' ') : 'everything';
}

const MAX_ID_PART_LENGTH = 96;

/**
 * How to split a node whose query came back full, cheapest covering family first: the name's first character, then
 * the owner's characters from the end (each step adding the exact-owner query), then gated, and only when the owner
 * is pinned and still too many match, longer name prefixes — the one split that can leave an id uncovered.
 */
export function refine(filters: PartFilters): Refinement {
  if (filters.namePrefix === '') {
    return {
      kind: 'split',
      by: 'first character of the name',
      children: ID_ALPHABET.map((c) => ({ ...filters, namePrefix: c })),
      uncoveredId: null,
    };
  }
  if (filters.author === undefined && filters.ownerSuffix.length < MAX_ID_PART_LENGTH) {
    const children: PartFilters[] = ID_ALPHABET.map((c) => ({ ...filters, ownerSuffix: c + filters.ownerSuffix }));
    // An owner that is exactly the suffix has no character before it; the author filter catches it instead.
    if (filters.ownerSuffix !== '') children.push({ ...filters, author: filters.ownerSuffix });
    const by =
      filters.ownerSuffix === ''
        ? 'last character of the owner'
        : `character before owner suffix "${filters.ownerSuffix}"`;
    return { kind: 'split', by, children, uncoveredId: null };
  }
  if (filters.gated === undefined) {
    return {
      kind: 'split',
      by: 'gated',
      children: [true, false].map((gated) => ({ ...filters, gated })),
      uncoveredId: null,
    };
  }
  if (filters.author !== undefined && filters.namePrefix.length < MAX_ID_PART_LENGTH) {
    return {
      kind: 'split',
      by: `character after name prefix "${filters.namePrefix}"`,
      children: ID_ALPHABET.map((c) => ({ ...filters, namePrefix: filters.namePrefix + c })),
      uncoveredId: `${filters.author}/${filters.namePrefix}`,
    };
  }
  return { kind: 'exhausted', reason: `no further split of ${describePart(filters)}` };
}

/** Parts in a fixed order, whatever order their answers arrived in: depth-first by tree position. */
export function comparePaths(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

/** True when every id seen fits the id form the partition premises assume; the proof is void otherwise. */
export function fitsIdForm(id: string): boolean {
  return /^[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$/.test(id);
}
