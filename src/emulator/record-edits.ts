import type { EmulatedModel, EmulatedProviderMapping, MappingStatus } from './population.ts';
import type { Random } from './random.ts';

/** One listed field before and after an evolution, in the Hub's field names; `null` where the field is absent. */
export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** A record after an edit, with every listed field the edit changed. */
export interface Edit {
  readonly record: EmulatedModel;
  readonly fields: FieldChange[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The field name of one mapping's status in an evolution's ground truth. */
const mappingStatusField = (provider: string): string => `inferenceProviderMapping.${provider}.status`;

function change(field: string, before: unknown, after: unknown): FieldChange {
  return { field, before: before ?? null, after: after ?? null };
}

/**
 * A commit: the Hub's `lastModified` is the date of the last commit and `sha` its hash, so both move. Edits that are
 * not commits (repo settings such as gating, provider mappings, counts) leave them alone.
 */
function commit(record: Mutable<EmulatedModel>, before: EmulatedModel, at: number, random: Random): FieldChange[] {
  record.lastModified = new Date(at).toISOString();
  record.sha = random.hex(40);
  return [change('lastModified', before.lastModified, record.lastModified), change('sha', before.sha, record.sha)];
}

/** Gating is a repo setting, not a commit. */
export function setGated(model: EmulatedModel, gated: false | 'auto' | 'manual'): Edit {
  return { record: { ...model, gated }, fields: [change('gated', model.gated, gated)] };
}

/** The tags with `before`'s tag (if any) replaced by `after`'s, in place, or `after` added at `end`. */
function replaceTag(
  tags: readonly string[],
  before: string | undefined,
  after: string,
  end: 'first' | 'last',
): string[] {
  const at = before === undefined ? -1 : tags.indexOf(before);
  const replaced = at >= 0 ? tags.with(at, after) : end === 'first' ? [after, ...tags] : [...tags, after];
  return [...new Set(replaced)];
}

/** A new task in the model card's metadata: a commit, and the task tag follows the pipeline tag. */
export function setPipelineTag(model: EmulatedModel, task: string, at: number, random: Random): Edit {
  const tags = replaceTag(model.tags, model.pipeline_tag, task, 'last');
  const record: Mutable<EmulatedModel> = { ...model, tags, pipeline_tag: task };
  return {
    record,
    fields: [
      change('pipeline_tag', model.pipeline_tag, task),
      change('tags', model.tags, tags),
      ...commit(record, model, at, random),
    ],
  };
}

/** A new library in the model card's metadata: a commit, and the library tag follows. */
export function setLibrary(model: EmulatedModel, library: string, at: number, random: Random): Edit {
  const tags = replaceTag(model.tags, model.library_name, library, 'first');
  const record: Mutable<EmulatedModel> = { ...model, tags, library_name: library };
  return {
    record,
    fields: [
      change('library_name', model.library_name, library),
      change('tags', model.tags, tags),
      ...commit(record, model, at, random),
    ],
  };
}

/** A commit that changes no other listed field (new weights, a README edit). */
export function touch(model: EmulatedModel, at: number, random: Random): Edit {
  const record: Mutable<EmulatedModel> = { ...model };
  return { record, fields: commit(record, model, at, random) };
}

/** The mapping with a new status, keys in the Hub's order; a mapping that fails remembers what it was. */
function withStatus(mapping: EmulatedProviderMapping, status: MappingStatus): EmulatedProviderMapping {
  const next: Partial<Mutable<EmulatedProviderMapping>> = {
    _id: mapping._id,
    provider: mapping.provider,
    providerId: mapping.providerId,
    status,
  };
  if (status === 'error' && mapping.status !== 'error') next.previousStatus = mapping.status;
  next.task = mapping.task;
  if (mapping.performance) next.performance = mapping.performance;
  if (mapping.providerDetails) next.providerDetails = mapping.providerDetails;
  next.type = mapping.type;
  next.isModelAuthor = mapping.isModelAuthor;
  return next as EmulatedProviderMapping;
}

/** A provider mapping is not a commit: `lastModified` stays. */
export function setMappingStatus(model: EmulatedModel, provider: string, status: MappingStatus): Edit {
  const before = model.inferenceProviderMapping.find((m) => m.provider === provider);
  const inferenceProviderMapping = model.inferenceProviderMapping.map((m) =>
    m.provider === provider ? withStatus(m, status) : m,
  );
  return {
    record: { ...model, inferenceProviderMapping },
    fields: [change(mappingStatusField(provider), before?.status, status)],
  };
}

export function addMapping(model: EmulatedModel, mapping: EmulatedProviderMapping): Edit {
  return {
    record: { ...model, inferenceProviderMapping: [...model.inferenceProviderMapping, mapping] },
    fields: [change(mappingStatusField(mapping.provider), null, mapping.status)],
  };
}

export function removeMapping(model: EmulatedModel, provider: string): Edit {
  const before = model.inferenceProviderMapping.find((m) => m.provider === provider);
  return {
    record: { ...model, inferenceProviderMapping: model.inferenceProviderMapping.filter((m) => m !== before) },
    fields: [change(mappingStatusField(provider), before?.status, null)],
  };
}
