import type { CatalogSnapshot } from './snapshot.ts';
import { compareIds } from './model.ts';
import type { ModelTable } from './model-table.ts';
import type { CatalogUpdate, FieldChange, ModelChangeDraft, ModelChangeKind } from './model-change.ts';

/**
 * The fields a gateway routes on, as strings, keyed by field name; an absent field has no key. Provider mappings
 * appear as `providers.<provider>.status`, `.providerId` and `.task`.
 */
export type RoutingFields = Readonly<Record<string, string>>;

/**
 * Ids that an incomplete snapshot did not show although an earlier one did, with their fields as last seen. Such an id
 * may still be served: it is reported neither as removed nor, when it shows up again, as added.
 */
export type UnconfirmedIds = ReadonlyMap<string, RoutingFields>;

export interface SnapshotDiff {
  /** In `modelId` order. */
  changes: ModelChangeDraft[];
  unconfirmed: Map<string, RoutingFields>;
}

const SCALAR_FIELDS = ['pipelineTag', 'libraryName', 'gated', 'private', 'lastModified'] as const;
const MAPPING_FIELDS = ['status', 'providerId', 'task'] as const;
/** The table's `gated` codes (0 not gated, 1 `auto`, 2 `manual`) in the Hub's own spelling of the field. */
const GATED_VALUES = ['false', 'auto', 'manual'] as const;

/**
 * Compares the snapshot that replaces the served one with it. An id only in `next` is ADDED; an id only in `previous`
 * is REMOVED when `next` is complete, and otherwise joins `unconfirmed`; a routing field that differs makes UPDATED.
 * Download and like counts move on every fetch and are not changes.
 */
export function diffSnapshots(
  previous: ModelTable,
  next: ModelTable,
  nextComplete: boolean,
  unconfirmed: UnconfirmedIds = new Map(),
): SnapshotDiff {
  const limbo = new Map(unconfirmed);
  const changes: ModelChangeDraft[] = [];
  const record = (kind: ModelChangeKind, modelId: string, before: RoutingFields, after: RoutingFields) => {
    const fields = fieldChanges(before, after);
    if (kind !== 'UPDATED' || fields.length > 0) changes.push({ kind, modelId, fields });
  };
  const missing = (id: string, fields: RoutingFields) => {
    if (nextComplete) record('REMOVED', id, fields, {});
    else limbo.set(id, fields);
  };
  let i = 0;
  let j = 0;
  while (i < previous.size || j < next.size) {
    const order = i >= previous.size ? 1 : j >= next.size ? -1 : compareIds(previous.ids[i]!, next.ids[j]!);
    const id = order > 0 ? next.ids[j]! : previous.ids[i]!;
    const lastSeen = limbo.get(id);
    limbo.delete(id);
    if (order === 0) {
      if (rowsMayDiffer(previous, i, next, j)) {
        record('UPDATED', id, routingFields(previous, i), routingFields(next, j));
      }
    } else if (order < 0) {
      missing(id, routingFields(previous, i));
    } else {
      record(lastSeen ? 'UPDATED' : 'ADDED', id, lastSeen ?? {}, routingFields(next, j));
    }
    if (order <= 0) i++;
    if (order >= 0) j++;
  }
  return settleUnconfirmed(limbo, nextComplete, changes);
}

/**
 * What is left unconfirmed after the walk is held by neither snapshot: a complete snapshot proves those ids removed;
 * otherwise they stay unconfirmed.
 */
function settleUnconfirmed(
  limbo: Map<string, RoutingFields>,
  nextComplete: boolean,
  changes: ModelChangeDraft[],
): SnapshotDiff {
  if (nextComplete) {
    for (const [id, fields] of limbo) changes.push({ kind: 'REMOVED', modelId: id, fields: fieldChanges(fields, {}) });
    limbo.clear();
  }
  changes.sort((a, b) => compareIds(a.modelId, b.modelId));
  return { changes, unconfirmed: limbo };
}

