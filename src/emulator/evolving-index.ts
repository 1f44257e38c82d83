import { parseEvolveSpec, EvolveError, type EvolveResult } from './evolve-spec.ts';
import { planEvolution } from './evolve.ts';
import type { ListingIndex } from './listing-index.ts';
import { parseListingQuery } from './listing.ts';

const HOUR_MS = 3_600_000;

/**
 * One server's dataset: the index its preset and seed share in this process until the first evolution, then a private
 * fork, so that evolving one server never changes what another serves. Evolutions are numbered per server and drawn
 * from the seed and that number alone.
 */
export class EvolvingIndex {
  private forked = false;
  private evolutions = 0;
  private clock: number;

  constructor(
    private index: ListingIndex,
    private readonly seed: number,
    now: string,
    private readonly servedStatuses: readonly string[],
  ) {
    this.clock = Date.parse(now);
  }

  get current(): ListingIndex {
    return this.index;
  }

  get evolutionCount(): number {
    return this.evolutions;
  }

  /** Validates and applies an evolution in one synchronous step, so no request sees half of it. */
  evolve(input: unknown): EvolveResult {
    const spec = parseEvolveSpec(input);
    const at = spec.at === undefined ? this.clock + HOUR_MS : Date.parse(spec.at);
    if (at <= this.clock) {
      throw new EvolveError(`"at" must be later than the previous evolution (${new Date(this.clock).toISOString()})`);
    }
    const population = this.forked ? this.index : this.index.fork();
    const { change, result } = planEvolution(population, spec, {
      seed: this.seed,
      evolution: this.evolutions + 1,
      at,
      servedStatuses: this.servedStatuses,
    });
    population.apply(change);
    this.index = population;
    this.forked = true;
    this.evolutions++;
    this.clock = at;
    return { ...result, population: population.size, served: this.servedCount(result.provider) };
  }

  private servedCount(provider: string): number {
    const query = parseListingQuery(new URLSearchParams({ inference_provider: provider }));
    return this.index.matching(this.index.matcher(query, this.servedStatuses)).length;
  }
}
