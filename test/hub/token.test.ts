import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { startEmulator } from '../../src/emulator/index.ts';
import { HubClient, HubHttpError, HubNetworkError, HubUsageError, type RetryEvent } from '../../src/hub/index.ts';
import { collect, recordingSleep, rejection } from './helpers.ts';

const GOOD = 'hf_goodTokenForTests0123456789';
const BAD = 'hf_revokedSecretThatMustNeverLeak42';

/** A port nothing listens on, so every attempt is a refused connection. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/** Everything an operator could see of an error: message, properties, stack and causes. */
function exposures(error: unknown): string[] {
  return [
    String(error),
    JSON.stringify(error),
    JSON.stringify(error, Object.getOwnPropertyNames(error)),
    inspect(error, { depth: 10, showHidden: true }),
    (error as Error).stack ?? '',
  ];
}

describe('access tokens', () => {
  const emu = useEmulator({ preset: 'gateway-2025-10', tokens: [GOOD] });

  it('sends a valid token as a Bearer credential', async () => {
    emu.resetLog();
    const client = new HubClient({ endpoint: emu.url, token: GOOD });
    await client.fetchPage(client.buildListUrl({ inferenceProvider: 'hf-inference', limit: 5 }), 0);

    expect(emu.requests.map((request) => request.authenticated)).toEqual([true]);
  });

  it('fails a bad token with 401 and the Hub message, without ever showing the token', async () => {
    const events: RetryEvent[] = [];
    const client = new HubClient({ endpoint: emu.url, token: BAD, onRetry: (event) => events.push(event) });
    const error = await rejection(collect(client.listModels({ inferenceProvider: 'hf-inference', limit: 5 })));

    expect(error).toBeInstanceOf(HubHttpError);
    expect((error as HubHttpError).status).toBe(401);
    expect((error as HubHttpError).hubMessage).toBe('Invalid credentials in Authorization header');
    for (const text of exposures(error)) expect(text).not.toContain(BAD);
    expect(JSON.stringify(events)).not.toContain(BAD);
    expect(inspect(client, { showHidden: true })).not.toContain(BAD);
  });

  it('keeps the token out of network errors and their causes', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const events: RetryEvent[] = [];
    const { sleep } = recordingSleep();
    const client = new HubClient({
      endpoint,
      token: BAD,
      maxRetries: 2,
      sleep,
      onRetry: (event) => events.push(event),
    });
    const error = await rejection(client.fetchPage(client.buildListUrl({ limit: 1 }), 0));

    expect(error).toBeInstanceOf(HubNetworkError);
    expect((error as HubNetworkError).attempts).toBe(3);
    expect((error as HubNetworkError).cause).toBeDefined();
    for (const text of exposures(error)) expect(text).not.toContain(BAD);
    expect(events.map((event) => event.reason)).toEqual(['network', 'network']);
    expect(JSON.stringify(events)).not.toContain(BAD);
  });

  it('scrubs the token even when a custom fetch puts it in its error', async () => {
    const client = new HubClient({
      endpoint: emu.url,
      token: BAD,
      maxRetries: 0,
      fetch: async (input, init) => {
        throw new Error(
          `proxy refused ${input instanceof Request ? input.url : input.toString()} with ${JSON.stringify(init?.headers)}`,
          {
            cause: new Error(`Bearer ${BAD}`),
          },
        );
      },
    });
    const error = await rejection(client.fetchPage(client.buildListUrl({ limit: 1 }), 0));

    expect(error).toBeInstanceOf(HubNetworkError);
    expect((error as Error).message).toContain('[redacted]');
    for (const text of exposures(error)) expect(text).not.toContain(BAD);
  });

  it('never requests another origin, so the token cannot go there', async () => {
    // The emulator at a different origin stands in for a foreign host: it must see no request at all.
    const other = await startEmulator({ preset: 'gateway-2025-10', tokens: [GOOD] });
    try {
      const client = new HubClient({ endpoint: emu.url, token: GOOD });
      const error = await rejection(client.fetchPage(`${other.url}/api/models?limit=1`, 0));
      expect(error).toBeInstanceOf(HubUsageError);
      expect(other.requests).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
