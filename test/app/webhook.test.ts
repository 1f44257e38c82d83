import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { signWebhookBody, type LiveEvent, type WebhookEvent } from '../../src/live/index.ts';
import type { CatalogUpdate } from '../../src/catalog/index.ts';
import { FilteredModelsDocument, SnapshotsDocument } from '../../schema/generated/graphql.ts';
import { appFor, query } from '../support/graphql.ts';
import { useFreshEmulators } from '../support/live.ts';

const SECRET = 'whsec_living-catalog-test';

interface Delivery {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A webhook receiver on a free port; `respond` decides each answer (a status, or 'hang' to never answer). */
async function startReceiver(respond: (n: number) => number | 'hang' = () => 204) {
  const deliveries: Delivery[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      deliveries.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = respond(deliveries.length);
      if (answer === 'hang') hanging.push(response);
      else response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receivers.push(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/hubcat`,
    deliveries,
    hanging,
  };
}
const receivers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  for (const server of receivers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** An app posting to `url`, whose waits between attempts are recorded instead of slept. */
function appPostingTo(emulatorUrl: string, url: string) {
  const waits: number[] = [];
  const events: LiveEvent[] = [];
  const app = appFor(
    emulatorUrl,
    { webhookUrl: url, webhookSecret: SECRET },
    {
      webhookSleep: async (ms) => void waits.push(ms),
      onLiveEvent: (event) => events.push(event),
    },
  );
  return { app, waits, events };
}

const webhookEvents = (events: LiveEvent[]) =>
  events.filter((event): event is WebhookEvent => event.type.startsWith('webhook-'));

describe('the webhook', () => {
  const startEmulator = useFreshEmulators();

  it('signs the HMAC-SHA256 of the body with the secret, as RFC 4231 computes it', () => {
    expect(signWebhookBody('what do ya want for nothing?', 'Jefe')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('gets one signed POST per snapshot that changed something, and none for the baseline or a quiet refresh', async () => {
    const emulator = await startEmulator();
    const receiver = await startReceiver();
    const { app } = appPostingTo(emulator.url, receiver.url);
    await app.catalog.refresh(); // baseline
    await app.catalog.refresh(); // nothing changed
    const first = emulator.evolve({ added: 2, removed: 1 });
    await app.catalog.refresh();
    emulator.evolve({ updated: [{ field: 'gated' }] });
    await app.catalog.refresh();
    await app.catalog.refresh(); // nothing changed
    await app.live.updates.settled();
    await app.live.webhook!.settled();
    const counters = app.live.webhook!.counters();
    await app.close();

    expect(receiver.deliveries).toHaveLength(2);
    for (const delivery of receiver.deliveries) {
      const expected = `sha256=${createHmac('sha256', SECRET).update(delivery.body).digest('hex')}`;
      expect(delivery.headers['x-hubcat-signature-256']).toBe(expected);
      expect(delivery.headers['content-type']).toBe('application/json');
      expect(delivery.headers['x-hubcat-event']).toBe('catalog.updated');
    }
    const [added, gated] = receiver.deliveries.map((delivery) => JSON.parse(delivery.body) as CatalogUpdate);
    expect(added!.snapshot).toMatchObject({ added: 2, removed: 1, updated: 0 });
    expect(added!.changes.map((change) => change.modelId).sort()).toEqual(
      [...first.added.map(({ id }) => id), ...first.removed.map(({ id }) => id)].sort(),
    );
    expect(receiver.deliveries[0]!.headers['x-hubcat-delivery']).toBe(added!.snapshot.id);
    expect(gated!.snapshot).toMatchObject({ added: 0, removed: 0, updated: 1 });
    expect(counters).toEqual({ delivered: 2, failed: 0, dropped: 0, attempts: 2 });
  });

  it('retries a receiver that fails twice, and delivers the same body on the third attempt after 1 s and 2 s', async () => {
    const emulator = await startEmulator();
    const receiver = await startReceiver((n) => (n <= 2 ? 500 : 200));
    const { app, waits, events } = appPostingTo(emulator.url, receiver.url);
    await app.catalog.refresh();
    emulator.evolve({ added: 1 });
    await app.catalog.refresh();
    await app.live.updates.settled();
    await app.live.webhook!.settled();
    await app.close();

    expect(receiver.deliveries).toHaveLength(3);
    expect(new Set(receiver.deliveries.map((delivery) => delivery.body)).size).toBe(1);
    expect(new Set(receiver.deliveries.map((delivery) => delivery.headers['x-hubcat-delivery'])).size).toBe(1);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(800);
    expect(waits[0]).toBeLessThanOrEqual(1200);
    expect(waits[1]).toBeGreaterThanOrEqual(1600);
    expect(waits[1]).toBeLessThanOrEqual(2400);
    expect(webhookEvents(events).map((event) => event.type)).toEqual([
      'webhook-attempt-failed',
      'webhook-attempt-failed',
      'webhook-delivered',
    ]);
    expect(webhookEvents(events).at(-1)).toMatchObject({ attempts: 3, status: 200 });
  });

  it('gives up after 5 attempts at a receiver that refuses connections, and says why', async () => {
    const emulator = await startEmulator();
    const receiver = await startReceiver();
    const deadUrl = receiver.url;
    for (const server of receivers.splice(0)) await new Promise((resolve) => server.close(resolve));
    const { app, waits, events } = appPostingTo(emulator.url, deadUrl);
    await app.catalog.refresh();
    emulator.evolve({ removed: 1 });
    await app.catalog.refresh();
    await app.live.updates.settled();
    await app.live.webhook!.settled();
    const counters = app.live.webhook!.counters();
    await app.close();

    expect(waits).toHaveLength(4);
    expect(counters).toEqual({ delivered: 0, failed: 1, dropped: 0, attempts: 5 });
    expect(webhookEvents(events).at(-1)).toMatchObject({ type: 'webhook-failed', attempts: 5 });
    expect((webhookEvents(events).at(-1) as { reason: string }).reason).toMatch(/ECONNREFUSED/);
  });

  it('never delays a refresh or a query, even while the receiver holds the POST without answering', async () => {
    const emulator = await startEmulator();
    const receiver = await startReceiver(() => 'hang');
    const { app, events } = appPostingTo(emulator.url, receiver.url);
    await app.catalog.refresh();
    emulator.evolve({ added: 3 });
    await app.catalog.refresh();
    await app.live.updates.settled();
    while (receiver.deliveries.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));

    emulator.evolve({ added: 1 });
    const refreshed = await app.catalog.refresh();
    await app.live.updates.settled();
    const models = await query(app, FilteredModelsDocument, { first: 1 });
    const { snapshots } = await query(app, SnapshotsDocument, { first: 1 });
    const stillHeld = receiver.hanging.length;
    await app.close();

    expect(stillHeld).toBe(1);
    expect(models.models.totalCount).toBe(1377 + 3 + 1);
    expect(refreshed.models.size).toBe(1377 + 3 + 1);
    expect(snapshots).toMatchObject([{ id: refreshed.id, added: 1 }]);
    // Shutting down does not wait for the receiver either: what was pending is dropped and reported.
    expect(webhookEvents(events).map((event) => event.type)).toContain('webhook-dropped');
  });
});
