import Table from 'cli-table3';
import type { FetchReport } from '../catalog/index.ts';
import { count, decimal, percent, plural } from './format.ts';

const interval = ({ low, high }: { low: number; high: number }) => `${decimal(low)}–${decimal(high)}`;

/** Rows without rules between them: a 40-row partition table stays 40 lines, not 80. */
const compact = {
  style: { head: [], border: [] },
  chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
};

export interface RenderOptions {
  /** Wall times (total and per sort); off where the output must repeat exactly, as in the README's samples. */
  timings?: boolean;
}

/** The fetch report as plain-text tables, for terminals and logs. */
export function renderReport(report: FetchReport, { timings = true }: RenderOptions = {}): string {
  const lines = [
    `hubcat fetch report ${report.id}`,
    `strategy ${report.strategy} · provider ${report.provider} · upstream ${report.upstream} · ` +
      `page size ${report.pageSize}` +
      (report.upstreamCap === null ? ' · cursors' : ` · capped at ${count(report.upstreamCap)} per query, no cursor`),
    `${count(report.uniqueModels)} unique models in ${plural(report.requestCount, 'request')}` +
      (timings ? `, ${decimal(report.durationMs / 1000, 2)} s` : '') +
      (report.rateLimit.pauses > 0 ? ` (paused ${count(report.rateLimit.pauses)}× for the Hub's rate limit)` : ''),
    '',
    renderSorts(report, timings),
  ];
  if (report.overlaps.length > 0) lines.push('', renderOverlaps('pairwise overlaps', report.overlaps));
  if (report.parts.length > 0) lines.push('', renderParts(report));
  lines.push('', ...renderCompleteness(report));
  if (report.providers.length > 1 || report.provider.includes(',') || report.provider === 'all') {
    lines.push('', renderProviders(report));
  }
  if (report.router) lines.push('', renderRouter(report.router));
  if (report.cappedView) {
    const view = report.cappedView;
    lines.push(
      '',
      `capped view (top ${count(view.cap)} of each sort, computed from the complete catalog — ` +
        'what a client without cursors sees):',
      view.sorts
        .map((sort) => `${sort.sort} ${count(sort.size)} → ${count(sort.cumulativeUnique)} cumulative`)
        .join(' · '),
      renderOverlaps('capped overlaps', view.overlaps),
    );
  }
  if (report.errors.length > 0) lines.push('', 'errors:', ...report.errors.map((error) => `  ${error}`));
  return lines.join('\n');
}

/** Each provider's live, staging and error mappings, whether its set is proven, and the requests spent on it alone. */
function renderProviders(report: FetchReport): string {
  const table = new Table({
    head: ['provider', 'live', 'staging', 'error', 'complete', 'requests'],
    colAligns: ['left', 'right', 'right', 'right', 'left', 'right'],
    ...compact,
  });
  for (const provider of report.providers) {
    const { coverage } = provider;
    const complete = provider.complete
      ? 'yes'
      : coverage.ratio === null
        ? 'no'
        : `no, ≤ ${percent(coverage.ratio)} of ${decimal(coverage.total!, 1)}`;
    table.push([
      provider.provider,
      count(provider.live),
      count(provider.staging),
      count(provider.error),
      complete,
      count(provider.requests),
    ]);
  }
  const shared = report.providers[0]?.sharedRequests ?? 0;
  return (
    `providers (${report.providers.length}; each set derived from the listing of ${report.provider}, ` +
    `${plural(shared, 'request')} shared; requests below asked one provider alone):\n${table.toString()}`
  );
}

function renderRouter(router: NonNullable<FetchReport['router']>): string {
  const listing = `${count(router.listingMappings)} from the listing's providerDetails`;
  if (!router.ok) {
    return `router: ${router.endpoint} failed (${router.error}); prices and context lengths: ${listing} only`;
  }
  return (
    `router: ${count(router.models)} chat models from ${router.endpoint} in ${plural(router.requests, 'request')}; ` +
    `prices and context lengths joined into ${count(router.joinedMappings)} mappings, ${listing}`
  );
}

