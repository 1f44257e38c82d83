import type { EvolvingPopulation, PopulationChange } from './evolve.ts';
import { isLineageTag } from './lineage.ts';
import {
  decodeCursor,
  encodeCursor,
  cursorValue,
  project,
  type ListingQuery,
  type MappingShape,
  type SortKey,
} from './listing.ts';
import { parseHexWords } from './object-id.ts';
import { STATUSES, type EmulatedModel, type Population } from './population.ts';
import type { Random } from './random.ts';
import { compareIdWords, orderByObjectId, orderByValue, reorder } from './sorted-orders.ts';

/** One presorted order: positions by (value desc, missing last, `_id` asc); `values` unset for the `_id` order. */
interface SortedOrder {
  order: Int32Array;
  values: Float64Array | undefined;
}

type Test = (i: number) => boolean;
const NONE: Test = () => false;

const TAG_CACHE = 64;
const SEARCH_CACHE = 16;
const JSON_CACHE_PROJECTIONS = 3;
const JSON_CACHE_MAX_MODELS = 300_000;

/** Sort keys whose values move when counts drift. */
const COUNT_KEYS: ReadonlySet<SortKey> = new Set(['likes', 'downloads', 'trendingScore', 'likes30d']);

function remember<K, V>(cache: Map<K, V>, key: K, value: V, size: number): V {
  if (cache.size >= size) cache.delete(cache.keys().next().value as K);
  cache.set(key, value);
  return value;
}

/** One predicate for all tests; undefined when there are none. Short lists avoid the loop: this runs per model. */
function allOf(tests: readonly Test[]): Test | undefined {
  if (tests.length === 0) return undefined;
  if (tests.length === 1) return tests[0];
  if (tests.length === 2) {
    const [a, b] = tests as [Test, Test];
    return (i) => a(i) && b(i);
  }
  return (i) => {
    for (let t = 0; t < tests.length; t++) if (!(tests[t] as Test)(i)) return false;
    return true;
  };
}

/**
 * Presorted orders and filter columns over one population, built lazily and shared by every server that serves it. A
 * request walks an order from its cursor and tests typed-array columns; nothing is sorted per request, and records
 * are only materialized to serialize the page.
 *
 * An evolving server works on its own fork. Positions are never reused: a removed model leaves a tombstone (in no
 * order and no provider's set), a new one takes the next position, and an edited one keeps its own.
 */
export class ListingIndex implements EvolvingPopulation {
  /** Unset while every position holds a model. */
  private alive: Uint8Array | undefined;
  private liveCount: number;
  private versionCount = 0;
  private liveModelList: readonly EmulatedModel[] | undefined;
  private positions: Map<string, number> | undefined;
  private readonly orders = new Map<SortKey, SortedOrder>();
  private idOrder: Int32Array | undefined;
  /** Per mapping status, a bit per provider code that maps the model with that status. */
  private statusMasks: Int32Array[] = [];
  private authorCodes: { ordinals: Int32Array; codes: Map<string, number> } | undefined;
  private haystack: { text: string; starts: Int32Array } | undefined;
  private readonly tagBitmaps = new Map<string, Uint8Array>();
  private readonly libraryBitmaps = new Map<string, Uint8Array>();
  private readonly searchBitmaps = new Map<string, Uint8Array>();
  private readonly jsonCache = new Map<string, (string | undefined)[]>();

  constructor(private readonly population: Population) {
    this.liveCount = population.n;
    this.buildStatusMasks();
  }

  get capacity(): number {
    return this.population.n;
  }

  /** Models in the population now. */
  get size(): number {
    return this.liveCount;
  }

  /** The model at a position, or undefined where a removed model was. */
  record(position: number): EmulatedModel | undefined {
    return this.isAlive(position) ? this.population.record(position) : undefined;
  }

  /** The id at a position, without materializing the record. */
  idAt(position: number): string {
    return this.population.ids[position] as string;
  }

  positionOf(id: string): number | undefined {
    if (!this.positions) {
      this.positions = new Map();
      const ids = this.population.ids;
      for (let i = 0; i < this.capacity; i++) if (this.isAlive(i)) this.positions.set(ids[i] as string, i);
    }
    return this.positions.get(id);
  }

  /** The population in position order (generation order, then models added by evolutions), materialized once. */
  liveModels(): readonly EmulatedModel[] {
    this.liveModelList ??= this.matching(undefined).map((i) => this.population.record(i));
    return this.liveModelList;
  }

