import { describe, expect, it } from 'vitest';
import { ModelTable } from '../../src/catalog/index.ts';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  pageModels,
  type CatalogView,
  type ModelFilter,
  type ModelOrder,
  type ModelPage,
} from '../../src/query/index.ts';
import { DOWNLOADS_DESC, FIXTURE, FIXTURE_BAR, FIXTURE_VIEW, manyModels } from './fixture.ts';
import { queryInputErrorOf } from './helpers.ts';

const view = FIXTURE_VIEW;
const bar = FIXTURE_BAR;

/** Follows endCursor from the first page to the last, checking each page's own invariants. */
function walk(
  filter: ModelFilter | null,
  orderBy: ModelOrder | null,
  first: number,
): { ids: string[]; pages: ModelPage[] } {
  const pages: ModelPage[] = [];
  let after: string | null = null;
  for (;;) {
    const page = pageModels(view, { filter, orderBy, first, after }, bar);
    pages.push(page);
    expect(page.edges.length).toBeLessThanOrEqual(first);
    expect(page.nodes).toEqual(page.edges.map((edge) => edge.node));
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    if (!page.pageInfo.hasNextPage) break;
    expect(page.edges).toHaveLength(first);
    after = page.pageInfo.endCursor;
    expect(pages.length).toBeLessThan(100);
  }
  return { ids: pages.flatMap((page) => page.nodes.map((model) => model.id)), pages };
}

