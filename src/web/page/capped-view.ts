import { dataTable, h, scrollable } from './dom.ts';
import { formatCount, formatPercent } from './format.ts';
import { renderOverlapMatrix } from './overlap-matrix.ts';
import type { FetchReport } from './report.ts';

/**
 * What a client without cursors would have seen (the top `cap` of each sort key), beside the full catalog. Without
 * a capped view the upstream itself was capped, and the fetch's own sorts above already tell that story.
 */
export function renderCappedView(container: HTMLElement, report: FetchReport): void {
  const view = report.cappedView;
  if (!view) {
    container.replaceChildren(
      h(
        'p',
        { class: 'note' },
        report.upstreamCap
          ? `The upstream itself gave no cursor and at most ${formatCount(report.upstreamCap)} models per query, ` +
              'so the sorts above are what a client without cursors sees.'
          : 'No capped view: this fetch did not prove the catalog complete, so there is no full catalog to cut.',
      ),
    );
    return;
  }
  const full = report.uniqueModels;
  const matrix = h('div', { class: 'panel' });
  container.replaceChildren(
    h('p', { class: 'lede' }, cappedStory(view.sorts, full, view.cap)),
    scrollable(
      dataTable(
        `Top ${formatCount(view.cap)} per sort against the full catalog of ${formatCount(full)}`,
        [
          { header: 'Sort', cell: (sort) => sort.sort },
          { header: 'Models', cell: (sort) => formatCount(sort.size), numeric: true },
          { header: 'Unique so far', cell: (sort) => formatCount(sort.cumulativeUnique), numeric: true },
          {
            header: 'Share of full catalog',
            cell: (sort) => formatPercent(sort.cumulativeUnique / full),
            numeric: true,
          },
        ],
        view.sorts,
      ),
    ),
    matrix,
  );
  if (view.overlaps.length > 0)
    renderOverlapMatrix(matrix, `Overlaps of the top ${formatCount(view.cap)}`, view.overlaps);
}

function cappedStory(sorts: NonNullable<FetchReport['cappedView']>['sorts'], full: number, cap: number): string {
  const seen = (sort: { cumulativeUnique: number }) =>
    `${formatCount(sort.cumulativeUnique)} (${formatPercent(sort.cumulativeUnique / full)})`;
  const [first, second] = sorts;
  const last = sorts.at(-1);
  if (!first || !second || !last) return `A client capped at ${formatCount(cap)} per query sees at most that many.`;
  return (
    `Of the ${formatCount(full)} models in the full catalog, a client capped at ${formatCount(cap)} per query sees ` +
    `${seen(first)} with ${first.sort}, ${seen(second)} once ${second.sort} is merged in, and ${seen(last)} with all ` +
    `${sorts.length} sorts.`
  );
}