  /** Positions that `matches` accepts, removed ones excluded. */
  matching(matches: Test | undefined): number[] {
    const positions: number[] = [];
    for (let i = 0; i < this.capacity; i++) if (this.isAlive(i) && (!matches || matches(i))) positions.push(i);
    return positions;
  }

  /** Models mapping `task` with any provider, in position order (the router's chat models). */
  mappingTask(task: string): EmulatedModel[] {
    const models: EmulatedModel[] = [];
    for (let i = 0; i < this.capacity; i++) {
      if (this.isAlive(i) && this.population.mapsTask(i, task)) models.push(this.population.record(i));
    }
    return models;
  }

  /** Mappings per provider and status, over the whole population, from the filter columns. */
  mappingCounts(): Record<string, Record<(typeof STATUSES)[number], number>> {
    const counts: Record<string, Record<(typeof STATUSES)[number], number>> = {};
    this.population.providers.values.forEach((provider, code) => {
      const bit = providerBit(code);
      const row = (counts[provider] = { live: 0, staging: 0, error: 0 });
      STATUSES.forEach((status, s) => {
        const masks = this.statusMasks[s] as Int32Array;
        for (let i = 0; i < this.capacity; i++)
          if (this.isAlive(i) && ((masks[i] as number) & bit) !== 0) row[status]++;
      });
    });
    return counts;
  }

  /** Bumped by every evolution: caches built from this index compare it. */
  get version(): number {
    return this.versionCount;
  }

  /** Positions mapped to `provider` with one of `statuses`. */
  mappedTo(provider: string, statuses: readonly string[]): number[] {
    return this.matching(this.providerTest([provider], statuses));
  }

  /** A private copy that can evolve while the shared index keeps serving the preset as generated. */
  fork(): ListingIndex {
    const copy = new ListingIndex(this.population.clone());
    copy.alive = this.alive?.slice();
    copy.liveCount = this.liveCount;
    if (this.idOrder) copy.idOrder = this.idOrder.slice();
    for (const [key, sorted] of this.orders) {
      copy.orders.set(key, { order: sorted.order.slice(), values: copy.sortValues(key) });
    }
    return copy;
  }

  /** Applies an evolution at once: records, columns and orders, and drops the caches built from the old records. */
  apply(change: PopulationChange): void {
    const positions = [...change.records.keys()].sort((a, b) => a - b);
    for (const position of positions) this.setRecord(position, change.records.get(position) ?? null);
    this.widenColumns();
    for (const position of change.structural) this.indexMappings(position);
    if (change.drift) this.drift(change.drift.random, change.drift.before);
    this.reorderAll(change);
    this.dropCaches(change);
    this.versionCount++;
  }

  private isAlive(position: number): boolean {
    return this.alive === undefined ? position < this.capacity : this.alive[position] === 1;
  }

  private setRecord(position: number, record: EmulatedModel | null): void {
    const known = position < this.capacity && this.isAlive(position);
    if (record !== null) {
      this.population.write(position, record);
      if (this.alive && this.alive.length < this.capacity) this.alive = widenBytes(this.alive, this.capacity);
      this.alive?.fill(1, position, position + 1);
      if (!known) this.liveCount++;
      this.positions?.set(record.id, position);
      return;
    }
    this.alive ??= new Uint8Array(this.capacity).fill(1);
    this.alive[position] = 0;
    if (known) this.liveCount--;
    this.positions?.delete(this.population.ids[position] as string);
  }

  private drift(random: Random, before: number): void {
    for (let i = 0; i < before; i++) if (this.isAlive(i)) this.population.drift(i, random);
  }

  private buildStatusMasks(): void {
    const { population: p } = this;
    this.statusMasks = STATUSES.map(() => new Int32Array(p.n));
    const { provider, status } = p.mappings;
    for (let i = 0; i < p.n; i++) {
      for (let row = p.mappingStart[i] as number; row < (p.mappingStart[i + 1] as number); row++) {
        const masks = this.statusMasks[status[row] as number] as Int32Array;
        masks[i] = (masks[i] as number) | providerBit(provider[row]);
      }
    }
  }

  private widenColumns(): void {
    const n = this.capacity;
    if ((this.statusMasks[0] as Int32Array).length < n) {
      this.statusMasks = this.statusMasks.map((masks) => widenInts(masks, n));
    }
  }

