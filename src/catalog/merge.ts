import { compareIds, type Model } from './model.ts';

export interface CaptureIds {
  name: string;
  ids: readonly string[];
}

export interface CaptureTally {
  new: number;
  duplicates: number;
  cumulativeUnique: number;
}

/**
 * Collects models from captures that arrive in any order. A model seen by several captures keeps the record of the
 * capture that ranks first, so the result is the same however concurrent crawls interleave.
 */
export class ModelAccumulator {
  private readonly byId = new Map<string, { model: Model; rank: number }>();
  private readonly ownerSpelling = new Map<string, string>();

  add(model: Model, rank: number): void {
    const existing = this.byId.get(model.id);
    if (!existing || rank < existing.rank) this.byId.set(model.id, { model, rank });
    const owner = model.id.slice(0, model.id.indexOf('/'));
    if (owner) this.ownerSpelling.set(owner.toLowerCase(), owner);
  }

  /** How an owner seen so far spells its name, looked up ignoring case. */
  spellingOf(owner: string): string | undefined {
    return this.ownerSpelling.get(owner.toLowerCase());
  }

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The ids collected so far. */
  ids(): Set<string> {
    return new Set(this.byId.keys());
  }

  /** Every provider a collected model has a mapping of, whatever its status. */
  providersSeen(): Set<string> {
    const providers = new Set<string>();
    for (const { model } of this.byId.values()) for (const mapping of model.providers) providers.add(mapping.provider);
    return providers;
  }

  /** Collected models with a live mapping of each provider. */
  liveCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { model } of this.byId.values()) {
      for (const provider of new Set(model.providers.filter((m) => m.status === 'live').map((m) => m.provider))) {
        counts.set(provider, (counts.get(provider) ?? 0) + 1);
      }
    }
    return counts;
  }

  /**
   * The merged catalog, sorted by id, each model's `foundBy` listing the captures that contained it in stated order.
   */
  finish(capturesInStatedOrder: readonly CaptureIds[]): Model[] {
    const foundBy = new Map<string, string[]>();
    for (const capture of capturesInStatedOrder) {
      for (const id of capture.ids) {
        const names = foundBy.get(id);
        if (!names) foundBy.set(id, [capture.name]);
        else if (names.at(-1) !== capture.name) names.push(capture.name);
      }
    }
    return [...this.byId.values()]
      .map(({ model }) => ({ ...model, foundBy: foundBy.get(model.id) ?? [] }))
      .sort((a, b) => compareIds(a.id, b.id));
  }
}

/**
 * New, duplicate and cumulative-unique counts of each capture, taken in the given order. A model a capture returns
 * twice (a sort key that changed mid-crawl moves it across a cursor) counts as a duplicate the second time.
 */
export function tallyCaptures(capturesInStatedOrder: readonly CaptureIds[]): CaptureTally[] {
  const seen = new Set<string>();
  return capturesInStatedOrder.map((capture) => {
    let fresh = 0;
    let duplicates = 0;
    for (const id of capture.ids) {
      if (seen.has(id)) duplicates++;
      else {
        seen.add(id);
        fresh++;
      }
    }
    return { new: fresh, duplicates, cumulativeUnique: seen.size };
  });
}
