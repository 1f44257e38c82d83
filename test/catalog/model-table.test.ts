import { describe, expect, it } from 'vitest';
import { ModelTable, type Model } from '../../src/catalog/index.ts';
import { FIXTURE } from '../query/fixture.ts';

const asHubIso = (iso: string | null) => (iso === null ? null : new Date(Date.parse(iso)).toISOString());

describe('ModelTable, the columnar form a snapshot keeps its models in', () => {
  const table = ModelTable.from([...FIXTURE].reverse());

  it('gives every model back, in id order, equal to what went in (instants in the Hub’s ISO form)', () => {
    const expected = [...FIXTURE]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((model): Model => ({
        ...model,
        createdAt: asHubIso(model.createdAt),
        lastModified: asHubIso(model.lastModified),
      }));
    expect([...table]).toEqual(expected);
    expect(table.size).toBe(FIXTURE.length);
  });

  it('finds a row by id, and knows an id it does not hold', () => {
    const row = table.rowOf('BAAI/bge-m3');
    expect(table.model(row).id).toBe('BAAI/bge-m3');
    expect(table.rowOf('nobody/nothing')).toBe(-1);
    expect(table.find('nobody/nothing')).toBeNull();
    expect(() => table.model(table.size)).toThrow(RangeError);
  });

  it('keeps each repeated string once, and hands out models callers may change without touching the table', () => {
    const libraries = new Set(FIXTURE.flatMap((model) => (model.libraryName === null ? [] : [model.libraryName])));
    expect([...table.dictionary('libraryName')].sort()).toEqual([...libraries].sort());
    const first = table.model(0);
    first.tags.push('changed');
    expect(table.model(0).tags).not.toContain('changed');
  });

  it('round-trips through JSON as plain rows', () => {
    const restored = ModelTable.from(JSON.parse(JSON.stringify(table)) as Model[]);
    expect([...restored]).toEqual([...table]);
  });
});

describe('ModelTable built from a stream', () => {
  const sorted = [...FIXTURE].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  it('builds the same table from a generator of rows, in or out of id order, as from an array', () => {
    function* rows(models: readonly Model[]) {
      for (const model of models) yield model;
    }
    const fromArray = [...ModelTable.from(FIXTURE)];
    expect([...ModelTable.from(rows(sorted))]).toEqual(fromArray);
    expect([...ModelTable.from(rows([...FIXTURE].reverse()))]).toEqual(fromArray);
  });

  it('builds from rows that arrive asynchronously, chunk by chunk', async () => {
    async function* chunks() {
      for (let i = 0; i < FIXTURE.length; i += 7) {
        await Promise.resolve();
        yield* FIXTURE.slice(i, i + 7);
      }
    }
    expect([...(await ModelTable.fromAsync(chunks()))]).toEqual([...ModelTable.from(FIXTURE)]);
  });

  it('refuses an id given twice, which would make lookups by id ambiguous', () => {
    expect(() => ModelTable.from([...FIXTURE, FIXTURE[3]!])).toThrow(/appears twice/);
    expect(() => ModelTable.from([FIXTURE[3]!, FIXTURE[3]!])).toThrow(/appears twice/);
  });

  it('gives back what does not follow the usual shapes: other urls, non-ObjectId hub ids, provider ids', () => {
    const odd: Model[] = [
      { ...FIXTURE[0]!, url: 'https://mirror.example/x', hubId: 'NOT-AN-OBJECT-ID' },
      { ...FIXTURE[1]!, hubId: 'abcdefabcdefabcdefabcdef' },
      {
        ...FIXTURE[2]!,
        providers: [
          { provider: 'together', providerId: 'together/other-name', status: 'live', task: null },
          { provider: 'hf-inference', providerId: null, status: 'staging', task: 'text-generation' },
        ],
      },
    ];
    const table = ModelTable.from(odd);
    for (const model of odd) {
      expect(table.find(model.id)).toEqual({
        ...model,
        createdAt: asHubIso(model.createdAt),
        lastModified: asHubIso(model.lastModified),
      });
    }
  });

  it("gives back each mapping's figures exactly, whatever their source, and none where a mapping has none", () => {
    const router = {
      source: 'router' as const,
      contextLength: 131_072,
      inputPerMillion: 0.15,
      outputPerMillion: 0.6000000000000001,
      supportsTools: false,
      supportsStructuredOutput: true,
      firstTokenLatencyMs: 212.5,
      throughput: 1234.56,
    };
    const listing = {
      source: 'listing' as const,
      contextLength: null,
      inputPerMillion: 3,
      outputPerMillion: null,
      supportsTools: null,
      supportsStructuredOutput: null,
      firstTokenLatencyMs: null,
      throughput: null,
    };
    // Built in both arrival orders: when the first model has no figures, the detail columns start after its mappings.
    const models: Model[] = [
      FIXTURE[4]!,
      {
        ...FIXTURE[5]!,
        providers: [
          { provider: 'groq', providerId: 'x', status: 'live', task: 'conversational', details: router },
          { provider: 'together', providerId: null, status: 'error', task: null },
          { provider: 'nebius', providerId: null, status: 'staging', task: null, details: listing },
        ],
      },
    ];
    const figures = ModelTable.from(models);
    for (const table of [figures, ModelTable.from([...models].reverse())]) {
      for (const model of models) {
        expect(table.find(model.id)).toStrictEqual({
          ...model,
          createdAt: asHubIso(model.createdAt),
          lastModified: asHubIso(model.lastModified),
        });
      }
    }
    const restored = ModelTable.from(JSON.parse(JSON.stringify(figures)) as Model[]);
    expect([...restored]).toStrictEqual([...figures]);
  });

  it('writes timestamps exactly as Date#toISOString does, across centuries and leap days', () => {
    const instants = [
      '1970-01-01T00:00:00.000Z',
      '2000-02-29T23:59:59.999Z',
      '2024-12-31T12:00:00.007Z',
      '9999-12-31T23:59:59.999Z',
      '1969-07-20T20:17:40.000Z',
    ];
    const table = ModelTable.from(instants.map((createdAt, i) => ({ ...FIXTURE[i]!, createdAt })));
    expect([...table].map((model) => model.createdAt).sort()).toEqual([...instants].sort());
  });
});
