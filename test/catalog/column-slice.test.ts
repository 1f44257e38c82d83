import { describe, expect, it } from 'vitest';
import { ModelTable, type Model } from '../../src/catalog/index.ts';
import { FIXTURE } from '../query/fixture.ts';

const withFigures: Model['providers'] = [
  {
    provider: 'groq',
    providerId: 'x',
    status: 'live',
    task: 'conversational',
    details: {
      source: 'router',
      contextLength: 131_072,
      inputPerMillion: 0.15,
      outputPerMillion: 0.6000000000000001,
      supportsTools: false,
      supportsStructuredOutput: true,
      firstTokenLatencyMs: 212.5,
      throughput: 1234.56,
    },
  },
  { provider: 'together', providerId: null, status: 'error', task: null },
];

/** FIXTURE with what does not follow the usual shapes near its end, so only the later slices hold it. */
const models: Model[] = FIXTURE.map((model, i) => {
  if (i === FIXTURE.length - 1) return { ...model, url: 'https://mirror.example/x', hubId: 'NOT-AN-OBJECT-ID' };
  if (i === FIXTURE.length - 2) return { ...model, providers: withFigures, createdAt: 'not a date' };
  if (i === FIXTURE.length - 3) return { ...model, hubId: 'abcdefabcdefabcdefabcdef', foundBy: ['likes', 'part 3'] };
  return model;
});

/** The table rebuilt from its slices of `rows` rows each, every slice copied as a store's reader would make it. */
function rebuilt(table: ModelTable, rows: number): ModelTable {
  const builder = ModelTable.builder(table.size);
  for (let start = 0; start < table.size; start += rows) {
    const slice = table.slice(start, Math.min(start + rows, table.size));
    builder.addSlice(structuredClone(slice));
  }
  return builder.finish();
}

describe('a table read and built as slices of columns, the form a stored chunk takes', () => {
  const table = ModelTable.from(models);

  it.each([1, 4, 1000])('gives back every model exactly, in slices of %i rows', (rows) => {
    expect([...rebuilt(table, rows)]).toStrictEqual([...table]);
  });

  it('builds the same table from slices as from rows, after rows too', () => {
    const builder = ModelTable.builder();
    builder.add(table.model(0));
    builder.addSlice(table.slice(1, table.size));
    expect([...builder.finish()]).toStrictEqual([...table]);
  });

  it("holds each of a slice's strings once, whichever columns use it", () => {
    const slice = table.slice(0, table.size);
    expect(new Set(slice.strings).size).toBe(slice.strings.length);
    expect(slice.strings).toContain('transformers');
    expect(slice.tags.length).toBe(models.reduce((sum, model) => sum + model.tags.length, 0));
  });

  it('takes the entries a manifest states as a hint: too many or too few still build the same table', () => {
    for (const stated of [1e12, 0, 1]) {
      const entries = { tags: stated, languages: stated, baseModels: stated, mappings: stated };
      const builder = ModelTable.builder(table.size, entries);
      builder.addSlice(table.slice(0, table.size));
      expect([...builder.finish()]).toStrictEqual([...table]);
    }
    expect(rebuilt(table, 4).entries()).toEqual(table.entries());
  });

  it('refuses a range outside the table', () => {
    expect(() => table.slice(0, table.size + 1)).toThrow(RangeError);
    expect(() => table.slice(2, 1)).toThrow(RangeError);
  });
});
