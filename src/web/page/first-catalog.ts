import { CatalogReadinessDocument } from '../../../schema/generated/graphql.ts';
import { request } from './api.ts';
import { h } from './dom.ts';

/** How often the page asks whether the first catalog has arrived; each ask answers at once. */
const POLL_MS = 500;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once the server holds a catalog, or its first fetch has failed (the report then says why). Until then the
 * status says the first catalog is being fetched, rather than leaving a request pending for minutes or showing the
 * API's "no catalog yet" error: `catalog(wait: false)` answers without joining the fetch.
 */
export async function waitForFirstCatalog(container: HTMLElement): Promise<void> {
  for (let asked = 0; ; asked++) {
    const { catalog } = await request(CatalogReadinessDocument);
    if (catalog.fetchedAt || catalog.lastError) return;
    if (asked === 0) {
      container.replaceChildren(
        h(
          'p',
          { class: 'loading', role: 'status', id: 'first-catalog' },
          `Fetching the first catalog from ${catalog.upstream}… `,
          'The report appears here as soon as it arrives; a full crawl of a large upstream can take minutes.',
        ),
      );
    }
    await sleep(POLL_MS);
  }
}
