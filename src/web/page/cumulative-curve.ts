import { dot, lineY, ruleY, text } from '@observablehq/plot';
import { mountChart } from './chart-frame.ts';
import { h } from './dom.ts';
import { formatCount, formatEstimate } from './format.ts';
import { COLORS, legend } from './palette.ts';
import type { FetchReport } from './report.ts';
import { fetchSteps } from './sort-steps.ts';

interface CurvePoint {
  series: string;
  step: number;
  label: string;
  unique: number;
}

/**
 * The cumulative unique curve as queries are merged: this fetch, and a client without cursors (the capped view, e.g.
 * the gateway's 1,000 → 1,204), against the full catalog when its size is exact, or the lower bound when it is not.
 */
export function renderCumulativeCurve(container: HTMLElement, report: FetchReport): void {
  const series = curveSeries(report);
  const reference = referenceLine(report);
  const chart = h('div', { class: 'chart-box' });
  container.replaceChildren(
    legend(series.map(({ name, color }) => ({ label: name, color }))),
    chart,
    h('p', { class: 'note' }, `Dashed line: ${reference.label}.`),
  );
  const points = series.flatMap((line) => line.points);
  const highest = Math.max(reference.value, ...points.map((p) => p.unique));
  const lowest = Math.min(...points.map((p) => p.unique));
  const steps = Math.max(...series.map((line) => line.points.length));
  mountChart(chart, () => ({
    ariaLabel: `Unique models as queries are merged; dashed line: ${reference.label}`,
    height: 300,
    marginLeft: 56,
    marginRight: 24,
    x: { label: 'queries merged', ticks: Array.from({ length: steps }, (_, index) => index + 1), tickFormat: 'd' },
    y: {
      label: 'unique models',
      grid: true,
      domain: [Math.max(0, lowest - (highest - lowest) * 0.2 - 10), highest * 1.02],
      tickFormat: formatCount,
    },
    color: { domain: series.map((line) => line.name), range: series.map((line) => line.color) },
    marks: [
      ruleY([reference.value], { strokeDasharray: '5 4' }),
      text([reference.label], { y: reference.value, frameAnchor: 'right', dy: -8, textAnchor: 'end' }),
      lineY(points, { x: 'step', y: 'unique', stroke: 'series', strokeWidth: 2 }),
      dot(points, {
        x: 'step',
        y: 'unique',
        fill: 'series',
        r: 4,
        title: (p: CurvePoint) => `${p.series}\nafter ${p.label}: ${formatCount(p.unique)}`,
        tip: true,
      }),
      text(series.at(-1)?.points ?? [], {
        x: 'step',
        y: 'unique',
        text: (p: CurvePoint) => formatCount(p.unique),
        dy: 14,
      }),
    ],
  }));
}

function curveSeries(report: FetchReport): { name: string; color: string; points: CurvePoint[] }[] {
  const point = (series: string, index: number, label: string, unique: number): CurvePoint => ({
    series,
    step: index + 1,
    label,
    unique,
  });
  const fetched = fetchSteps(report).map((step, i) => point('this fetch', i, step.label, step.cumulativeUnique));
  const view = report.cappedView;
  if (!view) return [{ name: 'this fetch', color: COLORS.fetch, points: fetched }];
  const name = `top ${formatCount(view.cap)} per sort, no cursors`;
  return [
    { name: 'this fetch', color: COLORS.fetch, points: fetched },
    {
      name,
      color: COLORS.capped,
      points: view.sorts.map((sort, i) => point(name, i, sort.sort, sort.cumulativeUnique)),
    },
  ];
}

/** The full catalog when its size is proven; otherwise the total the coverage ratio is based on, a lower bound. */
function referenceLine(report: FetchReport): { value: number; label: string } {
  if (report.complete) {
    return { value: report.uniqueModels, label: `full catalog, ${formatCount(report.uniqueModels)} (exact)` };
  }
  const total = report.coverage.total;
  if (total !== null && total !== undefined) {
    return { value: total, label: `lower bound on the total, ${formatEstimate(total)}` };
  }
  return { value: report.uniqueModels, label: `${formatCount(report.uniqueModels)} seen; the total is unknown` };
}
