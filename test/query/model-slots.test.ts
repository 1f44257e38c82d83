import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/catalog/index.ts';
import { ModelSlots } from '../../src/query/model-slots.ts';

const modelOf = (row: number) => ({ id: `owner/model-${row}` }) as Model;

describe('ModelSlots', () => {
  it('gives each row its own model, made once while the row keeps its slot, whichever rows share one', () => {
    const slots = new ModelSlots(4);
    const made: number[] = [];
    const get = (row: number) =>
      slots.get(row, () => {
        made.push(row);
        return modelOf(row);
      });

    const first = get(1);
    expect(get(1)).toBe(first);
    // Rows 1, 5 and 9 share a slot of four: each still gets its own model.
    expect([get(5).id, get(9).id, get(1).id, get(2).id]).toEqual([5, 9, 1, 2].map((row) => modelOf(row).id));
    expect(made).toEqual([1, 5, 9, 1, 2]);
  });

  it('refuses a capacity that is not a power of two', () => {
    expect(() => new ModelSlots(6)).toThrow(RangeError);
  });
});
