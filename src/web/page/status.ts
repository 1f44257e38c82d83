import { h, type Child } from './dom.ts';
import { formatCount, formatDuration, formatInstant, formatPercent, formatSeconds } from './format.ts';
import type { CatalogStatus, CoverageReport, FetchReport } from './report.ts';

const METHOD_NAMES = { CURSOR: 'cursor', COVERING_PARTITION: 'covering partition', NONE: 'none' } as const;

/** The catalog's status: size, age, upstream, completeness with its proof, coverage with its basis. */
export function renderStatus(container: HTMLElement, { catalog, fetchReport }: CoverageReport): void {
  const never = catalog.fetchedAt === null || catalog.fetchedAt === undefined;
  container.replaceChildren(
    h(
      'dl',
      { class: 'facts' },
      fact('Models', formatCount(catalog.size), catalog.refreshing ? 'a refresh is running' : null),
      ...(fetchReport
        ? reportFacts(fetchReport)
        : [fact('Fetch report', 'none yet', never ? 'no fetch has succeeded yet' : null, 'warn')]),
      fact('Fetched', fetchedAge(catalog), freshness(catalog)),
      fact('Upstream', catalog.upstream, fetchReport?.upstreamCap ? capNote(fetchReport.upstreamCap) : null, 'wide'),
      catalog.lastError !== null && catalog.lastError !== undefined
        ? fact('Last error', catalog.lastError, 'what is served is the last good catalog', 'error')
        : null,
    ),
    ...(fetchReport ? proofDetails(fetchReport) : []),
  );
}

function reportFacts(report: FetchReport): HTMLElement[] {
  const { completeness, coverage } = report;
  return [
    fact(
      'Complete',
      completeness.proven ? `Yes, proven by ${METHOD_NAMES[completeness.method]}` : 'Not proven',
      completeness.explanation,
      completeness.proven ? 'good' : 'warn',
    ),
    fact(
      'Coverage',
      coverage.ratio === null || coverage.ratio === undefined ? 'unknown' : formatPercent(coverage.ratio),
      coverage.basis,
    ),
    fact('Snapshot', report.id, `fetch finished ${formatInstant(report.finishedAt)}`, 'wide'),
    fact(
      'Requests',
      formatCount(report.requestCount),
      `${report.strategy} strategy, ${formatDuration(report.durationMs)}, provider ${report.provider}`,
    ),
  ];
}

function fact(
  term: string,
  value: string,
  note: string | null,
  tone?: 'good' | 'warn' | 'error' | 'wide',
): HTMLElement {
  return h(
    'div',
    { class: tone ? `fact ${tone}` : 'fact' },
    h('dt', {}, term),
    h('dd', {}, h('span', { class: 'value' }, value), note ? h('span', { class: 'note' }, note) : null),
  );
}

function fetchedAge(catalog: CatalogStatus): string {
  return catalog.ageSeconds === null || catalog.ageSeconds === undefined
    ? 'never'
    : `${formatSeconds(catalog.ageSeconds)} ago`;
}

function freshness(catalog: CatalogStatus): string {
  const at = catalog.fetchedAt ? `at ${catalog.fetchedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}, ` : '';
  return `${at}${catalog.stale ? 'stale' : 'fresh'} (kept ${formatSeconds(catalog.ttlSeconds)})`;
}

const capNote = (cap: number): string => `gives no cursor: at most ${formatCount(cap)} models per query`;

/** The proof's premises, what could still hide models, and the fetch's errors, folded away until asked for. */
function proofDetails(report: FetchReport): HTMLElement[] {
  const lists: [string, string[]][] = [
    ['What the proof assumes about the Hub', report.completeness.premises],
    ['What could still hide unseen models', report.completeness.uncoveredRisk],
    ['Errors during the fetch', report.errors],
  ];
  return lists
    .filter(([, items]) => items.length > 0)
    .map(([summary, items]) =>
      h('details', {}, h('summary', {}, `${summary} (${items.length})`), h('ul', {}, ...items.map(listItem))),
    );
}

const listItem = (text: Child): HTMLElement => h('li', {}, text);
