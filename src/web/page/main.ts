import { renderCappedView } from './capped-view.ts';
import { showChanges } from './changes.ts';
import { renderCumulativeCurve } from './cumulative-curve.ts';
import { byId, h } from './dom.ts';
import { renderEstimates } from './estimates.ts';
import { formatCount, formatInstant } from './format.ts';
import { followCatalogUpdates, type CatalogUpdate } from './live-feed.ts';
import { waitForFirstCatalog } from './first-catalog.ts';
import { ModelBrowser } from './model-browser.ts';
import { renderOverlapMatrix } from './overlap-matrix.ts';
import { showProviders } from './providers.ts';
import { loadCoverageReport, type FetchReport } from './report.ts';
import { renderSortBars } from './sort-bars.ts';
import { renderStatus } from './status.ts';

/** Marks when the status first shows, so a test (or a person in DevTools) can read how long it took. */
const STATUS_RENDERED = 'hubcat:status-rendered';

/** Shows the status and the report's sections; true when there is a report (a catalog) to show more of. */
async function showReport(ready: Promise<void> = Promise.resolve()): Promise<boolean> {
  const status = byId('status');
  status.setAttribute('aria-busy', 'true');
  try {
    await ready;
    const { report, missing } = await loadCoverageReport();
    renderStatus(byId('status-body'), report);
    // The status names the cache's last error, if it has one; otherwise say why there is no report.
    if (missing && !report.catalog.lastError)
      byId('status-body').append(h('p', { class: 'error', role: 'alert' }, missing.message));
    if (performance.getEntriesByName(STATUS_RENDERED).length === 0) performance.mark(STATUS_RENDERED);
    // Let the status paint before the charts take their turn on the main thread.
    await afterNextPaint();
    showReportSections(report.fetchReport ?? null);
    return report.fetchReport != null;
  } catch (error) {
    byId('status-body').replaceChildren(
      h('p', { class: 'error', role: 'alert' }, `The coverage report could not be loaded: ${messageOf(error)}`),
    );
    return false;
  } finally {
    status.removeAttribute('aria-busy');
  }
}

function showReportSections(report: FetchReport | null): void {
  for (const section of document.querySelectorAll<HTMLElement>('section.report')) section.hidden = report === null;
  if (report === null) return;
  // `provider` names the selection: one provider, a comma list, or `all`.
  const whose =
    report.provider === 'all'
      ? 'every provider'
      : report.provider.includes(',')
        ? report.provider.split(',').join(', ')
        : report.provider;
  byId('tagline').textContent =
    `How complete the catalog of live models of ${whose} is, how each query added to it, and what it holds.`;
  const sections: [string, (container: HTMLElement, report: FetchReport) => void][] = [
    ['sorts-bars', renderSortBars],
    ['sorts-curve', renderCumulativeCurve],
    ['fetch-overlaps', renderFetchOverlaps],
    ['capped-body', renderCappedView],
    ['estimates-body', renderEstimates],
  ];
  for (const [id, render] of sections) {
    const container = byId(id);
    try {
      render(container, report);
    } catch (error) {
      // One chart that cannot draw must not take the others, or the status, down with it.
      container.replaceChildren(h('p', { class: 'error' }, `This part could not be drawn: ${messageOf(error)}`));
    }
  }
}

function renderFetchOverlaps(container: HTMLElement, report: FetchReport): void {
  if (report.overlaps.length > 0) renderOverlapMatrix(container, "Overlaps of this fetch's sorts", report.overlaps);
  else container.replaceChildren(h('p', { class: 'note' }, 'One sort only: nothing to overlap.'));
}

const afterNextPaint = (): Promise<void> =>
  new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The parts beside the report that come from their own operations: providers, and the changes over time. */
async function showCatalogParts(hasReport: boolean): Promise<void> {
  if (!hasReport) return;
  await Promise.all([
    showPart('providers', 'The providers', showProviders),
    showPart('changes', 'The changes', showChanges),
  ]);
}

async function showPart(
  id: string,
  name: string,
  show: (section: HTMLElement, body: HTMLElement) => Promise<void>,
): Promise<void> {
  const [section, body] = [byId(id), byId(`${id}-body`)];
  body.setAttribute('aria-busy', 'true');
  try {
    await show(section, body);
  } catch (error) {
    section.hidden = false;
    body.replaceChildren(h('p', { class: 'error' }, `${name} could not be loaded: ${messageOf(error)}`));
  } finally {
    body.removeAttribute('aria-busy');
  }
}

const LIVE = 'Live: this page updates itself when a new snapshot of the catalog is published.';

/** A new snapshot was published: the status, the report and the history follow it without a reload. */
function onCatalogUpdate({ snapshot }: CatalogUpdate): void {
  byId('live-status').textContent =
    `Updated live: snapshot ${snapshot.id} (${formatCount(snapshot.size)} models) was published at ` +
    `${formatInstant(snapshot.detectedAt)}.`;
  void showReport().then(showCatalogParts);
  void browser.then((started) => started.followNewSnapshot());
}

byId('reload-report').addEventListener('click', () => void showReport().then(showCatalogParts));
const firstCatalog = waitForFirstCatalog(byId('status-body'));
void showReport(firstCatalog).then(showCatalogParts);
// The browser's queries would wait on the same first fetch; they start once it is over (or the status says why not).
const browser = firstCatalog
  .catch(() => undefined)
  .then(() => {
    const started = new ModelBrowser();
    started.start();
    return started;
  });
followCatalogUpdates({
  onOpen: () => (byId('live-status').textContent = LIVE),
  onUpdate: onCatalogUpdate,
  onLost: (retrying) =>
    (byId('live-status').textContent = retrying
      ? 'The live feed dropped; reconnecting…'
      : 'The live feed is unavailable: use Reload report to see a newer snapshot.'),
});
