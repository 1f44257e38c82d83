import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Model } from '../../src/catalog/index.ts';
import { compileValidator } from '../../src/store/compiled-validator.ts';
import { modelRowSchema } from '../../src/store/snapshot-schema.ts';

const ROW: Model = {
  id: 'acme/chat-7b',
  author: 'acme',
  name: 'chat-7b',
  pipelineTag: 'text-generation',
  libraryName: 'transformers',
  tags: ['license:apache-2.0', 'en'],
  downloads: 1200,
  likes: 30,
  trendingScore: 1.5,
  createdAt: '2025-01-02T03:04:05.000Z',
  lastModified: null,
  gated: 'auto',
  private: false,
  parameterCount: 7e9,
  license: 'apache-2.0',
  languages: ['en'],
  baseModels: [{ relation: 'finetune', modelId: 'acme/base-7b' }],
  inputModalities: ['text'],
  outputModalities: ['text'],
  region: null,
  providers: [
    {
      provider: 'together',
      providerId: 'acme/chat-7b',
      status: 'live',
      task: 'conversational',
      details: {
        source: 'router',
        contextLength: 32_768,
        inputPerMillion: 0.2,
        outputPerMillion: 0,
        supportsTools: true,
        supportsStructuredOutput: null,
        firstTokenLatencyMs: 120,
        throughput: 80.5,
      },
    },
    { provider: 'hf-inference', providerId: null, status: 'staging', task: null },
  ],
  hubId: '0123456789abcdef01234567',
  foundBy: ['likes'],
  url: 'https://huggingface.co/acme/chat-7b',
};

type Path = (string | number)[];

/** A copy of ROW with the value at `path` replaced, or removed with `remove`. */
function changed(path: Path, value: unknown, remove = false): unknown {
  const copy = structuredClone(ROW) as unknown as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (remove) Reflect.deleteProperty(parent, last);
  else parent[last] = value;
  return copy;
}

const long = (length: number) => 'x'.repeat(length);
const DETAILS = ['providers', 0, 'details'];

