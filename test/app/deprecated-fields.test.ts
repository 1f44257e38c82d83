import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { buildSchema } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/app/metrics.ts';
import { appFor, execute } from '../support/graphql.ts';
import { parsePrometheus } from '../support/prometheus.ts';

// A schema of the test's own, so that every form of deprecation (field, argument, on the root) is covered.
const schema = buildSchema(`
  type Query {
    model(id: ID!, legacyId: ID @deprecated(reason: "use id")): Model
    size: Int @deprecated(reason: "use catalog")
  }
  type Model { id: ID! name: String @deprecated(reason: "use id") downloads: Int }
`);

const rootValue = { model: () => ({ id: 'a/b', name: 'b', downloads: 1 }), size: () => 1 };

/** Requests over the same document twice and over others: named, anonymous, named by the request, clean. */
const REQUESTS = [
  { query: 'query One { model(id: "a/b") { id name } size }' },
  { query: 'query One { model(id: "a/b") { id name } size }' },
  { query: '{ model(id: "a/b", legacyId: "x") { name name } }' },
  { query: 'query Two { size } query Three { model(id: "a/b") { name } }', operationName: 'Three' },
  { query: 'query Clean { model(id: "a/b") { id downloads } }' },
];

async function deprecatedSamples(plugin: Plugin, registry: Registry) {
  const yoga = createYoga({ schema, rootValue, plugins: [plugin], logging: false } as Parameters<typeof createYoga>[0]);
  for (const body of REQUESTS) {
    const response = await yoga.fetch('http://hubcat/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
  }
  return parsePrometheus(await registry.metrics()).filter(({ name }) => name === 'graphql_envelop_deprecated_field');
}

describe('graphql_envelop_deprecated_field', () => {
  it("counts what Yoga's own counter counts, with the same labels", async () => {
    const stockRegistry = new Registry();
    const stock = usePrometheus({ registry: stockRegistry, endpoint: false, labels: { url: false } });
    const metrics = createMetrics();

    const expected = await deprecatedSamples(stock, stockRegistry);
    const counted = await deprecatedSamples(metrics.plugin, metrics.registry);

    expect(expected.length).toBeGreaterThan(2);
    expect(counted).toEqual(expected);
  });

  it('tells an operator which clients still read Model.parameterCount, deprecated for parameters', async () => {
    const app = appFor('http://127.0.0.1:9', {}, { fetchSnapshot: () => Promise.reject(new Error('offline')) });
    await execute(app, 'query Legacy { models(first: 1) { nodes { id parameterCount } } }');
    await execute(app, 'query Current { models(first: 1) { nodes { id parameters } } }');
    const samples = parsePrometheus(await app.metrics.metrics()).filter(
      ({ name }) => name === 'graphql_envelop_deprecated_field',
    );
    await app.close();

    expect(samples.map(({ labels, value }) => ({ ...labels, value }))).toEqual([
      { operationType: 'query', operationName: 'Legacy', fieldName: 'parameterCount', typeName: 'Model', value: 1 },
    ]);
  });
});
