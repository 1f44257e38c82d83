import { barY, dot, lineY, ruleY, stackY } from '@observablehq/plot';
import type { SnapshotsQuery } from '../../../schema/generated/graphql.ts';
import { mountChart } from './chart-frame.ts';
import { dataTable, h, scrollable } from './dom.ts';
import { formatCount, formatInstant } from './format.ts';
import { COLORS, legend } from './palette.ts';

export type SnapshotSummary = NonNullable<SnapshotsQuery['snapshots']>[number];

const KINDS = [
  { key: 'added', label: 'added', color: COLORS.added },
  { key: 'removed', label: 'removed', color: COLORS.capped },
  { key: 'updated', label: 'updated', color: COLORS.seen },
] as const;

/** `fetch-1a2b3c4d-…` → `1a2b3c4d`: enough to tell the snapshots of a chart apart. */
const shortId = (id: string): string => id.replace(/^fetch-/, '').slice(0, 8);

/** The snapshots kept, newest first: their size and added / removed / updated counts, as charts and a table. */
export function renderSnapshotHistory(container: HTMLElement, snapshots: readonly SnapshotSummary[]): void {
  const oldestFirst = [...snapshots].reverse();
  const sizeChart = h('div', { class: 'chart-box' });
  const changeChart = h('div', { class: 'chart-box' });
  container.replaceChildren(
    h(
      'div',
      { class: 'columns' },
      h('div', {}, h('h3', {}, 'Models in each snapshot'), sizeChart),
      h(
        'div',
        {},
        h('h3', {}, 'What each snapshot changed'),
        legend(KINDS.map(({ label, color }) => ({ label, color }))),
        changeChart,
      ),
    ),
    scrollable(snapshotTable(snapshots)),
  );
  const x = { label: 'snapshot', domain: oldestFirst.map((s) => s.id), tickFormat: shortId, tickRotate: -30 };
  mountChart(sizeChart, () => ({
    ariaLabel: 'Models in each snapshot, oldest first',
    height: 220,
    marginBottom: 50,
    x: { ...x, type: 'point', padding: 0.5 },
    // A few models apart, Plot ticks between whole numbers; a count of models has no fractional label.
    y: { label: 'models', grid: true, tickFormat: (n: number) => (Number.isInteger(n) ? formatCount(n) : '') },
    marks: [
      lineY(oldestFirst, { x: 'id', y: 'size', stroke: COLORS.fetch }),
      dot(oldestFirst, { x: 'id', y: 'size', fill: COLORS.fetch, title: describe, tip: true }),
    ],
  }));
  const rows = oldestFirst.flatMap((snapshot) =>
    KINDS.map(({ key, label }) => ({ snapshot, kind: label, n: snapshot[key] })),
  );
  mountChart(changeChart, () => ({
    ariaLabel: 'Models added, removed and updated by each snapshot, oldest first',
    height: 220,
    marginBottom: 50,
    x,
    y: { label: 'models changed', grid: true, tickFormat: formatCount },
    color: { domain: KINDS.map((kind) => kind.label), range: KINDS.map((kind) => kind.color) },
    marks: [
      barY(rows, stackY({ x: (row: (typeof rows)[number]) => row.snapshot.id, y: 'n', fill: 'kind', inset: 0.5 })),
      ruleY([0]),
    ],
  }));
}

const describe = (snapshot: SnapshotSummary): string =>
  `${snapshot.id}\n${formatInstant(snapshot.detectedAt)}\n${formatCount(snapshot.size)} models\n` +
  `+${formatCount(snapshot.added)} −${formatCount(snapshot.removed)} ~${formatCount(snapshot.updated)}`;

function snapshotTable(snapshots: readonly SnapshotSummary[]): HTMLTableElement {
  return dataTable(
    'Snapshots, newest first',
    [
      { header: 'Snapshot', cell: (s) => s.id, wrap: true },
      { header: 'Detected', cell: (s) => formatInstant(s.detectedAt) },
      { header: 'Models', cell: (s) => formatCount(s.size), numeric: true },
      { header: 'Added', cell: (s) => formatCount(s.added), numeric: true },
      { header: 'Removed', cell: (s) => formatCount(s.removed), numeric: true },
      { header: 'Updated', cell: (s) => formatCount(s.updated), numeric: true },
      { header: 'Unconfirmed', cell: (s) => formatCount(s.unconfirmed), numeric: true },
      { header: 'Complete', cell: (s) => `${s.complete ? 'yes' : 'no'}${s.baseline ? ', baseline' : ''}` },
    ],
    snapshots,
  );
}
