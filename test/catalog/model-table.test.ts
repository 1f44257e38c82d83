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
