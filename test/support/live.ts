import { afterEach } from 'vitest';
import type { App } from '../../src/app/index.ts';
import {
  startEmulator,
  type EmulatedModel,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../src/emulator/index.ts';
import { ChangesDocument, type ChangesQuery, type ChangesQueryVariables } from '../../schema/generated/graphql.ts';
import { query } from './graphql.ts';

/**
 * Starts emulators that each test may evolve on its own (an evolution changes only the server it is applied to), and
 * closes them after each test.
 */
export function useFreshEmulators(): (options?: EmulatorOptions) => Promise<RunningEmulator> {
  const running: RunningEmulator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((emulator) => emulator.close()));
  });
  return async (options = {}) => {
    const emulator = await startEmulator({ preset: 'gateway-2025-10', ...options });
    running.push(emulator);
    return emulator;
  };
}

export interface ExpectedChange {
  kind: 'ADDED' | 'REMOVED' | 'UPDATED';
  modelId: string;
  fields: { field: string; before: string | null; after: string | null }[];
}

/**
 * The routing fields of an emulated repo, read from the Hub's own field names (not through hubcat's normalizer):
 * `gated` as the Hub spells it (false, auto, manual), a mapping's fields under `providers.<provider>.`.
 */
function hubRoutingFields(model: EmulatedModel): Record<string, string> {
  const fields: Record<string, string> = {
    gated: String(model.gated),
    private: String(model.private),
    lastModified: new Date(model.lastModified).toISOString(),
  };
  if (model.pipeline_tag !== undefined) fields.pipelineTag = model.pipeline_tag;
  if (model.library_name !== undefined) fields.libraryName = model.library_name;
  for (const mapping of model.inferenceProviderMapping) {
    fields[`providers.${mapping.provider}.status`] = mapping.status;
    fields[`providers.${mapping.provider}.providerId`] = mapping.providerId;
    fields[`providers.${mapping.provider}.task`] = mapping.task;
  }
  return fields;
}

const byField = (a: { field: string }, b: { field: string }) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0);

/**
 * What the feed must report between two populations of the emulator, for the models `servedBefore` and `servedAfter`
 * (the provider's served sets): every field compared as text, absent as null; fields sorted by name.
 */
export function expectedChanges(
  before: readonly EmulatedModel[],
  after: readonly EmulatedModel[],
  servedBefore: readonly string[],
  servedAfter: readonly string[],
): ExpectedChange[] {
  const old = new Map(before.map((model) => [model.id, hubRoutingFields(model)]));
  const now = new Map(after.map((model) => [model.id, hubRoutingFields(model)]));
  const wasServed = new Set(servedBefore);
  const isServed = new Set(servedAfter);
  const diff = (a: Record<string, string>, b: Record<string, string>) =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .filter((field) => a[field] !== b[field])
      .map((field) => ({ field, before: a[field] ?? null, after: b[field] ?? null }))
      .sort(byField);
  const changes: ExpectedChange[] = [];
  for (const id of new Set([...wasServed, ...isServed])) {
    const a = wasServed.has(id) ? old.get(id)! : {};
    const b = isServed.has(id) ? now.get(id)! : {};
    const fields = diff(a, b);
    const kind = !wasServed.has(id) ? 'ADDED' : !isServed.has(id) ? 'REMOVED' : 'UPDATED';
    if (kind !== 'UPDATED' || fields.length > 0) changes.push({ kind, modelId: id, fields });
  }
  return changes.sort((a, b) => (a.modelId < b.modelId ? -1 : 1));
}

export type FeedChange = NonNullable<ChangesQuery['changes']>['nodes'][number];

/** Every change of the feed through the Changes operation, following endCursor page by page. */
export async function readFeed(
  app: App,
  variables: Omit<ChangesQueryVariables, 'after'> = {},
): Promise<{ changes: FeedChange[]; pages: number; totalCount: number }> {
  const changes: FeedChange[] = [];
  let after: string | null | undefined = null;
  let pages = 0;
  let totalCount = 0;
  do {
    const page: ChangesQuery = await query(app, ChangesDocument, { first: 4, ...variables, after });
    pages++;
    const feed = page.changes!;
    totalCount = feed.totalCount;
    changes.push(...feed.nodes);
    after = feed.pageInfo.hasNextPage ? feed.pageInfo.endCursor : null;
  } while (after);
  return { changes, pages, totalCount };
}

/** A feed change in the form `expectedChanges` gives: fields sorted by name, no timestamps. */
export const comparable = (change: FeedChange): ExpectedChange => ({
  kind: change.kind,
  modelId: change.modelId,
  fields: change.fields
    .map(({ field, before, after }) => ({ field, before: before ?? null, after: after ?? null }))
    .sort(byField),
});
