import { describe, expect, it } from 'vitest';
import {
  describeReplacement,
  diffSnapshots,
  ModelTable,
  type CatalogSnapshot,
  type FetchReport,
  type Model,
  type ProviderMapping,
} from '../../src/catalog/index.ts';
import { unlabelled } from '../support/unlabelled.ts';

const live = (task: string, id?: string): ProviderMapping => ({
  provider: 'hf-inference',
  providerId: id ?? null,
  status: 'live',
  task,
});

function model(id: string, fields: Partial<Model> = {}): Model {
  return {
    id,
    author: id.split('/')[0] ?? null,
    name: id.split('/')[1] ?? id,
    pipelineTag: 'text-generation',
    libraryName: 'transformers',
    tags: [],
    downloads: 100,
    likes: 10,
    trendingScore: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    lastModified: '2025-02-01T00:00:00.000Z',
    gated: null,
    private: false,
    parameterCount: null,
    ...unlabelled(),
    providers: [live('text-generation', id)],
    hubId: null,
    foundBy: ['likes'],
    url: `https://huggingface.co/${id}`,
    ...fields,
  };
}

const table = (...models: Model[]) => ModelTable.from(models);
const BASE = [model('a/one'), model('b/two'), model('c/three'), model('d/four')];

describe('the diff of a snapshot that replaces the served one', () => {
  it('reports an id only in the new snapshot as ADDED, with its routing fields as the after values', () => {
    const added = model('bb/new', { pipelineTag: 'translation', libraryName: null, gated: 'auto' });
    const { changes } = diffSnapshots(table(...BASE), table(...BASE, added), true);

    expect(changes).toEqual([
      {
        kind: 'ADDED',
        modelId: 'bb/new',
        fields: [
          { field: 'pipelineTag', before: null, after: 'translation' },
          { field: 'gated', before: null, after: 'auto' },
          { field: 'private', before: null, after: 'false' },
          { field: 'lastModified', before: null, after: '2025-02-01T00:00:00.000Z' },
          { field: 'providers.hf-inference.status', before: null, after: 'live' },
          { field: 'providers.hf-inference.providerId', before: null, after: 'bb/new' },
          { field: 'providers.hf-inference.task', before: null, after: 'text-generation' },
        ],
      },
    ]);
  });

  it('reports an id missing from a complete snapshot as REMOVED, with its last values as before', () => {
    const { changes, unconfirmed } = diffSnapshots(table(...BASE), table(BASE[0]!, BASE[2]!, BASE[3]!), true);

    expect(changes.map(({ kind, modelId }) => [kind, modelId])).toEqual([['REMOVED', 'b/two']]);
    expect(changes[0]!.fields.every((field) => field.after === null && field.before !== null)).toBe(true);
    expect(changes[0]!.fields.map((field) => field.field)).toContain('pipelineTag');
    expect(unconfirmed.size).toBe(0);
  });

  it('reports nothing for an id missing from an incomplete snapshot, and counts it as unconfirmed', () => {
    const { changes, unconfirmed } = diffSnapshots(table(...BASE), table(BASE[0]!, BASE[3]!), false);

    expect(changes).toEqual([]);
    expect([...unconfirmed.keys()]).toEqual(['b/two', 'c/three']);
  });

  it('does not call an unconfirmed id ADDED when it shows up again, and reports only what changed meanwhile', () => {
    const first = diffSnapshots(table(...BASE), table(BASE[0]!, BASE[3]!), false);
    const back = model('b/two', { pipelineTag: 'summarization' });
    const second = diffSnapshots(
      table(BASE[0]!, BASE[3]!),
      table(BASE[0]!, back, BASE[2]!, BASE[3]!),
      false,
      first.unconfirmed,
    );

    expect(second.changes).toEqual([
      {
        kind: 'UPDATED',
        modelId: 'b/two',
        fields: [{ field: 'pipelineTag', before: 'text-generation', after: 'summarization' }],
      },
    ]);
    expect(second.unconfirmed.size).toBe(0);
  });

  it('confirms an unconfirmed id as REMOVED once a complete snapshot lacks it', () => {
    const first = diffSnapshots(table(...BASE), table(BASE[0]!, BASE[3]!), false);
    const second = diffSnapshots(
      table(BASE[0]!, BASE[3]!),
      table(BASE[0]!, BASE[2]!, BASE[3]!),
      true,
      first.unconfirmed,
    );

    expect(second.changes.map(({ kind, modelId }) => [kind, modelId])).toEqual([['REMOVED', 'b/two']]);
    expect(second.changes[0]!.fields).toContainEqual({ field: 'pipelineTag', before: 'text-generation', after: null });
    expect(second.unconfirmed.size).toBe(0);
  });

  it('reports routing fields that changed as UPDATED, in a fixed order, and nothing for counts', () => {
    const next = [
      model('a/one', { downloads: 999_999, likes: 5000, trendingScore: 12 }),
      model('b/two', { gated: 'manual', lastModified: '2025-03-01T10:00:00.000Z' }),
      model('c/three', { private: true, libraryName: 'diffusers' }),
      model('d/four', { providers: [{ ...live('text-generation', 'd/four'), status: 'error' }] }),
    ];
    const { changes } = diffSnapshots(table(...BASE), table(...next), true);

    expect(changes).toEqual([
      {
        kind: 'UPDATED',
        modelId: 'b/two',
        fields: [
          { field: 'gated', before: 'false', after: 'manual' },
          { field: 'lastModified', before: '2025-02-01T00:00:00.000Z', after: '2025-03-01T10:00:00.000Z' },
        ],
      },
      {
        kind: 'UPDATED',
        modelId: 'c/three',
        fields: [
          { field: 'libraryName', before: 'transformers', after: 'diffusers' },
          { field: 'private', before: 'false', after: 'true' },
        ],
      },
      {
        kind: 'UPDATED',
        modelId: 'd/four',
        fields: [{ field: 'providers.hf-inference.status', before: 'live', after: 'error' }],
      },
    ]);
  });

  it('reports providers added and removed, and each mapping field by provider', () => {
    const together = { provider: 'together', providerId: 'x/one-turbo', status: 'staging', task: 'conversational' };
    const next = [
      model('a/one', { providers: [live('text-generation', 'a/one'), together] }),
      model('b/two', { providers: [] }),
      model('c/three', { providers: [{ ...live('text-generation', 'c/three-v2') }] }),
      BASE[3]!,
    ];
    const { changes } = diffSnapshots(table(...BASE), table(...next), true);

    expect(changes.map((change) => [change.modelId, change.fields])).toEqual([
      [
        'a/one',
        [
          { field: 'providers.together.status', before: null, after: 'staging' },
          { field: 'providers.together.providerId', before: null, after: 'x/one-turbo' },
          { field: 'providers.together.task', before: null, after: 'conversational' },
        ],
      ],
      [
        'b/two',
        [
          { field: 'providers.hf-inference.status', before: 'live', after: null },
          { field: 'providers.hf-inference.providerId', before: 'b/two', after: null },
          { field: 'providers.hf-inference.task', before: 'text-generation', after: null },
        ],
      ],
      ['c/three', [{ field: 'providers.hf-inference.providerId', before: 'c/three', after: 'c/three-v2' }]],
    ]);
  });

  it('sees no change when only the order of mappings differs', () => {
    const other = { provider: 'novita', providerId: 'n/one', status: 'live', task: 'conversational' };
    const before = table(model('a/one', { providers: [live('text-generation', 'a/one'), other] }));
    const after = table(model('a/one', { providers: [other, live('text-generation', 'a/one')] }));

    expect(diffSnapshots(before, after, true).changes).toEqual([]);
  });

  it('orders changes of every kind by model id', () => {
    const next = [model('0/first'), model('a/one', { pipelineTag: 'fill-mask' }), BASE[2]!, model('z/last')];
    const { changes } = diffSnapshots(table(...BASE), table(...next), true);

    expect(changes.map(({ kind, modelId }) => `${kind} ${modelId}`)).toEqual([
      'ADDED 0/first',
      'UPDATED a/one',
      'REMOVED b/two',
      'REMOVED d/four',
      'ADDED z/last',
    ]);
  });
});

