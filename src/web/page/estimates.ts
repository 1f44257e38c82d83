import { dot, ruleX, ruleY, text } from '@observablehq/plot';
import { mountChart } from './chart-frame.ts';
import { dataTable, h, scrollable } from './dom.ts';
import { formatCount, formatEstimate } from './format.ts';
import { COLORS } from './palette.ts';
import type { FetchReport } from './report.ts';

interface EstimateRow {
  label: string;
  estimate: number;
  low: number;
  high: number;
  from: string;
}

/** The estimates of the unseen total with their 95% intervals, each marked as the lower bound it is. */
export function renderEstimates(container: HTMLElement, report: FetchReport): void {
  const estimates = report.estimates;
  if (!estimates) {
    container.replaceChildren(h('p', { class: 'note' }, noEstimateReason(report)));
    return;
  }
  const rows: EstimateRow[] = [
    ...estimates.chapman.map((pair) => ({
      label: `Chapman ${pair.a} × ${pair.b}`,
      estimate: pair.estimate,
      low: pair.interval95.low,
      high: pair.interval95.high,
      from: `${formatCount(pair.n1)} and ${formatCount(pair.n2)} seen, ${formatCount(pair.recaptured)} by both`,
    })),
    ...(estimates.chao ? [chaoRow(estimates.chao)] : []),
  ];
  const chart = h('div', { class: 'chart-box' });
  container.replaceChildren(h('p', { class: 'caveat' }, estimates.caveat), chart, scrollable(estimatesTable(rows)));
  mountChart(chart, (width) => estimatesChart(rows, report.uniqueModels, width));
}

function estimatesChart(rows: EstimateRow[], seen: number, width: number) {
  return {
    ariaLabel: 'Estimates of the total with their 95% intervals, all lower bounds',
    height: 70 + rows.length * 44,
    marginLeft: Math.min(190, width / 3),
    marginRight: 70,
    x: { label: 'total models (each estimate a lower bound)', grid: true, tickFormat: formatCount, nice: true },
    y: { label: null, domain: rows.map((row) => row.label) },
    marks: [
      ruleX([seen], { strokeDasharray: '5 4' }),
      text([`seen ${formatCount(seen)}`], { x: seen, frameAnchor: 'top', dy: -2 }),
      ruleY(rows, { y: 'label', x1: 'low', x2: 'high', stroke: COLORS.fetch, strokeWidth: 3 }),
      dot(rows, { y: 'label', x: 'estimate', fill: COLORS.fetch, r: 5, title: describeRow, tip: true }),
      text(rows, {
        y: 'label',
        x: 'high',
        text: (row: EstimateRow) => `≥ ${formatEstimate(row.estimate)}`,
        dx: 8,
        textAnchor: 'start',
      }),
    ],
  };
}

const describeRow = (row: EstimateRow): string =>
  `${row.label}: ≥ ${formatEstimate(row.estimate)}\n` +
  `95% ${formatEstimate(row.low)}–${formatEstimate(row.high)}\n${row.from}`;

function estimatesTable(rows: EstimateRow[]): HTMLTableElement {
  return dataTable(
    'Estimates of the total (lower bounds)',
    [
      { header: 'Estimator', cell: (row) => row.label },
      { header: 'Lower bound', cell: (row) => `≥ ${formatEstimate(row.estimate)}`, numeric: true },
      {
        header: '95% interval',
        cell: (row) => `${formatEstimate(row.low)}–${formatEstimate(row.high)}`,
        numeric: true,
      },
      { header: 'From', cell: (row) => row.from, wrap: true },
    ],
    rows,
  );
}

function chaoRow(chao: NonNullable<NonNullable<FetchReport['estimates']>['chao']>): EstimateRow {
  return {
    label: 'Chao, all sorts',
    estimate: chao.estimate,
    low: chao.interval95.low,
    high: chao.interval95.high,
    from: `${formatCount(chao.observed)} seen; ${formatCount(chao.f1)} by one sort, ${formatCount(chao.f2)} by two`,
  };
}

function noEstimateReason(report: FetchReport): string {
  if (report.complete) {
    const total = formatCount(report.uniqueModels);
    return `No estimate is needed: completeness is proven, so the total is exact, ${total} models.`;
  }
  return 'No estimate: the fetch saw too little overlap between sorts to estimate the unseen total.';
}