  /** A position's provider bits; a removed model matches no provider. */
  private indexMappings(i: number): void {
    for (const masks of this.statusMasks) masks[i] = 0;
    if (!this.isAlive(i)) return;
    for (const [provider, status] of this.population.mappingCodes(i)) {
      const masks = this.statusMasks[status] as Int32Array;
      masks[i] = (masks[i] as number) | providerBit(provider);
    }
  }

  /**
   * Orders follow the changed positions; drifted counts move every model in the count orders, which are then dropped
   * and rebuilt on their next use.
   */
  private reorderAll(change: PopulationChange): void {
    const alive = (i: number) => this.isAlive(i);
    const words = this.population.idWords;
    const byId = (a: number, b: number) => compareIdWords(words, a, b);
    if (this.idOrder) this.idOrder = reorder(this.idOrder, change.structural, alive, byId);
    for (const [key, sorted] of this.orders) {
      if (change.drift && COUNT_KEYS.has(key)) {
        this.orders.delete(key);
        continue;
      }
      const values = (sorted.values = this.sortValues(key, sorted.values, change.structural));
      if (!values) {
        sorted.order = this.idOrder!;
        continue;
      }
      const byValue = (a: number, b: number) => {
        const [va, vb] = [values[a] as number, values[b] as number];
        if (va !== vb) return va !== va ? 1 : vb !== vb ? -1 : vb - va;
        return byId(a, b);
      };
      sorted.order = reorder(sorted.order, change.structural, alive, byValue);
    }
  }

  private dropCaches(change: PopulationChange): void {
    this.liveModelList = undefined;
    this.authorCodes = undefined;
    this.haystack = undefined;
    this.tagBitmaps.clear();
    this.libraryBitmaps.clear();
    this.searchBitmaps.clear();
    if (change.drift) this.jsonCache.clear();
    for (const cache of this.jsonCache.values())
      for (const position of change.records.keys()) cache[position] = undefined;
  }

  /**
   * The values an order sorts by: a population column where one holds them, else computed (`likes30d`, refreshed
   * at `touched` positions when given `previous`); undefined for the `_id` order.
   */
  private sortValues(key: SortKey, previous?: Float64Array, touched?: ReadonlySet<number>): Float64Array | undefined {
    const p = this.population;
    switch (key) {
      case '_id':
        return undefined;
      case 'likes':
      case 'downloads':
      case 'trendingScore':
      case 'createdAt':
      case 'lastModified':
        return p[key];
      case 'likes30d': {
        const values = previous && previous.length >= p.n ? previous : new Float64Array(p.n);
        const at = (i: number) => {
          const trending = p.trendingScore[i] as number;
          // A digit of the `_id` (hex digit 21) spreads models with equal trending scores.
          values[i] =
            Math.round((trending === trending ? trending : 0) * 3) +
            ((((p.idWords[3 * i + 2] as number) >>> 8) & 15) % 5);
        };
        if (previous === values && touched) touched.forEach(at);
        else for (let i = 0; i < p.n; i++) at(i);
        return values;
      }
    }
  }

  sortedOrder(key: SortKey): SortedOrder {
    let sorted = this.orders.get(key);
    if (sorted) return sorted;
    const words = this.population.idWords;
    this.idOrder ??= orderByObjectId(words, this.capacity, (i) => this.isAlive(i));
    const values = this.sortValues(key);
    sorted = { order: values ? orderByValue(values, this.idOrder) : this.idOrder, values };
    this.orders.set(key, sorted);
    return sorted;
  }

  /** Builds one predicate over the columns for a query; undefined means every model matches. */
  matcher(query: ListingQuery, providerStatuses: readonly string[]): Test | undefined {
    const tests = [
      this.providerTest(query.providers, providerStatuses),
      ...this.columnTests(query),
      ...this.bitmapTests(query),
    ].filter((test) => test !== undefined);
    return tests.includes(NONE) ? NONE : allOf(tests);
  }

