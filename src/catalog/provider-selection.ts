import type { Model } from './model.ts';

/**
 * The inference providers whose live models form the catalog: a list of Hub provider names, or `all` (every provider
 * the Hub has, which the listing names `inference_provider=all`).
 */
export type ProviderSelection = 'all' | readonly string[];

/** The Hub's provider names: lower-case letters, digits and dashes (`hf-inference`, `fireworks-ai`). */
export const PROVIDER_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** The mapping statuses the Hub documents; anything else is a status added later, kept as text but never routed. */
export const PROVIDER_STATUSES = ['live', 'staging', 'error'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

export function isKnownStatus(status: string): status is ProviderStatus {
  return (PROVIDER_STATUSES as readonly string[]).includes(status);
}

/**
 * How the listing's `inference_provider` spells the selection (`all`, `groq`, `groq,together`), which is also how
 * reports and store keys name the catalog.
 */
export function providerLabel(selection: ProviderSelection): string {
  return selection === 'all' ? 'all' : selection.join(',');
}

/** The selection as `inference_provider` takes it: one name, the comma list, or `all`. */
export function listingProviders(selection: ProviderSelection): string | string[] {
  return selection === 'all' ? 'all' : [...selection];
}

/** A model belongs to the catalog when one of its mappings is live with a selected provider. */
export function isServedBy(model: Model, selection: ProviderSelection): boolean {
  return model.providers.some(
    (mapping) => mapping.status === 'live' && (selection === 'all' || selection.includes(mapping.provider)),
  );
}

/** Several providers share the listing: each one's set is derived from it rather than being the listing itself. */
export function isShared(selection: ProviderSelection): boolean {
  return selection === 'all' || selection.length > 1;
}
