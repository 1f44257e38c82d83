import { readFileSync } from 'node:fs';
import { createApp, fetchPlanOf, routerClientOf, type App } from '../src/app/index.ts';
import { fetchCatalog } from '../src/catalog/index.ts';
import { renderReport } from '../src/cli/report-table.ts';
import { loadConfig, type ConfigFlags } from '../src/config.ts';
import { startEmulator, type RunningEmulator } from '../src/emulator/index.ts';
import { HubClient } from '../src/hub/index.ts';
import { compactJson } from './compact-json.ts';

/** What the README shows for the emulator's address: the port `hubcat emulate` listens on by default. */
const SHOWN_UPSTREAM = 'http://127.0.0.1:7861';
const PRESET = 'gateway-2025-10';
const PROVIDERS_PRESET = 'providers-2025-11';

/** Values that change from run to run (times, the fetch's id, cursors bound to it), shown as `…`. */
const VOLATILE = new Set(['endCursor', 'fetchedAt', 'ageSeconds', 'startedAt', 'finishedAt', 'durationMs']);
const VOLATILE_PATHS = new Set(['fetchReport.id']);

const JSON_LAYOUT = { width: 116, maxItems: 3 };

/**
 * Every generated sample of the README, by region name: the three operations of `schema/operations/` against the
 * demo's upstream (the emulator, paginating), and `hubcat fetch` against a capped one. Deterministic: the emulator's
 * dataset is seeded, and run-to-run values are masked.
 */
export async function readmeSamples(): Promise<Record<string, string>> {
  const [paginating, capped, providers, cappedProviders] = await Promise.all([
    startEmulator({ preset: PRESET }),
    startEmulator({ preset: PRESET, capped: true }),
    startEmulator({ preset: PROVIDERS_PRESET }),
    startEmulator({ preset: PROVIDERS_PRESET, capped: true }),
  ]);
  try {
    return {
      ...(await operationSamples(paginating)),
      'cli-fetch': await cliFetchSample(capped),
      ...(await providerSamples(providers)),
      'cli-fetch-providers': await cliProvidersSample(cappedProviders),
    };
  } finally {
    await Promise.all([paginating.close(), capped.close(), providers.close(), cappedProviders.close()]);
  }
}

async function operationSamples(emulator: RunningEmulator, flags: ConfigFlags = {}) {
  const { app, run } = operationRunner(emulator, flags);
  try {
    return {
      'filtered-models': await run('filtered-models', {
        filter: { pipelineTags: ['feature-extraction'], minLikes: 50 },
        first: 3,
      }),
      'quality-models': await run('quality-models', { pipelineTags: ['translation'], first: 2 }),
      'coverage-report': await run('coverage-report'),
    };
  } finally {
    await app.close();
  }
}

/** Every provider's catalog at once (the emulator's `providers-2025-11`, paginating): the summaries and a router's page. */
async function providerSamples(emulator: RunningEmulator): Promise<Record<string, string>> {
  const { app, run } = operationRunner(emulator, { providers: 'all' });
  try {
    return {
      providers: await run('providers'),
      'routable-models': await run('routable-models', {
        providers: ['groq', 'cerebras'],
        providerStatus: ['LIVE'],
        first: 2,
      }),
      'openai-models': await listSample(app, emulator, '/v1/models?provider=cerebras&task=image-text-to-text&limit=2'),
    };
  } finally {
    await app.close();
  }
}

/** A `GET /v1/models` answer of the app, as the README shows it. */
async function listSample(app: App, emulator: RunningEmulator, path: string): Promise<string> {
  const response = await app.yoga.fetch(`http://hubcat${path}`);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return fence('json', unport(compactJson(await response.json(), JSON_LAYOUT), emulator));
}