describe('walking pages with after', () => {
  const cases: { name: string; filter: ModelFilter | null; orderBy: ModelOrder | null; expected: string[] }[] = [
    {
      name: 'no filter, default order',
      filter: null,
      orderBy: null,
      expected: DOWNLOADS_DESC,
    },
    {
      name: 'text-generation models by likes ascending',
      filter: { pipelineTags: ['text-generation'] },
      orderBy: { field: 'LIKES', direction: 'ASC' },
      expected: [
        'mistralai/Mistral-7B-Instruct-v0.3',
        'Qwen/Qwen2.5-7B-Instruct',
        'google/gemma-2-9b-it',
        'Qwen/Qwen2.5-Coder-32B-Instruct',
        'meta-llama/Llama-3.1-8B-Instruct',
        'boundary/exact-bar',
        'meta-llama/Llama-3.3-70B-Instruct',
        'microsoft/phi-4',
        'Qwen/QwQ-32B',
        'private-org/internal-llm',
        'deepseek-ai/DeepSeek-R1',
      ],
    },
    {
      name: 'quality models by trending score descending',
      filter: { quality: true },
      orderBy: { field: 'TRENDING_SCORE', direction: 'DESC' },
      expected: [
        'deepseek-ai/DeepSeek-R1',
        'black-forest-labs/FLUX.1-dev',
        'Qwen/QwQ-32B',
        'meta-llama/Llama-3.3-70B-Instruct',
        'microsoft/phi-4',
        'meta-llama/Llama-3.1-8B-Instruct',
        'openai/whisper-large-v3',
        'Qwen/Qwen2.5-Coder-32B-Instruct',
        'stabilityai/stable-diffusion-xl-base-1.0',
      ],
    },
  ];

  for (const { name, filter, orderBy, expected } of cases) {
    for (const first of [1, 3, 7]) {
      it(`returns each of the ${expected.length} matches exactly once, in order, for ${name} at ${first} per page`, () => {
        const { ids, pages } = walk(filter, orderBy, first);
        expect(ids).toEqual(expected);
        expect(pages).toHaveLength(Math.max(1, Math.ceil(expected.length / first)));
        for (const page of pages) expect(page.totalCount).toBe(expected.length);
      });
    }
  }

  it('returns an empty last page after the final cursor', () => {
    const all = pageModels(view, { first: 500 }, bar);
    const page = pageModels(view, { first: 5, after: all.pageInfo.endCursor }, bar);
    expect(page.edges).toEqual([]);
    expect(page.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
    expect(page.totalCount).toBe(20);
  });

  it('reports an empty connection when nothing matches', () => {
    const page = pageModels(view, { filter: { search: 'no such model' } }, bar);
    expect(page).toEqual({
      edges: [],
      nodes: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      totalCount: 0,
    });
  });

  it('issues opaque base64url cursors', () => {
    for (const edge of pageModels(view, { first: 20 }, bar).edges) expect(edge.cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('resumes from a cursor with a fresh view object of the same snapshot', () => {
    const firstPage = pageModels(view, { first: 2 }, bar);
    const again = pageModels(
      { snapshotId: 'snap-1', models: ModelTable.from(FIXTURE) },
      { first: 2, after: firstPage.pageInfo.endCursor },
      bar,
    );
    expect(again.nodes.map((model) => model.id)).toEqual(['deepseek-ai/DeepSeek-R1', 'Qwen/Qwen2.5-7B-Instruct']);
  });
});

describe('page size', () => {
  const large: CatalogView = { snapshotId: 'bulk-1', models: ModelTable.from(manyModels(MAX_PAGE_SIZE + 1)) };

  it(`defaults to ${DEFAULT_PAGE_SIZE}`, () => {
    expect(DEFAULT_PAGE_SIZE).toBe(50);
    const page = pageModels(large, {}, bar);
    expect(page.edges).toHaveLength(50);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.totalCount).toBe(501);
  });

  it(`allows up to ${MAX_PAGE_SIZE}, leaving the last model for the next page`, () => {
    expect(MAX_PAGE_SIZE).toBe(500);
    const page = pageModels(large, { first: 500 }, bar);
    expect(page.edges).toHaveLength(500);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const rest = pageModels(large, { first: 500, after: page.pageInfo.endCursor }, bar);
    expect(rest.nodes.map((model) => model.id)).toEqual(['bulk/model-00000']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('allows a page of one', () => {
    expect(pageModels(view, { first: 1 }, bar).nodes.map((model) => model.id)).toEqual(['private-org/internal-llm']);
  });

  for (const first of [0, -1, 501, 2.5]) {
    it(`refuses first = ${first} as BAD_USER_INPUT on first`, () => {
      const error = queryInputErrorOf(() => pageModels(view, { first }, bar));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.argument).toBe('first');
      expect(error.message).toBe(`first must be between 1 and 500, got ${first}`);
    });
  }
});

describe('cursor errors', () => {
  const cursor = pageModels(view, { first: 3 }, bar).pageInfo.endCursor!;

  it('refuses a cursor from another snapshot as STALE_CURSOR, naming both snapshots', () => {
    const next: CatalogView = { snapshotId: 'snap-2', models: ModelTable.from(FIXTURE.slice(0, 10)) };
    const error = queryInputErrorOf(() => pageModels(next, { first: 3, after: cursor }, bar));
    expect(error.code).toBe('STALE_CURSOR');
    expect(error.argument).toBe('after');
    expect(error.message).toBe(
      'cursor belongs to catalog snapshot snap-1; the catalog is now snap-2; start again without `after`',
    );
  });

  it('refuses a cursor issued for another order as INVALID_CURSOR', () => {
    const error = queryInputErrorOf(() =>
      pageModels(view, { first: 3, after: cursor, orderBy: { field: 'LIKES', direction: 'DESC' } }, bar),
    );
    expect(error.code).toBe('INVALID_CURSOR');
    expect(error.argument).toBe('after');
    expect(error.message).toContain('DOWNLOADS DESC');
    expect(error.message).toContain('LIKES DESC');
  });

  it('refuses a cursor of the same field in the other direction', () => {
    const error = queryInputErrorOf(() =>
      pageModels(view, { after: cursor, orderBy: { field: 'DOWNLOADS', direction: 'ASC' } }, bar),
    );
    expect(error.code).toBe('INVALID_CURSOR');
  });

  const asBase64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
  const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
  const garbage: [string, string][] = [
    ['an empty string', ''],
    ['characters outside base64url', 'not a cursor!'],
    ['base64url of plain text', asBase64url('hello')],
    ['JSON of the wrong shape', asBase64url('{"s":"snap-1"}')],
    ['a negative position', asBase64url(JSON.stringify({ ...decoded, p: -1 }))],
    ['a fractional position', asBase64url(JSON.stringify({ ...decoded, p: 1.5 }))],
    ['a position past the end of the snapshot', asBase64url(JSON.stringify({ ...decoded, p: FIXTURE.length }))],
  ];
  for (const [what, after] of garbage) {
    it(`refuses ${what} as INVALID_CURSOR`, () => {
      const error = queryInputErrorOf(() => pageModels(view, { after }, bar));
      expect(error.code).toBe('INVALID_CURSOR');
      expect(error.argument).toBe('after');
    });
  }
});
