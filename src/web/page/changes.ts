import { RecentChangesDocument, SnapshotsDocument } from '../../../schema/generated/graphql.ts';
import { ApiError, request } from './api.ts';
import { changeTable } from './change-list.ts';
import { h, scrollable } from './dom.ts';
import { formatCount, formatInstant } from './format.ts';
import { renderSnapshotHistory, type SnapshotSummary } from './snapshot-history.ts';

/** Snapshots charted: a day of refreshes every hour and then some, few enough to label each one. */
const SNAPSHOTS_SHOWN = 30;
/** Changes listed; the API pages through the rest (and `hubcat changes` prints them). */
const CHANGES_SHOWN = 50;

/**
 * The catalog's history: its snapshots' sizes and changes, and the changes of the newest snapshot that changed
 * something. Hidden while no snapshot is recorded; with the baseline alone, it says why there is nothing to compare.
 */
export async function showChanges(section: HTMLElement, body: HTMLElement): Promise<void> {
  // Null only beside an error, which `request` has thrown.
  const snapshots = (await request(SnapshotsDocument, { first: SNAPSHOTS_SHOWN })).snapshots ?? [];
  section.hidden = snapshots.length === 0;
  const [newest] = snapshots;
  if (newest === undefined) return;
  if (snapshots.length === 1) {
    body.replaceChildren(baselineNote(newest));
    return;
  }
  const changed = snapshots.findIndex((snapshot) => snapshot.added + snapshot.removed + snapshot.updated > 0);
  const history = h('div', {});
  body.replaceChildren(
    h('p', { class: 'lede' }, latestNote(newest)),
    history,
    changed === -1
      ? h('p', { class: 'note' }, `No model changed across the ${snapshots.length} snapshots kept.`)
      : await latestChanges(snapshots[changed]!, snapshots[changed + 1] ?? null),
  );
  renderSnapshotHistory(history, snapshots);
}

const latestNote = (newest: SnapshotSummary): string =>
  `Latest snapshot ${newest.id}, detected ${formatInstant(newest.detectedAt)}: ${formatCount(newest.size)} models.`;

function baselineNote(baseline: SnapshotSummary): HTMLElement {
  return h(
    'p',
    { class: 'note' },
    `Only the baseline snapshot so far (${baseline.id}, ${formatCount(baseline.size)} models, detected ` +
      `${formatInstant(baseline.detectedAt)}): there is nothing to compare it with yet. Each later refresh is ` +
      'compared with the one before, and what it added, removed or updated appears here, live.',
  );
}

/** The changes `snapshot` revealed: those detected after the snapshot before it. */
async function latestChanges(snapshot: SnapshotSummary, before: SnapshotSummary | null): Promise<HTMLElement> {
  const { changes } = await request(RecentChangesDocument, { since: before?.detectedAt ?? null, first: CHANGES_SHOWN });
  if (!changes) throw new ApiError('the change history answered nothing', null);
  const shown = changes.nodes.length;
  const caption =
    `Latest changes, of snapshot ${snapshot.id}` +
    (changes.totalCount > shown ? ` (first ${formatCount(shown)} of ${formatCount(changes.totalCount)})` : '');
  return h('div', {}, h('h3', {}, 'Latest changes'), scrollable(changeTable(caption, changes.nodes)));
}
