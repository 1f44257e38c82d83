import type { CatalogSnapshot } from '../catalog/index.ts';

/**
 * A provider's listing on the Hub changes by a few percent a day. A stored snapshot holding under half of the complete
 * catalog served now did not come from a crawl of the same listing; it is refused rather than served.
 */
const MIN_SHARE_OF_COMPLETE_CATALOG = 0.5;

/** Why a freshly fetched snapshot must not replace the one being served, or null when it may. */
export function whyKeep(current: CatalogSnapshot, next: CatalogSnapshot): string | null {
  if (next.report.errors.length > 0) {
    return (
      `refresh had failures (${next.report.errors.join('; ')}); ` +
      `still serving snapshot ${current.id} from ${current.fetchedAt}`
    );
  }
  if (current.report.complete && !next.report.complete) {
    return (
      `refresh came back incomplete (${next.models.size} models, no proof of completeness); ` +
      `still serving the complete snapshot ${current.id} (${current.models.size} models) from ${current.fetchedAt}`
    );
  }
  return null;
}

/**
 * Why a snapshot read from the store must not replace the one being served, or null when it may: the rules for a
 * fresh fetch, and no implausible shrinking of a complete catalog.
 */
export function whyRefuseStored(current: CatalogSnapshot, stored: CatalogSnapshot): string | null {
  const kept = whyKeep(current, stored);
  if (kept) return kept;
  if (current.report.complete && stored.models.size < current.models.size * MIN_SHARE_OF_COMPLETE_CATALOG) {
    return (
      `it would shrink the complete catalog from ${current.models.size} to ${stored.models.size} models; ` +
      `still serving snapshot ${current.id}`
    );
  }
  return null;
}
