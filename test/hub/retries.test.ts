import { beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { startEmulator } from '../../src/emulator/index.ts';
import {
  HubClient,
  HubHttpError,
  HubNetworkError,
  HubProtocolError,
  type HubClientOptions,
  type RetryEvent,
} from '../../src/hub/index.ts';
import { collect, idsOf, recordingSleep, rejection, sorted } from './helpers.ts';

const HF_INFERENCE = { inferenceProvider: 'hf-inference', sort: 'createdAt', limit: 1000 } as const;

describe('retries and failures against the emulator', () => {
  const emu = useEmulator({ preset: 'gateway-2025-10' });
  let waits: number[];
  let events: RetryEvent[];
  let client: (options?: HubClientOptions) => HubClient;
  const modelRequests = () => emu.requests.filter((request) => request.path === '/api/models');

  beforeEach(() => {
    emu.setFaults([]);
    emu.resetLog();
    const recorder = recordingSleep();
    waits = recorder.waits;
    events = [];
    client = (options = {}) =>
      new HubClient({
        endpoint: emu.url,
        sleep: recorder.sleep,
        random: () => 0.5,
        onRetry: (event) => events.push(event),
        ...options,
      });
  });

  it('waits t + 1 s after a 429 with r=0 and completes the listing', async () => {
    emu.setFaults([{ on: 1, kind: 'rate-limit', resetSeconds: 1 }]);
    const pages = await collect(client().listModels(HF_INFERENCE));

    expect(waits).toEqual([2000]);
    expect(events).toEqual([
      expect.objectContaining({ attempt: 1, reason: 'rate-limited', status: 429, waitMs: 2000 }),
    ]);
    expect(pages.map((page) => page.requests)).toEqual([2, 1]);
    expect(idsOf(pages)).toHaveLength(1377);
  });

  it('retries a 503 on page 2 with backoff and completes the listing', async () => {
    emu.setFaults([{ on: 2, kind: 'status', status: 503 }]);
    const pages = await collect(client().listModels(HF_INFERENCE));

    expect(waits).toEqual([1000]);
    expect(events).toEqual([expect.objectContaining({ reason: 'status', status: 503 })]);
    expect(pages.map((page) => page.requests)).toEqual([1, 2]);
    expect(sorted(idsOf(pages))).toEqual(sorted(emu.servedIds('hf-inference')));
  });

  it('retries a dropped connection', async () => {
    emu.setFaults([{ on: 1, kind: 'drop' }]);
    const pages = await collect(client().listModels(HF_INFERENCE));

    expect(events).toEqual([expect.objectContaining({ attempt: 1, reason: 'network', waitMs: 1000 })]);
    expect(pages[0]?.requests).toBe(2);
    expect(idsOf(pages)).toHaveLength(1377);
  });

  it('fails at once, without a retry, when the host name does not resolve', async () => {
    // `.invalid` never resolves (RFC 2606): the resolver says ENOTFOUND, or EAI_AGAIN on a machine without a network.
    const error = await rejection(
      collect(client({ endpoint: 'http://hubcat-no-such-host.invalid' }).listModels(HF_INFERENCE)),
    );

    expect(error).toBeInstanceOf(HubNetworkError);
    expect(error).toMatchObject({ attempts: 1, timedOut: false });
    expect((error as Error).message).toMatch(/(ENOTFOUND|EAI_AGAIN) hubcat-no-such-host\.invalid/);
    expect(waits).toEqual([]);
    expect(events).toEqual([]);
  });

  it('fails fast on a 400 with the Hub message and request id', async () => {
    const error = await rejection(
      client().fetchPage(`${emu.url}/api/models?inference_provider=hf-inference&sort=trending`, 0),
    );

    expect(error).toBeInstanceOf(HubHttpError);
    const http = error as HubHttpError;
    expect(http.status).toBe(400);
    expect(http.hubMessage).toBe('✖ Invalid sort parameter: trending');
    expect(http.requestId).toEqual(expect.any(String));
    expect(http.attempts).toBe(1);
    expect(http.message).toContain('✖ Invalid sort parameter: trending');
    expect(waits).toEqual([]);
    expect(modelRequests()).toHaveLength(1);
  });

  it('gives up with HubHttpError 503 after maxRetries + 1 requests, waiting 1+2+4+8+8 s in all', async () => {
    emu.setFaults([{ on: 'all', kind: 'status', status: 503 }]);
    const error = await rejection(collect(client().listModels(HF_INFERENCE)));

    expect(error).toBeInstanceOf(HubHttpError);
    expect((error as HubHttpError).status).toBe(503);
    expect((error as HubHttpError).attempts).toBe(6);
    expect(modelRequests()).toHaveLength(6);
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000]);
  });

  it('stops early when the next wait would exceed maxRetryWaitMs', async () => {
    emu.setFaults([{ on: 'all', kind: 'status', status: 502 }]);
    const error = await rejection(client({ maxRetryWaitMs: 5000 }).fetchPage(client().buildListUrl(HF_INFERENCE), 0));

    expect((error as HubHttpError).status).toBe(502);
    expect(waits).toEqual([1000, 2000]);
    expect(modelRequests()).toHaveLength(3);
    expect((error as Error).message).toMatch(/retry-wait budget/);
  });

  it('keeps every wait sum within the budget even with extreme jitter', async () => {
    emu.setFaults([{ on: 'all', kind: 'status', status: 500 }]);
    await rejection(
      client({ maxRetryWaitMs: 10_000, random: () => 0.999 }).fetchPage(client().buildListUrl(HF_INFERENCE), 0),
    );

    expect(waits.reduce((sum, wait) => sum + wait, 0)).toBeLessThanOrEqual(10_000);
    expect(waits.length).toBeGreaterThan(0);
  });

  it('does not retry a page that is not JSON, and names its index', async () => {
    emu.setFaults([{ on: 2, kind: 'malformed' }]);
    const error = await rejection(collect(client().listModels(HF_INFERENCE)));

    expect(error).toBeInstanceOf(HubProtocolError);
    expect((error as HubProtocolError).pageIndex).toBe(1);
    expect((error as HubProtocolError).message).toMatch(/page 1/);
    expect(modelRequests()).toHaveLength(2);
    expect(waits).toEqual([]);
  });

  it('rejects a page with an invalid item, naming the page, the item and the field', async () => {
    emu.setFaults([{ on: 1, kind: 'invalid-item' }]);
    const error = await rejection(collect(client().listModels(HF_INFERENCE)));

    expect(error).toBeInstanceOf(HubProtocolError);
    const protocol = error as HubProtocolError;
    expect(protocol.pageIndex).toBe(0);
    expect(protocol.itemIndex).toEqual(expect.any(Number));
    expect(protocol.reason).toMatch(new RegExp(`^item ${protocol.itemIndex}\\b.*: `));
    expect(modelRequests()).toHaveLength(1);
  });

  it('stops when the caller aborts, without retrying', async () => {
    emu.setFaults([{ on: 'all', kind: 'status', status: 503 }]);
    const controller = new AbortController();
    const aborting = new HubClient({
      endpoint: emu.url,
      sleep: async () => controller.abort(new Error('caller gave up')),
    });
    const error = await rejection(
      aborting.fetchPage(aborting.buildListUrl(HF_INFERENCE), 0, { signal: controller.signal }),
    );

    expect((error as Error).message).toBe('caller gave up');
    expect(modelRequests()).toHaveLength(1);
  });
});

describe('per-request timeout', () => {
  it('retries a slow response, then fails with HubNetworkError', async () => {
    const emu = await startEmulator({ preset: 'gateway-2025-10', latencyMs: 300 });
    try {
      const { waits, sleep } = recordingSleep();
      const client = new HubClient({ endpoint: emu.url, timeoutMs: 100, maxRetries: 1, sleep, random: () => 0.5 });
      const error = await rejection(
        client.fetchPage(client.buildListUrl({ inferenceProvider: 'hf-inference', limit: 5 }), 0),
      );

      expect(error).toBeInstanceOf(HubNetworkError);
      expect((error as HubNetworkError).timedOut).toBe(true);
      expect((error as HubNetworkError).attempts).toBe(2);
      expect(waits).toEqual([1000]);
    } finally {
      await emu.close();
    }
  });
});
