/**
 * What a 1,000-model listing page weighs with each expansion hubcat may ask for, on the emulator: the figures behind
 * HUBCAT_EXPAND's default in the README. `npx tsx scripts/page-sizes.ts [preset] [provider]`.
 */
import { CATALOG_EXPANSIONS, CATALOG_EXPAND_FIELDS } from '../src/catalog/normalize.ts';
import { startEmulator } from '../src/emulator/index.ts';

const [preset = 'providers-2025-11', provider = 'all'] = process.argv.slice(2);
const emulator = await startEmulator({ preset });

const listing = (params: string) =>
  `${emulator.url}/api/models?inference_provider=${provider}&sort=createdAt&limit=1000&${params}`;
const expand = (fields: readonly string[]) => fields.map((field) => `expand[]=${field}`).join('&');

const shapes: [string, string][] = [
  ['the Hub default (no expand)', listing('')],
  ['catalog fields only', listing(expand(CATALOG_EXPAND_FIELDS))],
  ...CATALOG_EXPANSIONS.map((field): [string, string] => [
    `catalog fields + ${field}`,
    listing(expand([...CATALOG_EXPAND_FIELDS, field])),
  ]),
  ['catalog fields + all three', listing(expand([...CATALOG_EXPAND_FIELDS, ...CATALOG_EXPANSIONS]))],
  ['full=true', listing('full=true')],
];

try {
  console.log(`preset ${preset}, inference_provider=${provider}, first page of 1,000 sorted by createdAt\n`);
  console.log('| expansion | items | bytes | bytes per item |\n|---|---|---|---|');
  for (const [label, url] of shapes) {
    const body = await (await fetch(url)).text();
    const items = (JSON.parse(body) as unknown[]).length;
    const bytes = Buffer.byteLength(body);
    console.log(`| ${label} | ${items} | ${bytes.toLocaleString('en')} | ${Math.round(bytes / items)} |`);
  }
} finally {
  await emulator.close();
}
