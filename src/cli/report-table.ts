import Table from 'cli-table3';
import type { FetchReport } from '../catalog/index.ts';

const count = (value: number) => value.toLocaleString('en-US');
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** The fetch report as plain-text tables, for terminals and logs. */
export function renderReport(report: FetchReport): string {
  const lines = [
    `hubcat fetch report ${report.id}`,
    `strategy ${report.strategy} · provider ${report.provider} · upstream ${report.upstream} · page size ${report.pageSize}`,
    `${count(report.uniqueModels)} unique models in ${count(report.requestCount)} requests, ${(report.durationMs / 1000).toFixed(2)} s`,
    report.complete
      ? `complete: yes — a capture ran its cursor to the end, so ${count(report.uniqueModels)} is the exact total`
      : 'complete: no — no capture reached the end of the listing; models ranked below every cap are unseen',
    '',
    renderSorts(report),
  ];
  if (report.overlaps.length > 0) lines.push('', renderOverlaps(report));
  if (report.errors.length > 0) lines.push('', 'errors:', ...report.errors.map((error) => `  ${error}`));
  return lines.join('\n');
}

function renderSorts(report: FetchReport): string {
  const table = new Table({
    head: ['sort', 'pages', 'requests', 'returned', 'new', 'duplicates', 'cumulative', 'end', 'ms'],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'right'],
    style: { head: [], border: [] },
  });
  for (const sort of report.sorts) {
    const end = sort.error ? `error (page ${sort.errorPage})` : sort.exhausted ? 'exhausted' : sort.capped ? 'capped' : 'stopped';
    table.push([
      sort.sort,
      count(sort.pages),
      count(sort.requests),
      count(sort.returned),
      count(sort.new),
      count(sort.duplicates),
      count(sort.cumulativeUnique),
      end,
      count(sort.durationMs),
    ]);
  }
  return `per sort (${report.statedOrder}):\n${table.toString()}`;
}

function renderOverlaps(report: FetchReport): string {
  const table = new Table({
    head: ['a', 'b', 'shared', 'only a', 'only b', 'jaccard'],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [] },
  });
  for (const overlap of report.overlaps) {
    table.push([overlap.a, overlap.b, count(overlap.shared), count(overlap.onlyA), count(overlap.onlyB), percent(overlap.jaccard)]);
  }
  return `pairwise overlaps:\n${table.toString()}`;
}