describe('the summary of a replacement', () => {
  const snapshot = (id: string, models: Model[], complete: boolean): CatalogSnapshot => ({
    id,
    fetchedAt: '2026-01-01T00:00:00.000Z',
    models: table(...models),
    report: { complete } as FetchReport,
  });

  it('makes the first snapshot a baseline: no changes, however many models it holds', () => {
    const { update } = describeReplacement({
      previous: null,
      next: snapshot('s1', BASE, true),
      unconfirmed: new Map(),
      detectedAt: '2026-01-01T00:00:01.000Z',
    });

    expect(update).toEqual({
      snapshot: {
        id: 's1',
        fetchedAt: '2026-01-01T00:00:00.000Z',
        detectedAt: '2026-01-01T00:00:01.000Z',
        size: 4,
        complete: true,
        previousId: null,
        baseline: true,
        added: 0,
        removed: 0,
        updated: 0,
        unconfirmed: 0,
      },
      changes: [],
    });
  });

  it('counts each kind, and stamps every change with the snapshot and the detection time', () => {
    const next = [model('a/one', { gated: 'auto' }), BASE[1]!, model('e/five'), model('f/six')];
    const { update } = describeReplacement({
      previous: snapshot('s1', BASE, true),
      next: snapshot('s2', next, false),
      unconfirmed: new Map(),
      detectedAt: '2026-01-01T01:00:00.000Z',
    });

    expect(update.snapshot).toMatchObject({ previousId: 's1', baseline: false, added: 2, removed: 0, updated: 1 });
    expect(update.snapshot.unconfirmed).toBe(2);
    expect(update.changes.every((change) => change.snapshotId === 's2')).toBe(true);
    expect(update.changes.every((change) => change.detectedAt === '2026-01-01T01:00:00.000Z')).toBe(true);
  });
});
