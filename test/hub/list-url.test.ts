import { describe, expect, it } from 'vitest';
import {
  HubClient,
  HubUsageError,
  type HubSortKey,
  type HubExpandField,
  type ListModelsQuery,
} from '../../src/hub/index.ts';

const client = new HubClient({ endpoint: 'https://hub.example/' });
const query = (url: string) => [...new URL(url).searchParams];

describe('listing URL', () => {
  it('strips the endpoint trailing slash', () => {
    expect(client.endpoint).toBe('https://hub.example');
    expect(client.buildListUrl({})).toBe('https://hub.example/api/models');
  });

  it('maps every filter to the Hub parameter name', () => {
    const url = client.buildListUrl({
      search: 'bert',
      author: 'google',
      tags: ['pytorch', 'license:mit'],
      pipelineTag: 'fill-mask',
      library: 'transformers',
      inferenceProvider: ['hf-inference', 'together'],
      gated: false,
      numParameters: { min: '6B', max: '128B' },
      sort: 'createdAt',
      limit: 1000,
      expand: ['likes', 'inferenceProviderMapping'],
    });
    expect(url.startsWith('https://hub.example/api/models?')).toBe(true);
    expect(query(url)).toEqual([
      ['search', 'bert'],
      ['author', 'google'],
      ['filter', 'pytorch'],
      ['filter', 'license:mit'],
      ['pipeline_tag', 'fill-mask'],
      ['library', 'transformers'],
      ['inference_provider', 'hf-inference,together'],
      ['gated', 'false'],
      ['num_parameters', 'min:6B,max:128B'],
      ['sort', 'createdAt'],
      ['limit', '1000'],
      ['expand[]', 'likes'],
      ['expand[]', 'inferenceProviderMapping'],
    ]);
  });

  it('sends a single provider, one bound and full=true as such', () => {
    const url = client.buildListUrl({
      inferenceProvider: 'hf-inference',
      numParameters: { max: '1B' },
      full: true,
      gated: true,
    });
    expect(query(url)).toEqual([
      ['inference_provider', 'hf-inference'],
      ['gated', 'true'],
      ['num_parameters', 'max:1B'],
      ['full', 'true'],
    ]);
  });

  it.each<[string, ListModelsQuery]>([
    ['limit 0', { limit: 0 }],
    ['limit 1001', { limit: 1001 }],
    ['a fractional limit', { limit: 2.5 }],
    ['an unknown sort', { sort: 'trending' as HubSortKey }],
    ['an unknown expand field', { expand: ['cardData', 'nope' as HubExpandField] }],
    ['expand with full', { expand: ['likes'], full: true }],
    ['an empty provider name', { inferenceProvider: [''] }],
  ])('rejects %s with HubUsageError', (_, bad) => {
    expect(() => client.buildListUrl(bad)).toThrow(HubUsageError);
  });

  it('throws HubUsageError, a TypeError, for bad client options', () => {
    expect(() => new HubClient({ maxRetries: -1 })).toThrow(TypeError);
    expect(() => new HubClient({ timeoutMs: 0 })).toThrow(HubUsageError);
    expect(() => new HubClient({ endpoint: 'not a url' })).toThrow(HubUsageError);
  });
});