/** The routing fields of the model in `row`. */
export function routingFields(table: ModelTable, row: number): RoutingFields {
  const fields: Record<string, string> = {};
  const put = (field: string, value: string | null) => {
    if (value !== null) fields[field] = value;
  };
  put('pipelineTag', table.value('pipelineTag', table.pipelineTag[row]!));
  put('libraryName', table.value('libraryName', table.libraryName[row]!));
  put('gated', GATED_VALUES[table.gated[row]!] ?? null);
  put('private', table.private[row] === 1 ? 'true' : 'false');
  put('lastModified', isoOrNull(table.lastModified[row]!));
  const seen = new Map<string, number>();
  for (const mapping of table.mappings(row)) {
    // A provider listed twice keeps both mappings apart rather than letting the second overwrite the first.
    const count = (seen.get(mapping.provider) ?? 0) + 1;
    seen.set(mapping.provider, count);
    const prefix = `providers.${mapping.provider}${count > 1 ? `#${count}` : ''}`;
    put(`${prefix}.status`, mapping.status);
    put(`${prefix}.providerId`, mapping.providerId);
    put(`${prefix}.task`, mapping.task);
  }
  return fields;
}

/** Every field whose value differs, scalar fields first, then each provider's mapping fields by provider. */
export function fieldChanges(before: RoutingFields, after: RoutingFields): FieldChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compareFieldNames);
  return names
    .filter((field) => before[field] !== after[field])
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}

function compareFieldNames(a: string, b: string): number {
  const rank = (name: string) => {
    const scalar = (SCALAR_FIELDS as readonly string[]).indexOf(name);
    if (scalar >= 0) return { group: '', position: scalar };
    const dot = name.lastIndexOf('.');
    return { group: name.slice(0, dot), position: (MAPPING_FIELDS as readonly string[]).indexOf(name.slice(dot + 1)) };
  };
  const ra = rank(a);
  const rb = rank(b);
  return ra.group === rb.group ? ra.position - rb.position : compareIds(ra.group, rb.group);
}

/**
 * A cheap column-by-column check that lets most unchanged rows skip building their fields; mappings listed in another
 * order pass it, and `fieldChanges` then finds no difference.
 */
function rowsMayDiffer(a: ModelTable, row: number, b: ModelTable, other: number): boolean {
  if (a.value('pipelineTag', a.pipelineTag[row]!) !== b.value('pipelineTag', b.pipelineTag[other]!)) return true;
  if (a.value('libraryName', a.libraryName[row]!) !== b.value('libraryName', b.libraryName[other]!)) return true;
  if (a.gated[row] !== b.gated[other] || a.private[row] !== b.private[other]) return true;
  if (!Object.is(a.lastModified[row], b.lastModified[other])) return true;
  const before = a.mappings(row);
  const after = b.mappings(other);
  return (
    before.length !== after.length ||
    before.some(
      (mapping, k) =>
        mapping.provider !== after[k]!.provider ||
        mapping.status !== after[k]!.status ||
        mapping.providerId !== after[k]!.providerId ||
        mapping.task !== after[k]!.task,
    )
  );
}

function isoOrNull(ms: number): string | null {
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export interface Replacement {
  /** The snapshot served before; null when there is none to compare with. */
  previous: CatalogSnapshot | null;
  next: CatalogSnapshot;
  unconfirmed: UnconfirmedIds;
  detectedAt: string;
}

/**
 * What a replacement of the served snapshot means for the feed: its summary and changes (none for a baseline), and
 * the ids that stay unconfirmed afterwards.
 */
export function describeReplacement({ previous, next, unconfirmed, detectedAt }: Replacement): {
  update: CatalogUpdate;
  unconfirmed: Map<string, RoutingFields>;
} {
  const diff = previous
    ? diffSnapshots(previous.models, next.models, next.report.complete, unconfirmed)
    : { changes: [], unconfirmed: new Map<string, RoutingFields>() };
  const count = (kind: ModelChangeKind) => diff.changes.filter((change) => change.kind === kind).length;
  return {
    update: {
      snapshot: {
        id: next.id,
        fetchedAt: next.fetchedAt,
        detectedAt,
        size: next.models.size,
        complete: next.report.complete,
        previousId: previous?.id ?? null,
        baseline: previous === null,
        added: count('ADDED'),
        removed: count('REMOVED'),
        updated: count('UPDATED'),
        unconfirmed: diff.unconfirmed.size,
      },
      changes: diff.changes.map((change) => ({ ...change, detectedAt, snapshotId: next.id })),
    },
    unconfirmed: diff.unconfirmed,
  };
}
