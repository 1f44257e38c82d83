import { describe, expect, it } from 'vitest';
import { ModelTable } from '../../src/catalog/index.ts';
import { isCatalogPrepared, prepareCatalogInSteps, searchModels } from '../../src/query/index.ts';
import { buildSteps, packingSteps, type TextParts } from '../../src/query/text-build.ts';
import { IdSymbols } from '../../src/query/text-symbols.ts';
import { textPartsInThread } from '../../src/query/text-thread.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { catalogAtScale } from './generated-catalog.ts';
import { referenceMatches } from './reference.ts';

/** Past a 64th of the rows for the common substrings, and a few ids outside ASCII (see catalogAtScale). */
const MODELS = catalogAtScale(30_000, 31);
const BAR = { minDownloads: 0, minLikes: 0 };

function packed(ids: IdSymbols) {
  const packing = packingSteps(ids);
  for (const step of packing.steps) step();
  return packing.packed;
}

/**
 * The parts with each array as its type and bytes: compared as strings, where comparing the arrays element by element
 * took 20 to 40 s on a loaded machine, past the test's timeout.
 */
function comparable(parts: TextParts): unknown {
  const text = JSON.stringify(parts, (_, value: unknown) =>
    ArrayBuffer.isView(value)
      ? `${value.constructor.name} ${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}`
      : value,
  );
  return JSON.parse(text);
}

/** Every search over a prepared `table` (of MODELS) counts the ids a plain scan finds. */
function expectSearchesExact(table: ModelTable): void {
  const random = seededRandom(37);
  const needles = ['model-', '/', 'o', 'ÜNÏ', 'LINK', 'k', '\u212a'];
  for (let i = 0; i < 40; i++) {
    const id = MODELS[Math.floor(random() * MODELS.length)]!.id;
    const start = Math.floor(random() * id.length);
    needles.push(id.slice(start, start + 1 + (i % 8)));
  }
  for (const search of needles) {
    const expected = referenceMatches(MODELS, { search: search.toLowerCase() }, BAR).length;
    const page = searchModels({ snapshotId: 'prepared', models: table }, { filter: { search } }, BAR).page;
    expect(page.totalCount, search).toBe(expected);
  }
}

describe('preparing a snapshot, the search index built on a worker thread', () => {
  it('the thread builds the search index this thread would, array for array', async () => {
    const ids = new IdSymbols(ModelTable.from(MODELS).ids);
    const here = buildSteps(packed(ids));
    for (const step of here.steps) step();
    const expected = here.parts();
    expect(expected.patterns.length).toBeGreaterThan(0);
    expect(comparable(await textPartsInThread(packed(ids)))).toEqual(comparable(expected));
  });

  it('a prepared snapshot finds exactly the ids holding any needle', async () => {
    const table = ModelTable.from(MODELS);
    await prepareCatalogInSteps(table);
    expect(isCatalogPrepared(table)).toBe(true);
    expectSearchesExact(table);
  });

  it('a small catalog prepared through the thread, as a large one is, finds exactly the ids holding any needle', async () => {
    const table = ModelTable.from(MODELS);
    const threads: Promise<unknown>[] = [];
    const failures: unknown[] = [];
    await prepareCatalogInSteps(table, {
      threadRows: 0,
      textThread: (ids) => {
        const parts = textPartsInThread(ids);
        threads.push(parts);
        return parts;
      },
      onThreadFailed: (error) => failures.push(error),
    });
    expect(threads).toHaveLength(1);
    await expect(threads[0]).resolves.toBeDefined();
    expect(failures).toEqual([]);
    expect(isCatalogPrepared(table)).toBe(true);
    expectSearchesExact(table);
  });

  it('a thread that cannot start is reported, and the snapshot is prepared on this thread with the same answers', async () => {
    const table = ModelTable.from(MODELS);
    const failures: unknown[] = [];
    await prepareCatalogInSteps(table, {
      threadRows: 0,
      textThread: (ids) => textPartsInThread(ids, 'throw new Error("no thread here")'),
      onThreadFailed: (error) => failures.push(error),
    });
    expect(failures).toHaveLength(1);
    expect(String(failures[0])).toContain('no thread here');
    expect(isCatalogPrepared(table)).toBe(true);
    expectSearchesExact(table);
  });
});
