import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { listen, type RunningServer } from '../../src/app/index.ts';
import { appFor } from '../support/graphql.ts';

describe('hubcat serve over HTTP', () => {
  const emulator = useEmulator({ preset: 'tiny' });
  let server: RunningServer;
  beforeAll(async () => {
    server = await listen(appFor(emulator.url, {}, { graphiql: true }), 0, '127.0.0.1');
  });
  afterAll(() => server.close());

  it('answers GraphQL POSTs on /graphql', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ catalog { size } }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { catalog: { size: emulator.servedIds('hf-inference').length } } });
  });

  it('serves GraphiQL to a browser', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/graphiql/i);
  });

  it('answers the liveness probe on /health', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
  });
});
