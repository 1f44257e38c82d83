import { describe, expect, it } from 'vitest';
import { Dictionary } from '../../src/catalog/model-columns.ts';

describe('Dictionary, where a column keeps each distinct string once', () => {
  it('gives each string one code, the same every time, across its growth', () => {
    const dictionary = new Dictionary();
    const strings = Array.from({ length: 5000 }, (_, i) => `author-${i % 2500}-${'x'.repeat(i % 7)}`);
    const codes = strings.map((value) => dictionary.code(value));
    const distinct = [...new Set(strings)];

    expect(dictionary.values).toEqual(distinct);
    expect(codes).toEqual(strings.map((value) => distinct.indexOf(value)));
    expect(distinct.map((value) => dictionary.codeOf(value))).toEqual(distinct.map((_, code) => code));
  });

  it('knows no code for a string it was never given, the empty string included', () => {
    const dictionary = new Dictionary();
    dictionary.code('a');
    expect(dictionary.codeOf('b')).toBe(-1);
    expect(dictionary.codeOf('')).toBe(-1);
    expect(dictionary.code('')).toBe(1);
    expect(dictionary.codeOf('')).toBe(1);
  });
});