const MAX_PART_ROWS = 200;

function renderParts(report: FetchReport): string {
  const table = new Table({
    head: ['part', 'split by', 'returned', 'new', 'duplicates', 'end'],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'left'],
    ...compact,
  });
  for (const part of report.parts.slice(0, MAX_PART_ROWS)) {
    const end = part.error ? 'error' : part.refined ? 'full → split' : part.exhausted ? 'below cap' : 'not fetched';
    table.push([
      `${'  '.repeat(part.depth - 1)}${part.label}`,
      part.splitBy,
      count(part.returned),
      count(part.new),
      count(part.duplicates),
      end,
    ]);
  }
  const hidden = report.parts.length - MAX_PART_ROWS;
  const more = hidden > 0 ? `\n(${count(hidden)} more parts; --json lists them all)` : '';
  return `partition queries (${count(report.parts.length)}):\n${table.toString()}${more}`;
}

function renderCompleteness(report: FetchReport): string[] {
  const { completeness, coverage, estimates } = report;
  const lines = [
    completeness.proven
      ? `complete: yes (${completeness.method}) — ${completeness.explanation}; ` +
        `${count(report.uniqueModels)} is the exact total`
      : `complete: no — ${completeness.explanation}`,
  ];
  if (completeness.premises.length > 0) lines.push(`  premises: ${completeness.premises.join('; ')}`);
  for (const risk of completeness.uncoveredRisk.slice(0, 20)) lines.push(`  uncovered: ${risk}`);
  if (completeness.uncoveredRisk.length > 20)
    lines.push(`  … and ${count(completeness.uncoveredRisk.length - 20)} more`);
  if (estimates) {
    for (const chapman of estimates.chapman) {
      lines.push(
        `  Chapman ${chapman.a}×${chapman.b}: ${decimal(chapman.estimate)} (95% ${interval(chapman.interval95)})`,
      );
    }
    if (estimates.chao) {
      const chao = estimates.chao;
      lines.push(
        `  Chao lower bound: ${decimal(chao.estimate)} ` +
          `(f1 ${count(chao.f1)}, f2 ${count(chao.f2)}; 95% ${interval(chao.interval95)})`,
      );
    }
    lines.push(`  ${estimates.caveat}`);
  }
  lines.push(
    coverage.ratio === null || coverage.total === null
      ? `coverage: ${coverage.basis}`
      : `coverage: ${percent(coverage.ratio)} of ${decimal(coverage.total, coverage.total % 1 === 0 ? 0 : 1)} — ` +
          coverage.basis,
  );
  return lines;
}

function renderSorts(report: FetchReport, timings: boolean): string {
  const head = ['sort', 'pages', 'requests', 'returned', 'new', 'duplicates', 'cumulative', 'end'];
  const colAligns = ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'] as const;
  const table = new Table({
    head: timings ? [...head, 'ms'] : head,
    colAligns: timings ? [...colAligns, 'right'] : [...colAligns],
    ...compact,
  });
  for (const sort of report.sorts) {
    const end = sort.error
      ? `error (page ${sort.errorPage})`
      : sort.exhausted
        ? 'exhausted'
        : sort.capped
          ? 'capped'
          : 'stopped';
    table.push([
      sort.sort,
      count(sort.pages),
      count(sort.requests),
      count(sort.returned),
      count(sort.new),
      count(sort.duplicates),
      count(sort.cumulativeUnique),
      end,
      ...(timings ? [count(sort.durationMs)] : []),
    ]);
  }
  return `per sort (${report.statedOrder}):\n${table.toString()}`;
}

function renderOverlaps(title: string, overlaps: FetchReport['overlaps']): string {
  const table = new Table({
    head: ['a', 'b', 'shared', 'only a', 'only b', 'jaccard'],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right'],
    ...compact,
  });
  for (const overlap of overlaps) {
    table.push([
      overlap.a,
      overlap.b,
      count(overlap.shared),
      count(overlap.onlyA),
      count(overlap.onlyB),
      percent(overlap.jaccard),
    ]);
  }
  return `${title}:\n${table.toString()}`;
}