/** Values around every bound and type of the row schema, valid and not. */
const VARIANTS: [what: string, value: unknown][] = [
  ['the row as is', ROW],
  ['no row', null],
  ['an array for a row', [ROW]],
  ['a string for a row', 'acme/chat-7b'],
  ['an extra key', changed(['extra'], 1)],
  ['no id', changed(['id'], undefined, true)],
  ['an empty id', changed(['id'], '')],
  ['an id of 512 characters', changed(['id'], long(512))],
  ['an id of 513 characters', changed(['id'], long(513))],
  ['a number for an id', changed(['id'], 7)],
  ['a null author', changed(['author'], null)],
  ['an absent author', changed(['author'], undefined, true)],
  ['an author of 513 characters', changed(['author'], long(513))],
  ['a url of 4,096 characters', changed(['url'], long(4096))],
  ['a url of 4,097 characters', changed(['url'], long(4097))],
  ['a number among the tags', changed(['tags', 1], 3)],
  ['a tag of 513 characters', changed(['tags', 0], long(513))],
  [
    '10,000 tags',
    changed(
      ['tags'],
      Array.from({ length: 10_000 }, () => 'a'),
    ),
  ],
  [
    '10,001 tags',
    changed(
      ['tags'],
      Array.from({ length: 10_001 }, () => 'a'),
    ),
  ],
  ['tags as an object', changed(['tags'], { 0: 'a', length: 1 })],
  ['downloads as a string', changed(['downloads'], '1200')],
  ['negative fractional likes', changed(['likes'], -2.5)],
  ['infinite downloads', changed(['downloads'], Number.POSITIVE_INFINITY)],
  ['NaN likes', changed(['likes'], Number.NaN)],
  ['a null trending score', changed(['trendingScore'], null)],
  ['gated manual', changed(['gated'], 'manual')],
  ['gated null', changed(['gated'], null)],
  ['gated true', changed(['gated'], true)],
  ['gated with another word', changed(['gated'], 'open')],
  ['private as 0', changed(['private'], 0)],
  ['a base model without relation', changed(['baseModels', 0, 'relation'], null)],
  ['a base model of an unknown relation', changed(['baseModels', 0, 'relation'], 'fork')],
  ['a base model without id', changed(['baseModels', 0, 'modelId'], undefined, true)],
  [
    'every modality',
    changed(['inputModalities'], ['text', 'image', 'audio', 'video', 'tabular', '3d', 'embedding', 'scores']),
  ],
  [
    'nine modalities',
    changed(['inputModalities'], ['text', 'image', 'audio', 'video', 'tabular', '3d', 'embedding', 'scores', 'text']),
  ],
  ['an unknown modality', changed(['outputModalities'], ['smell'])],
  ['a mapping without details', changed(DETAILS, undefined, true)],
  ['a mapping with null details', changed(DETAILS, null)],
  ['a mapping without status', changed(['providers', 0, 'status'], undefined, true)],
  ['a context length of 2^31 - 1', changed([...DETAILS, 'contextLength'], 2 ** 31 - 1)],
  ['a context length of 2^31', changed([...DETAILS, 'contextLength'], 2 ** 31)],
  ['a context length of 0', changed([...DETAILS, 'contextLength'], 0)],
  ['a fractional context length', changed([...DETAILS, 'contextLength'], 1.5)],
  ['a null context length', changed([...DETAILS, 'contextLength'], null)],
  ['a price of 0', changed([...DETAILS, 'inputPerMillion'], 0)],
  ['a negative price', changed([...DETAILS, 'inputPerMillion'], -0.01)],
  ['the largest price', changed([...DETAILS, 'outputPerMillion'], Number.MAX_VALUE)],
  ['an infinite throughput', changed([...DETAILS, 'throughput'], Number.POSITIVE_INFINITY)],
  ['an unknown source', changed([...DETAILS, 'source'], 'guess')],
  ['tools as a string', changed([...DETAILS, 'supportsTools'], 'yes')],
  [
    '1,000 mappings',
    changed(
      ['providers'],
      Array.from({ length: 1000 }, () => ROW.providers[1]),
    ),
  ],
  [
    '1,001 mappings',
    changed(
      ['providers'],
      Array.from({ length: 1001 }, () => ROW.providers[1]),
    ),
  ],
  ['a null hub id', changed(['hubId'], null)],
  ['foundBy with a null', changed(['foundBy'], [null])],
];

describe('a validator compiled from a zod schema', () => {
  const isRow = compileValidator(modelRowSchema);

  it.each(VARIANTS)('agrees with zod on %s', (_, value) => {
    expect(isRow(value)).toBe(modelRowSchema.safeParse(value).success);
  });

  it('accepts the valid variants and refuses the others (so the comparison above tests both ways)', () => {
    const verdicts = VARIANTS.map(([, value]) => isRow(value));
    expect(verdicts.filter(Boolean).length).toBeGreaterThan(10);
    expect(verdicts.filter((verdict) => !verdict).length).toBeGreaterThan(20);
  });

  describe('in a process that refuses code generation from strings', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it('validates with zod itself, giving the same verdicts', () => {
      vi.stubGlobal('Function', function refuse() {
        throw new EvalError('Code generation from strings disallowed for this context');
      });
      const fallback = compileValidator(modelRowSchema);
      for (const [, value] of VARIANTS) expect(fallback(value)).toBe(modelRowSchema.safeParse(value).success);
    });
  });

  it('refuses to compile a schema that JSON Schema cannot say, rather than validate less than zod', () => {
    expect(() => compileValidator(z.object({ id: z.string().transform((id) => id.length) }))).toThrow();
    expect(() => compileValidator(z.object({ at: z.date() }))).toThrow();
    expect(() => compileValidator(z.object({ id: z.string().refine((id) => id.includes('/')) }))).toThrow();
  });
});
