import { ProvidersDocument, type ProvidersQuery } from '../../../schema/generated/graphql.ts';
import { request } from './api.ts';
import { dataTable, h, scrollable } from './dom.ts';
import { formatCount, formatPercent } from './format.ts';

type ProviderSummary = ProvidersQuery['providers'][number];
type Router = NonNullable<NonNullable<ProvidersQuery['fetchReport']>['router']>;

/**
 * Per provider, when the catalog spans several: its live, staging and failing mappings, whether its set is proven
 * complete or only estimated, and its coverage with the basis. Hidden for a one-provider catalog, whose status says
 * all of that already.
 */
export async function showProviders(section: HTMLElement, body: HTMLElement): Promise<void> {
  const { providers, fetchReport } = await request(ProvidersDocument);
  section.hidden = providers.length < 2;
  if (section.hidden) return;
  const router = fetchReport?.router ?? null;
  body.replaceChildren(
    h(
      'p',
      { class: 'lede' },
      `This catalog joins the live models of ${formatCount(providers.length)} inference providers; each one's set ` +
        'has its own proof of completeness or estimate.',
    ),
    scrollable(providerTable(providers)),
  );
  if (router) body.append(h('p', { class: router.ok ? 'note' : 'error' }, routerNote(router)));
}

function providerTable(providers: readonly ProviderSummary[]): HTMLTableElement {
  const table = dataTable(
    'Providers of this catalog, most live models first',
    [
      { header: 'Provider', cell: (p) => p.name },
      { header: 'Live', cell: (p) => formatCount(p.live), numeric: true },
      { header: 'Staging', cell: (p) => formatCount(p.staging), numeric: true },
      { header: 'Error', cell: (p) => formatCount(p.error), numeric: true },
      { header: 'Complete', cell: (p) => (p.complete ? 'proven' : 'estimated') },
      { header: 'Coverage', cell: (p) => coverageText(p), numeric: true },
      { header: 'Basis', cell: (p) => p.coverage?.basis ?? '—', wrap: true },
      { header: 'Top task', cell: (p) => topTask(p) },
    ],
    providers,
  );
  table.id = 'providers-table';
  return table;
}

const coverageText = ({ coverage }: ProviderSummary): string =>
  coverage?.ratio === null || coverage?.ratio === undefined ? 'unknown' : formatPercent(coverage.ratio);

function topTask({ tasks }: ProviderSummary): string {
  const [top] = tasks;
  return top ? `${top.value} (${formatCount(top.count)})` : '—';
}

const routerNote = (router: Router): string =>
  router.ok
    ? `The router's listing was read (${formatCount(router.models)} chat models): the prices and context lengths of ` +
      `${formatCount(router.joinedMappings)} mappings come from it; ${formatCount(router.listingMappings)} mappings ` +
      "have only the Hub listing's providerDetails."
    : `The router's listing could not be read (${router.error ?? 'no reason given'}): prices and context lengths ` +
      "come from the Hub listing's providerDetails only.";
