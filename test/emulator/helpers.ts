import type { EmulatedModel, RunningEmulator } from '../../src/emulator/index.ts';

export type Item = Record<string, unknown>;

export interface Page {
  status: number;
  headers: Headers;
  body: string;
  items: Item[];
  next: string | undefined;
}

/** The `rel="next"` target of a Link header: a comma-separated list whose URLs may themselves contain commas. */
export function nextLink(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,\s*(?=<)/)) {
    const match = /^\s*<([^>]*)>\s*;\s*rel="next"\s*$/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

export async function get(url: string, init?: RequestInit): Promise<Page> {
  const response = await fetch(url, init);
  const body = await response.text();
  let items: Item[] = [];
  if (response.status === 200 && body.startsWith('[')) {
    try {
      items = JSON.parse(body) as Item[];
    } catch {
      items = [];
    }
  }
  return {
    status: response.status,
    headers: response.headers,
    body,
    items,
    next: nextLink(response.headers.get('link')),
  };
}

export function listUrl(emu: RunningEmulator, query: string): string {
  return `${emu.url}/api/models${query ? `?${query}` : ''}`;
}

/** Follows Link headers from `url` to the end. */
export async function crawl(url: string): Promise<{ pages: Page[]; items: Item[] }> {
  const pages: Page[] = [];
  let next: string | undefined = url;
  while (next !== undefined) {
    const page = await get(next);
    if (page.status !== 200) throw new Error(`HTTP ${page.status}: ${page.body}`);
    pages.push(page);
    next = page.next;
    if (pages.length > 10_000) throw new Error('crawl does not end');
  }
  return { pages, items: pages.flatMap((p) => p.items) };
}

export function isServed(
  model: EmulatedModel,
  provider = 'hf-inference',
  statuses: readonly string[] = ['live'],
): boolean {
  return model.inferenceProviderMapping.some((m) => m.provider === provider && statuses.includes(m.status));
}

export const sorted = (values: Iterable<string>): string[] => [...values].sort();
export const idsOf = (items: Item[]): string[] => items.map((item) => item.id as string);
