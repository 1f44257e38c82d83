import { CatalogUpdatedDocument, type CatalogUpdatedSubscription } from '../../../schema/generated/graphql.ts';
import { operationOf } from './api.ts';

export type CatalogUpdate = CatalogUpdatedSubscription['catalogUpdated'];

/**
 * Subscribes to `catalogUpdated` over Server-Sent Events (Yoga answers a GET of `/graphql` with
 * `Accept: text/event-stream`), calling `onUpdate` for each snapshot that replaces the served one. EventSource
 * reconnects by itself after a network error; a `complete` (the server shutting down) closes it for good.
 */
export function followCatalogUpdates(handlers: {
  onOpen: () => void;
  onUpdate: (update: CatalogUpdate) => void;
  /** The feed dropped: `retrying` while EventSource reconnects by itself, false once it has given up. */
  onLost: (retrying: boolean) => void;
}): () => void {
  const url = new URL('/graphql', location.href);
  for (const [name, value] of Object.entries(operationOf(CatalogUpdatedDocument))) {
    url.searchParams.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  url.searchParams.set('variables', JSON.stringify({ first: 1 }));
  const source = new EventSource(url);
  source.addEventListener('next', (event) => {
    const message = JSON.parse((event as MessageEvent<string>).data) as { data?: CatalogUpdatedSubscription | null };
    if (message.data) handlers.onUpdate(message.data.catalogUpdated);
  });
  source.addEventListener('open', handlers.onOpen);
  source.addEventListener('error', () => handlers.onLost(source.readyState === EventSource.CONNECTING));
  source.addEventListener('complete', () => source.close());
  return () => source.close();
}