  /** Models mapped to any of the providers with one of the statuses (the listing filter's "served"). */
  private providerTest(providers: ListingQuery['providers'], statuses: readonly string[]): Test | undefined {
    if (providers === undefined) return undefined;
    const masks = statuses
      .map((s) => this.statusMasks[STATUSES.indexOf(s as (typeof STATUSES)[number])])
      .filter((m) => m !== undefined);
    let bits = 0;
    if (providers === 'all') bits = -1;
    else for (const provider of providers) bits |= providerBit(this.population.providers.find(provider));
    if (bits === 0 || masks.length === 0) return NONE;
    let mask = masks[0] as Int32Array;
    if (masks.length > 1) {
      mask = new Int32Array(this.capacity);
      for (const m of masks) for (let i = 0; i < this.capacity; i++) mask[i] = (mask[i] as number) | (m[i] as number);
    }
    return (i) => ((mask[i] as number) & bits) !== 0;
  }

  private columnTests(query: ListingQuery): (Test | undefined)[] {
    const { pipelineCode: codes, gated, parameterTotal: safetensors, ggufTotal: gguf } = this.population;
    const tests: (Test | undefined)[] = [];
    if (query.pipelineTag !== undefined) {
      const code = this.population.tasks.find(query.pipelineTag);
      tests.push(code === undefined ? NONE : (i) => codes[i] === code);
    }
    if (query.gated !== undefined) {
      const want = query.gated;
      tests.push((i) => (gated[i] !== 0) === want);
    }
    if (query.author !== undefined) {
      const { ordinals, codes: authors } = this.authors();
      const code = authors.get(query.author);
      tests.push(code === undefined ? NONE : (i) => ordinals[i] === code);
    }
    if (query.parameters !== undefined) {
      const { min, max } = query.parameters;
      const total = (i: number) => (safetensors[i] === safetensors[i] ? safetensors[i] : gguf[i]) as number;
      tests.push((i) => total(i) >= min && total(i) <= max);
    }
    return tests;
  }

  private bitmapTests(query: ListingQuery): Test[] {
    const bitmaps: Uint8Array[] = [];
    if (query.library !== undefined) bitmaps.push(this.libraryBitmap(query.library));
    for (const tag of new Set(query.tags)) bitmaps.push(this.tagBitmap(tag));
    if (query.search !== undefined) bitmaps.push(this.searchBitmap(query.search));
    return bitmaps.map((bitmap) => (i) => bitmap[i] === 1);
  }

  /** Runs a query from its cursor: the page's model positions and the cursor of the next page, if any remain. */
  page(
    query: ListingQuery,
    providerStatuses: readonly string[],
    useCursor: boolean,
  ): { items: number[]; next: string | undefined } {
    const sorted = this.sortedOrder(query.sort);
    const start = useCursor && query.cursor !== undefined ? this.startAfter(sorted, query.cursor, query.sort) : 0;
    const matches = this.matcher(query, providerStatuses);
    const { order } = sorted;
    const items: number[] = [];
    let more = false;
    for (let k = start; k < order.length; k++) {
      const i = order[k] as number;
      if (matches !== undefined && !matches(i)) continue;
      if (items.length === query.limit) {
        more = true;
        break;
      }
      items.push(i);
    }
    const last = items.at(-1);
    if (!more || last === undefined) return { items, next: undefined };
    const model = this.population.record(last);
    return { items, next: encodeCursor({ sort: query.sort, value: cursorValue(model, query.sort), _id: model._id }) };
  }

