import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type App, type RunningServer } from '../../src/app/index.ts';
import {
  BrowsedModelsDocument,
  CoverageReportDocument,
  RecentChangesDocument,
  SnapshotsDocument,
  type SnapshotsQuery,
} from '../../schema/generated/graphql.ts';
import { seriousViolations, useChromium, watchedPage, type WatchedPage } from '../support/browser.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, query } from '../support/graphql.ts';
import { count, modelLinks, statusFact, tableRows, waitForSummary } from './page-reading.ts';

type Snapshot = NonNullable<SnapshotsQuery['snapshots']>[number];

const REPORTS = new URL('../../.reports/', import.meta.url);

const instant = (iso: string): string => `${iso.slice(0, 19).replace('T', ' ')} UTC`;

describe('changes over time, followed live (a server in the test process, refreshed by the test)', () => {
  const emulator = useEmulator();
  const browser = useChromium();
  let app: App;
  let server: RunningServer;

  beforeAll(async () => {
    // No scheduled refresh (a manual timer) and an hour's TTL: a snapshot is published only when the test refreshes.
    app = appFor(emulator.url);
    server = await listen(app, 0, '127.0.0.1');
    await app.catalog.refresh();
    await app.live.updates.settled();
  }, 120_000);
  afterAll(() => server.close());

  async function open(): Promise<WatchedPage> {
    const watched = await watchedPage(browser.context(), server.url);
    await watched.page.goto(`${server.url}/`);
    await watched.page.locator('#status:not([aria-busy]) .facts').waitFor();
    await watched.page.locator('#live-status').getByText('Live: this page updates itself').waitFor();
    return watched;
  }

  const snapshotRow = (s: Snapshot) => [
    s.id,
    instant(s.detectedAt),
    count(s.size),
    count(s.added),
    count(s.removed),
    count(s.updated),
    count(s.unconfirmed),
    `${s.complete ? 'yes' : 'no'}${s.baseline ? ', baseline' : ''}`,
  ];

  it('explains that there is only the baseline snapshot, and names it', async () => {
    const { page, problems } = await open();
    const snapshots = (await query(app, SnapshotsDocument, { first: 30 })).snapshots!;
    expect(snapshots).toHaveLength(1);
    const [baseline] = snapshots as [Snapshot];
    expect(baseline.baseline).toBe(true);
    const note = page.locator('#changes-body .note');
    await note.waitFor();
    expect(await note.innerText()).toContain(
      `Only the baseline snapshot so far (${baseline.id}, ${count(baseline.size)} models`,
    );
    expect(await page.locator('#changes svg').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a newly published snapshot, its counts, its changes and its models without a reload', async () => {
    const { page, problems } = await open();
    await page.evaluate('window.notReloaded = true');
    const before = (await query(app, CoverageReportDocument)).catalog.size;

    const truth = emulator.evolve({ added: 4, removed: 2, updated: [{ field: 'gated' }, { field: 'pipeline_tag' }] });
    await app.catalog.refresh();
    await app.live.updates.settled();
    const snapshots = (await query(app, SnapshotsDocument, { first: 30 })).snapshots!;
    const [latest, previous] = snapshots as [Snapshot, Snapshot];
    expect(latest).toMatchObject({ added: 4, removed: 2, updated: 2, baseline: false });
    expect(latest.size).toBe(before + truth.added.length - truth.removed.length);

    await page.locator('#live-status').getByText(`snapshot ${latest.id}`).waitFor();
    await page.locator('#changes-body').getByText(`Latest snapshot ${latest.id}`).waitFor();
    await page.locator('#changes-list').waitFor();
    expect(await page.evaluate('window.notReloaded')).toBe(true);
    expect((await statusFact(page, 'Models')).value).toBe(count(latest.size));
    expect((await statusFact(page, 'Snapshot')).value).toBe(latest.id);
    expect(await tableRows(page, 'Snapshots, newest first')).toEqual(snapshots.map(snapshotRow));
    expect(await page.locator('#changes svg[role="img"]').count()).toBe(2);

    const changes = (await query(app, RecentChangesDocument, { since: previous.detectedAt, first: 50 })).changes!;
    expect(changes.totalCount).toBe(8);
    expect(await tableRows(page, `Latest changes, of snapshot ${latest.id}`)).toEqual(
      changes.nodes.map((change) => [
        change.kind.toLowerCase(),
        change.modelId,
        change.fields.map((f) => `${f.field}: ${f.before ?? '—'} → ${f.after ?? '—'}`).join('; ') || '—',
      ]),
    );
    const links = page.locator('#changes-list tbody tr td:nth-child(2) a');
    expect(await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')))).toEqual(
      changes.nodes.flatMap((change) => (change.model ? [change.model.url] : [])),
    );
    const browsed = await query(app, BrowsedModelsDocument, {
      filter: {},
      orderBy: { field: 'DOWNLOADS', direction: 'DESC' },
      first: 25,
    });
    await waitForSummary(page, browsed.models.totalCount, 1);
    expect(browsed.models.totalCount).toBe(latest.size);
    expect((await modelLinks(page)).map((link) => link.id)).toEqual(browsed.models.nodes.map((model) => model.id));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('has no serious accessibility violation in either scheme, and fits a 390 px phone', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, problems } = await open();
      await page.emulateMedia({ colorScheme });
      await page.locator('#changes-list').waitFor();
      expect(await seriousViolations(page), colorScheme).toEqual([]);
      await page.locator('#changes').screenshot({ path: new URL(`changes-${colorScheme}.png`, REPORTS).pathname });
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      expect(await seriousViolations(page), `${colorScheme}, 390 px`).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    }
  });
});
