import { LANGUAGES_ISO_639_1 } from '@huggingface/languages';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/index.ts';
import { modalitiesOf } from '../../src/catalog/modalities.ts';
import type { EmulatedModel } from '../../src/emulator/index.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, query } from '../support/graphql.ts';
import { useOwnRedis } from '../support/redis-server.ts';

const EVERY_PROVIDER = { providers: 'all', strategy: 'auto', sorts: 'createdAt' };

interface Node {
  id: string;
  license: string | null;
  languages: string[];
  parameters: number | null;
  parameterCount: number | null;
  baseModels: { relation: string | null; modelId: string }[];
  inputModalities: string[];
  outputModalities: string[];
  region: string | null;
}
interface Page {
  models: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Node[] };
}

const PAGE = `query Page($after: String) { models(first: 500, after: $after, orderBy: {field: ID, direction: ASC}) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { id license languages parameters parameterCount baseModels { relation modelId } inputModalities
    outputModalities region } } }`;

async function everyModel(app: App): Promise<Node[]> {
  const nodes: Node[] = [];
  let after: string | null = null;
  do {
    const page: Page = await query(app, PAGE, { after });
    nodes.push(...page.models.nodes);
    after = page.models.pageInfo.hasNextPage ? page.models.pageInfo.endCursor : null;
  } while (after !== null);
  return nodes;
}

/**
 * What the Hub's record says, read without hubcat's code (but for the modality table, which its own test holds to the
 * Hub's task list). The emulator's cards repeat what its tags say, so the tags alone give every value.
 */
function expected(raw: EmulatedModel): Omit<Node, 'id'> {
  const tagged = (prefix: string) => raw.tags.find((tag) => tag.startsWith(prefix))?.slice(prefix.length) ?? null;
  const bases = raw.tags.filter((tag) => tag.startsWith('base_model:')).map((tag) => tag.split(':'));
  const related = bases.filter((parts) => parts.length === 3);
  const baseModels = related.length
    ? related.map(([, relation, modelId]) => ({ relation: relation!.toUpperCase(), modelId: modelId! }))
    : bases.map(([, modelId]) => ({ relation: null, modelId: modelId! }));
  const { inputs, outputs } = modalitiesOf(raw.pipeline_tag ?? null);
  const parameters = raw.safetensors?.total ?? raw.gguf?.total ?? null;
  return {
    license: tagged('license:') ?? raw.cardData?.license ?? null,
    languages: raw.tags.filter((tag) => tag === 'multilingual' || Object.hasOwn(LANGUAGES_ISO_639_1, tag)),
    parameters,
    parameterCount: parameters,
    baseModels,
    inputModalities: inputs.map((m) => (m === '3d' ? 'THREE_D' : m.toUpperCase())),
    outputModalities: outputs.map((m) => (m === '3d' ? 'THREE_D' : m.toUpperCase())),
    region: tagged('region:'),
  };
}

describe('license, languages, parameters, lineage, modalities and region through the whole pipeline', () => {
  const emulator = useEmulator({ preset: 'providers-2025-11' });
  const redis = useOwnRedis();
  let adopted: Node[];
  beforeAll(async () => {
    await redis.client().flushall();
    const flags = { ...EVERY_PROVIDER, expand: 'safetensors,gguf,cardData', cacheUrl: redis.url };
    const fetcher = appFor(emulator.url, { ...flags, replicaId: 'fetcher' });
    await everyModel(fetcher);
    await fetcher.close();
    emulator.resetLog();
    const replica = appFor(emulator.url, { ...flags, replicaId: 'replica' });
    try {
      adopted = await everyModel(replica);
      expect(emulator.requests).toEqual([]);
    } finally {
      await replica.close();
    }
  }, 60_000);

  it("gives a replica that adopted the snapshot from Redis every model's fields as the Hub's records state them", () => {
    const raws = new Map(emulator.models.map((raw) => [raw.id, raw]));
    expect(adopted.length).toBeGreaterThan(4000);
    for (const node of adopted) expect(node, node.id).toEqual({ id: node.id, ...expected(raws.get(node.id)!) });
  });

  it('holds each kind of value somewhere, so the comparison above is not one of empty lists', () => {
    expect(adopted.filter((node) => node.region === 'eu').length).toBeGreaterThan(0);
    expect(adopted.filter((node) => node.baseModels.some((base) => base.relation === null)).length).toBeGreaterThan(0);
    expect(
      adopted.filter((node) => node.baseModels.some((base) => base.relation === 'QUANTIZED')).length,
    ).toBeGreaterThan(0);
    expect(adopted.filter((node) => node.languages.length > 1).length).toBeGreaterThan(0);
    expect(adopted.filter((node) => node.inputModalities.includes('IMAGE')).length).toBeGreaterThan(0);
    expect(adopted.filter((node) => node.parameters === null).length).toBeGreaterThan(0);
    expect(adopted.filter((node) => node.parameters !== null).length).toBeGreaterThan(0);
  });
});

describe('HUBCAT_EXPAND', () => {
  const emulator = useEmulator({ preset: 'tiny' });

  it.each([
    ['safetensors', ['safetensors']],
    ['none', []],
    ['gguf,cardData', ['gguf', 'cardData']],
  ])('%s asks the listing for the catalog fields and exactly those expansions', async (expand, extra) => {
    emulator.resetLog();
    const app = appFor(emulator.url, { expand });
    try {
      const page: Page = await query(app, PAGE, { after: null });
      const listings = emulator.requests.filter((request) => request.path === '/api/models');
      const expanded = listings.map((request) => request.query['expand[]']);
      expect(expanded.length).toBeGreaterThan(0);
      for (const fields of expanded) {
        expect(fields).toEqual(expect.arrayContaining(['tags', 'pipeline_tag', 'inferenceProviderMapping', ...extra]));
        expect(fields).toHaveLength(12 + extra.length);
      }
      const withParameters = page.models.nodes.filter((node) => node.parameters !== null).length;
      if (expand === 'none') expect(withParameters).toBe(0);
    } finally {
      await app.close();
    }
  });
});
