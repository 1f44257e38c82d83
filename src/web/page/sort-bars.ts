import { barX, stackX } from '@observablehq/plot';
import { mountChart } from './chart-frame.ts';
import { dataTable, h, scrollable } from './dom.ts';
import { formatCount } from './format.ts';
import { COLORS, legend } from './palette.ts';
import type { FetchReport } from './report.ts';
import { fetchSteps, type FetchStep } from './sort-steps.ts';

const ADDED = 'new to the catalog';
const SEEN = 'already seen';

/** Per sort: returned, new and duplicates as stacked bars, with the same figures as a table. */
export function renderSortBars(container: HTMLElement, report: FetchReport): void {
  const steps = fetchSteps(report);
  const chart = h('div', { class: 'chart-box' });
  container.replaceChildren(
    h(
      'p',
      { class: 'lede' },
      'What each query returned: models new to the catalog, and models an earlier query had already found ' +
        `(${report.statedOrder}).`,
    ),
    legend([
      { label: ADDED, color: COLORS.added },
      { label: SEEN, color: COLORS.seen },
    ]),
    chart,
    scrollable(stepsTable(steps)),
  );
  const rows = steps.flatMap((step) => [
    { kind: ADDED, value: step.added, step },
    { kind: SEEN, value: step.duplicates, step },
  ]);
  mountChart(chart, (width) => ({
    ariaLabel: 'Models returned by each query, split into new and already seen',
    height: 50 + steps.length * 36,
    marginLeft: Math.min(170, width / 3),
    x: { label: 'models returned', grid: true, tickFormat: formatCount },
    y: { label: null, domain: steps.map((step) => step.label) },
    color: { domain: [ADDED, SEEN], range: [COLORS.added, COLORS.seen] },
    marks: [
      barX(
        rows,
        stackX({
          y: (row: (typeof rows)[number]) => row.step.label,
          x: 'value',
          fill: 'kind',
          order: [ADDED, SEEN],
          inset: 0.5,
          title: ({ step }: (typeof rows)[number]) => describeStep(step),
          tip: true,
        }),
      ),
    ],
  }));
}

const describeStep = (step: FetchStep): string =>
  `${step.label}\nreturned ${formatCount(step.returned)}\nnew ${formatCount(step.added)}\n` +
  `already seen ${formatCount(step.duplicates)}\ncatalog after it ${formatCount(step.cumulativeUnique)}`;

function stepsTable(steps: FetchStep[]): HTMLTableElement {
  return dataTable(
    'Per-sort counts',
    [
      { header: 'Sort', cell: (step) => step.label },
      { header: 'Pages', cell: (step) => (step.pages === null ? '—' : formatCount(step.pages)), numeric: true },
      { header: 'Returned', cell: (step) => formatCount(step.returned), numeric: true },
      { header: 'New', cell: (step) => formatCount(step.added), numeric: true },
      { header: 'Duplicates', cell: (step) => formatCount(step.duplicates), numeric: true },
      { header: 'Catalog after', cell: (step) => formatCount(step.cumulativeUnique), numeric: true },
      { header: 'Ended', cell: (step) => step.ending, wrap: true },
    ],
    steps,
  );
}