  /** The first position of the order strictly after the cursor's (value, `_id`): keyset, so it survives changes. */
  private startAfter({ order, values }: SortedOrder, cursor: string, sort: SortKey): number {
    const position = decodeCursor(cursor, sort);
    const value =
      position.value === null ? NaN : typeof position.value === 'string' ? Date.parse(position.value) : position.value;
    const missing = value !== value;
    const words = this.population.idWords;
    const cursorWords = new Uint32Array(3);
    parseHexWords(position._id, cursorWords, 0, 3);
    const afterId = (i: number) => {
      for (let w = 0; w < 3; w++) {
        const x = words[3 * i + w] as number;
        const y = cursorWords[w] as number;
        if (x !== y) return x > y;
      }
      return false;
    };
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const i = order[mid] as number;
      const v = values ? (values[i] as number) : NaN;
      const vMissing = v !== v;
      const after = vMissing !== missing ? vMissing : !missing && v !== value ? v < value : afterId(i);
      if (after) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /**
   * A serialized item. Up to JSON_CACHE_PROJECTIONS field lists (default, `full`, a client's `expand` set) are cached
   * per model, which makes repeated crawls cheap; a million-model dataset is not cached, to stay within memory.
   */
  itemJson(i: number, fields: readonly string[], mappingShape: MappingShape = 'array'): string {
    const item = () => JSON.stringify(project(this.population.record(i), fields, mappingShape));
    if (this.capacity > JSON_CACHE_MAX_MODELS) return item();
    const key = `${fields.join(',')}|${mappingShape}`;
    let cache = this.jsonCache.get(key);
    cache ??= remember(this.jsonCache, key, new Array<string | undefined>(this.capacity), JSON_CACHE_PROJECTIONS);
    let json = cache[i];
    if (json === undefined) cache[i] = json = item();
    return json;
  }

  private authors(): { ordinals: Int32Array; codes: Map<string, number> } {
    if (!this.authorCodes) {
      const ordinals = new Int32Array(this.capacity);
      const codes = new Map<string, number>();
      this.population.ids.forEach((id, i) => {
        const author = id.slice(0, id.indexOf('/')).toLowerCase();
        let code = codes.get(author);
        if (code === undefined) codes.set(author, (code = codes.size));
        ordinals[i] = code;
      });
      this.authorCodes = { ordinals, codes };
    }
    return this.authorCodes;
  }

  /** Tag lists are shared between models, so the answer is worked out once per list. */
  private tagBitmap(tag: string): Uint8Array {
    const cached = this.tagBitmaps.get(tag);
    if (cached) return cached;
    const bitmap = new Uint8Array(this.capacity);
    const population = this.population;
    if (isLineageTag(tag)) {
      // A model's own: its base model and region, kept beside the shared lists.
      for (let i = 0; i < this.capacity; i++) bitmap[i] = population.lineageTags(i).includes(tag) ? 1 : 0;
    } else {
      const has = Uint8Array.from(population.tagLists.values, (tags) => (tags.includes(tag) ? 1 : 0));
      for (let i = 0; i < this.capacity; i++) bitmap[i] = has[population.tagCode[i] as number] as number;
    }
    return remember(this.tagBitmaps, tag, bitmap, TAG_CACHE);
  }

  private libraryBitmap(library: string): Uint8Array {
    const cached = this.libraryBitmaps.get(library);
    if (cached) return cached;
    const bitmap = this.tagBitmap(library).slice();
    const code = this.population.libraries.find(library);
    const codes = this.population.libraryCode;
    if (code !== undefined) for (let i = 0; i < this.capacity; i++) if (codes[i] === code) bitmap[i] = 1;
    return remember(this.libraryBitmaps, library, bitmap, TAG_CACHE);
  }

  /**
   * Models whose lowercased id contains `needle`: one `indexOf` scan over all ids joined by newlines, which is far
   * cheaper than testing each id, then a jump to the next id after each hit.
   */
  private searchBitmap(needle: string): Uint8Array {
    const cached = this.searchBitmaps.get(needle);
    if (cached) return cached;
    const bitmap = new Uint8Array(this.capacity);
    if (!needle.includes('\n')) {
      const { text, starts } = this.ids();
      let from = 0;
      for (;;) {
        const at = text.indexOf(needle, from);
        if (at === -1) break;
        let lo = 0;
        let hi = this.capacity - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >>> 1;
          if ((starts[mid] as number) <= at) lo = mid;
          else hi = mid - 1;
        }
        bitmap[lo] = 1;
        if (lo + 1 >= this.capacity) break;
        from = starts[lo + 1] as number;
      }
    }
    return remember(this.searchBitmaps, needle, bitmap, SEARCH_CACHE);
  }

  private ids(): { text: string; starts: Int32Array } {
    if (!this.haystack) {
      const starts = new Int32Array(this.capacity);
      let at = 0;
      this.population.ids.forEach((id, i) => {
        starts[i] = at;
        at += id.length + 1;
      });
      this.haystack = { text: this.population.ids.join('\n').toLowerCase(), starts };
    }
    return this.haystack;
  }
}

/** Provider codes past 30 would not fit a 32-bit mask; presets stay far below. */
function providerBit(code: number | undefined): number {
  if (code === undefined) return 0;
  if (code > 30) throw new Error('too many providers for the emulator index');
  return 1 << code;
}

function widenInts(from: Int32Array, length: number): Int32Array {
  const to = new Int32Array(length);
  to.set(from);
  return to;
}

function widenBytes(from: Uint8Array, length: number): Uint8Array {
  const to = new Uint8Array(length).fill(1, from.length);
  to.set(from);
  return to;
}
