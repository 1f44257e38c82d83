import { cell, text } from '@observablehq/plot';
import { mountChart } from './chart-frame.ts';
import { dataTable, h, scrollable } from './dom.ts';
import { formatCount, formatPercent } from './format.ts';
import type { SortOverlap } from './report.ts';

/** A cell is a pair's overlap (either way round, or a sort with itself), without the GraphQL type name. */
type MatrixCell = Omit<SortOverlap, '__typename'>;

/**
 * Pairwise overlaps as a matrix: each cell shows how many models two sorts share, shaded and hovered for their
 * Jaccard index; the diagonal is a sort's own size. A table below gives every pair's figures for keyboards and
 * screen readers.
 */
export function renderOverlapMatrix(container: HTMLElement, title: string, overlaps: readonly SortOverlap[]): void {
  const sorts = sortsOf(overlaps);
  const cells = matrixCells(sorts, overlaps);
  const chart = h('div', { class: 'chart-box matrix' });
  container.replaceChildren(
    h('h3', {}, title),
    h('div', { class: 'columns' }, chart, scrollable(pairsTable(title, overlaps))),
  );
  mountChart(chart, (width) => {
    const labelWidth = Math.min(110, width / 4);
    return {
      ariaLabel: `${title}: models shared by each pair of sorts`,
      width,
      height: Math.min(width - labelWidth, 60 * sorts.length) + 90,
      marginLeft: labelWidth,
      marginBottom: 80,
      x: { domain: sorts, label: null, tickRotate: -35 },
      y: { domain: sorts, label: null },
      color: { type: 'linear', domain: [0, 1], scheme: 'blues' },
      marks: [
        cell(cells, {
          x: 'a',
          y: 'b',
          fill: 'jaccard',
          inset: 1,
          ariaLabel: (c: MatrixCell) => `${c.a} × ${c.b}: ${formatCount(c.shared)} shared`,
          title: describe,
          tip: true,
        }),
        text(cells, {
          x: 'a',
          y: 'b',
          text: (c: MatrixCell) => formatCount(c.shared),
          fill: (c: MatrixCell) => (c.jaccard > 0.5 ? 'white' : 'black'),
        }),
      ],
    };
  });
}

function describe(c: MatrixCell): string {
  if (c.a === c.b) return `${c.a}\n${formatCount(c.shared)} models`;
  return (
    `${c.a} × ${c.b}\nshared ${formatCount(c.shared)}\nonly ${c.a} ${formatCount(c.onlyA)}\n` +
    `only ${c.b} ${formatCount(c.onlyB)}\nJaccard ${formatPercent(c.jaccard)}`
  );
}

/** The sorts in the order the overlaps first name them, which is the report's order. */
function sortsOf(overlaps: readonly SortOverlap[]): string[] {
  return [...new Set(overlaps.flatMap((overlap) => [overlap.a, overlap.b]))];
}

/** Both halves of the symmetric matrix, and the diagonal: a sort overlaps itself entirely. */
function matrixCells(sorts: string[], overlaps: readonly SortOverlap[]): MatrixCell[] {
  const sizes = new Map<string, number>();
  for (const overlap of overlaps) {
    sizes.set(overlap.a, overlap.shared + overlap.onlyA);
    sizes.set(overlap.b, overlap.shared + overlap.onlyB);
  }
  const diagonal = sorts.map((sort) => {
    const size = sizes.get(sort) ?? 0;
    return { a: sort, b: sort, shared: size, onlyA: 0, onlyB: 0, jaccard: 1 };
  });
  const mirrored = overlaps.map((o) => ({
    a: o.b,
    b: o.a,
    shared: o.shared,
    onlyA: o.onlyB,
    onlyB: o.onlyA,
    jaccard: o.jaccard,
  }));
  return [...diagonal, ...overlaps.map((o) => ({ ...o })), ...mirrored];
}

function pairsTable(title: string, overlaps: readonly SortOverlap[]): HTMLTableElement {
  return dataTable(
    `${title}, by pair`,
    [
      { header: 'Pair', cell: (o) => `${o.a} × ${o.b}` },
      { header: 'Shared', cell: (o) => formatCount(o.shared), numeric: true },
      { header: 'Only first', cell: (o) => formatCount(o.onlyA), numeric: true },
      { header: 'Only second', cell: (o) => formatCount(o.onlyB), numeric: true },
      { header: 'Jaccard', cell: (o) => formatPercent(o.jaccard), numeric: true },
    ],
    overlaps,
  );
}
