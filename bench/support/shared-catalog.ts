import {
  isServedBy,
  ModelTable,
  normalizeHubItem,
  type CatalogSnapshot,
  type FetchReport,
  type Model,
} from '../../src/catalog/index.ts';
import { generateDataset } from '../../src/emulator/index.ts';
import { hubModelItemSchema } from '../../src/hub/index.ts';
import { catalogKeys, type CatalogKeys } from '../../src/store/index.ts';
import { PROVIDER } from './fetch.ts';

/** The catalog the benchmark's writer and replica share; the upstream is a name only, nothing is fetched from it. */
export function benchCatalogKeys(): CatalogKeys {
  return catalogKeys({ upstream: 'bench://shared-snapshots', provider: PROVIDER, strategy: 'auto', sorts: ['likes'] });
}

/**
 * The live models of a preset's generated population, normalized the way a crawl would leave them, without serving
 * them over HTTP: the rows a stored snapshot of that size holds.
 */
export function presetModels(preset: string): Model[] {
  return generateDataset(preset)
    .map((item) => ({
      ...normalizeHubItem(hubModelItemSchema.parse(item), 'https://huggingface.co'),
      foundBy: ['likes'],
    }))
    .filter((model) => isServedBy(model, [PROVIDER]));
}

/**
 * `models` repeated `times` over, every copy after the first under owners of its own (`r1-<owner>/…`), so a copy's
 * rows sort together, away from the original's, and a chunk holds as varied a mix as the original's chunks do:
 * compression is measured on rows of the same kind, not on near-duplicates side by side.
 */
export function* repeated(models: readonly Model[], times: number): Generator<Model> {
  for (let copy = 0; copy < times; copy++) {
    for (const model of models) {
      if (copy === 0) yield model;
      else {
        const id = `r${copy}-${model.id}`;
        // A copy's url names the copy, as every Hub model's url names itself (`<base>/<id>`).
        const url = `${model.url.slice(0, model.url.length - model.id.length)}${id}`;
        yield { ...model, id, author: model.author && `r${copy}-${model.author}`, url };
      }
    }
  }
}

/** A snapshot of `models` whose report is `template`'s, made to describe it (id, time, size). */
export function snapshotOf(models: Iterable<Model>, template: FetchReport, label: string): CatalogSnapshot {
  const table = ModelTable.from(models);
  const fetchedAt = new Date().toISOString();
  const id = `fetch-bench-${label}-${Date.now()}`;
  const report = { ...template, id, finishedAt: fetchedAt, uniqueModels: table.size };
  return { id, fetchedAt, models: table, report };
}
