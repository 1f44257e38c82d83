import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/catalog/index.ts';
import { ModelSlots } from '../../src/query/model-slots.ts';

const modelOf = (row: number) => ({ id: `owner/model-${row}` }) as Model;

function counted(capacity: number) {
  const made: number[] = [];
  const slots = new ModelSlots(capacity, (row) => {
    made.push(row);
    return modelOf(row);
  });
  return { get: (row: number) => slots.get(row), made };
}

describe('ModelSlots', () => {
  it('gives each row its own model, made once while it is kept', () => {
    const { get, made } = counted(8);
    const rows = [3, 1000, 70_000, 3, 1000, 5];

    const ids = rows.map((row) => get(row).id);

    expect(ids).toEqual(rows.map((row) => modelOf(row).id));
    expect(get(3)).toBe(get(3));
    expect(made).toEqual([3, 1000, 70_000, 5]);
  });

  it('keeps every row used among the last `capacity` lookups, and makes again only what fell out', () => {
    const { get, made } = counted(100);
    const working = Array.from({ length: 100 }, (_, i) => i * 4096);
    for (let round = 0; round < 5; round++) for (const row of working) get(row);
    expect(made).toEqual(working);

    const others = Array.from({ length: 250 }, (_, i) => 1 + i * 3);
    for (const row of others) get(row);
    made.length = 0;
    for (const row of working) get(row);

    expect(made).toEqual(working);
  });
});