/** Runs the checked-in operations against an app over `emulator`, as the README shows them. */
function operationRunner(emulator: RunningEmulator, flags: ConfigFlags) {
  const config = loadConfig({ endpoint: emulator.url, ...flags }, {});
  const app = createApp(config, { upstreamLabel: `${emulator.label} at ${emulator.url}`, graphiql: false });
  const run = async (operation: string, variables: Record<string, unknown> = {}) => {
    const response = await app.yoga.fetch('http://hubcat/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: readOperation(operation), variables }),
    });
    const { data, errors } = (await response.json()) as { data?: unknown; errors?: unknown };
    if (errors !== undefined) throw new Error(`${operation}: ${JSON.stringify(errors)}`);
    return fence('json', unport(compactJson(mask(data), JSON_LAYOUT), emulator));
  };
  return { app, run };
}

/** The gateway's two sorts, then `auto`, as `hubcat fetch` prints them (without timings). */
async function cliFetchSample(emulator: RunningEmulator): Promise<string> {
  const fetchWith = async (args: string[], flags: ConfigFlags) => {
    const config = loadConfig({ endpoint: emulator.url, ...flags }, {});
    const client = new HubClient({ endpoint: config.endpoint });
    const { report } = await fetchCatalog(fetchPlanOf(config), { client });
    const text = renderReport(report, { timings: false }).replace(report.id, 'fetch-…');
    return [`$ hubcat fetch --upstream ${emulator.url}${args.map((arg) => ` ${arg}`).join('')}`, elideRows(text)];
  };
  const sections = [
    ...(await fetchWith(['--strategy', 'multi-sort', '--sorts', 'likes,downloads'], {
      strategy: 'multi-sort',
      sorts: 'likes,downloads',
    })),
    '',
    ...(await fetchWith([], {})),
  ];
  return fence('text', unport(sections.join('\n'), emulator));
}

/** `hubcat fetch --providers all` against a capped upstream: the per-provider table and the router's line. */
async function cliProvidersSample(emulator: RunningEmulator): Promise<string> {
  const config = loadConfig({ endpoint: emulator.url, providers: 'all' }, {});
  const client = new HubClient({ endpoint: config.endpoint });
  const { report } = await fetchCatalog(fetchPlanOf(config), { client, router: routerClientOf(config) });
  const text = renderReport(report, { timings: false }).replace(report.id, 'fetch-…');
  const lines = text.split('\n');
  const proof = lines.filter((line) => line.startsWith('complete:') || line.startsWith('coverage:'));
  const providers = lines.slice(lines.findIndex((line) => line.startsWith('providers (')));
  const shown = [...lines.slice(0, 3), '…', ...proof, '', ...providers];
  const end = shown.findIndex((line) => line.startsWith('router:'));
  const sample = [
    `$ hubcat fetch --upstream ${emulator.url} --providers all`,
    elideRows(shown.slice(0, end + 1).join('\n')),
  ];
  return fence('text', unport(sample.join('\n'), emulator));
}

const readOperation = (name: string) =>
  readFileSync(new URL(`../schema/operations/${name}.graphql`, import.meta.url), 'utf8');

function mask(value: unknown, path = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => mask(item, path));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      const at = path === '' ? key : `${path}.${key}`;
      return [key, item !== null && (VOLATILE.has(key) || VOLATILE_PATHS.has(at)) ? '…' : mask(item, at)];
    }),
  );
}

const unport = (text: string, emulator: RunningEmulator) => text.replaceAll(emulator.url, SHOWN_UPSTREAM);

const fence = (language: string, body: string) => `\`\`\`${language}\n${body}\n\`\`\``;

/** Keeps a table's first 4 and last 2 rows when it has more than 8; the README shows their shape, not all rows. */
function elideRows(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let rows: string[] = [];
  const flush = () => {
    out.push(...(rows.length > 8 ? [...rows.slice(0, 4), `… ${rows.length - 6} more rows`, ...rows.slice(-2)] : rows));
    rows = [];
  };
  for (const line of lines) {
    // Body rows start with │; the head row is the first │ line after a ┌ border and always stays.
    if (line.startsWith('│') && out.at(-1)?.startsWith('┌') !== true) rows.push(line);
    else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out.join('\n');
}
