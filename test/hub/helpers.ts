import type { HubPage } from '../../src/hub/index.ts';

/** A `sleep` that records each wait and returns at once: tests inject time, never HTTP. */
export function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  };
}

export async function collect(pages: AsyncIterable<HubPage>): Promise<HubPage[]> {
  const out: HubPage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

export function idsOf(pages: HubPage[]): string[] {
  return pages.flatMap((page) => page.items.map((item) => item.id));
}

export const sorted = (ids: string[]): string[] => [...ids].sort();

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
