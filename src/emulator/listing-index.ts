import type { EmulatedModel } from './dataset.ts';
import type { EvolvingPopulation, PopulationChange } from './evolve.ts';
import {
  cursorValue,
  decodeCursor,
  encodeCursor,
  project,
  sortValue,
  type ListingQuery,
  type SortKey,
} from './listing.ts';

/** One presorted order: model positions by (value desc, missing last, `_id` asc), with the values alongside. */
interface SortedOrder {
  order: Int32Array;
  values: Float64Array;
}

const TAG_CACHE = 64;
const SEARCH_CACHE = 16;
const JSON_CACHE_PROJECTIONS = 3;
const JSON_CACHE_MAX_MODELS = 300_000;

function remember<K, V>(cache: Map<K, V>, key: K, value: V, size: number): V {
  if (cache.size >= size) cache.delete(cache.keys().next().value as K);
  cache.set(key, value);
  return value;
}

/**
 * Model positions by `_id` ascending. ObjectIds are 24 hex digits, so this is an LSD radix sort over their three
 * 32-bit words: linear time, where a comparison sort of a million strings takes seconds.
 */
function orderByObjectId(models: readonly EmulatedModel[], alive: Uint8Array | undefined): Int32Array {
  const n = models.length;
  const words = [new Uint32Array(n), new Uint32Array(n), new Uint32Array(n)];
  for (let i = 0; i < n; i++) {
    const id = (models[i] as EmulatedModel)._id;
    for (let w = 0; w < 3; w++) {
      let word = 0;
      for (let c = w * 8; c < w * 8 + 8; c++) {
        const code = id.charCodeAt(c);
        word = word * 16 + (code <= 57 ? code - 48 : code - 87);
      }
      (words[w] as Uint32Array)[i] = word;
    }
  }
  let order = Int32Array.from({ length: n }, (_, i) => i);
  let scratch = new Int32Array(n);
  const counts = new Int32Array(65537);
  for (let w = 2; w >= 0; w--) {
    const word = words[w] as Uint32Array;
    for (const shift of [0, 16]) {
      counts.fill(0);
      for (let k = 0; k < n; k++) (counts[(((word[order[k] as number] as number) >>> shift) & 0xffff) + 1] as number)++;
      for (let d = 1; d <= 65536; d++) counts[d] = (counts[d] as number) + (counts[d - 1] as number);
      for (let k = 0; k < n; k++) {
        const i = order[k] as number;
        const digit = ((word[i] as number) >>> shift) & 0xffff;
        scratch[counts[digit] as number] = i;
        counts[digit] = (counts[digit] as number) + 1;
      }
      [order, scratch] = [scratch, order];
    }
  }
  return alive ? order.filter((i) => alive[i] === 1) : order;
}

/**
 * The positions of `idOrder` by value descending, missing (NaN) last, ties in `_id` order: each value gets its
 * descending rank among the distinct values (a native numeric sort plus binary searches), then a stable counting sort
 * by rank runs over the `_id` order.
 */
function orderByValue(values: Float64Array, idOrder: Int32Array): Int32Array {
  const m = idOrder.length;
  const members = new Float64Array(m);
  for (let k = 0; k < m; k++) members[k] = values[idOrder[k] as number] as number;
  const ascending = Float64Array.from(members).sort();
  let present = 0;
  while (present < m && !Number.isNaN(ascending[present])) present++;
  const ranks = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const v = members[k] as number;
    if (v !== v) {
      ranks[k] = present;
      continue;
    }
    let lo = 0;
    let hi = present;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ascending[mid] as number) <= v) lo = mid + 1;
      else hi = mid;
    }
    ranks[k] = present - lo;
  }
  const starts = new Int32Array(present + 2);
  for (let k = 0; k < m; k++) (starts[(ranks[k] as number) + 1] as number)++;
  for (let r = 1; r < starts.length; r++) starts[r] = (starts[r] as number) + (starts[r - 1] as number);
  const order = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const r = ranks[k] as number;
    order[starts[r] as number] = idOrder[k] as number;
    starts[r] = (starts[r] as number) + 1;
  }
  return order;
}

/**
 * `order` with the `touched` positions taken out and the live ones among them put back where `compare` places them:
 * binary searches and block copies, so an evolution of a few models costs one pass over the order, not a sort.
 */
function reorder(
  order: Int32Array,
  touched: ReadonlySet<number>,
  isAlive: (i: number) => boolean,
  compare: (a: number, b: number) => number,
): Int32Array {
  const kept = order.filter((i) => !touched.has(i));
  const inserts = [...touched].filter(isAlive).sort(compare);
  const merged = new Int32Array(kept.length + inserts.length);
  let from = 0;
  let to = 0;
  for (const i of inserts) {
    let lo = from;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(kept[mid] as number, i) < 0) lo = mid + 1;
      else hi = mid;
    }
    merged.set(kept.subarray(from, lo), to);
    to += lo - from;
    from = lo;
    merged[to++] = i;
  }
  merged.set(kept.subarray(from), to);
  return merged;
}

type Test = (i: number) => boolean;
const NONE: Test = () => false;

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

/** Sort keys whose values move when counts drift. */
const COUNT_KEYS: ReadonlySet<SortKey> = new Set(['likes', 'downloads', 'trendingScore', 'likes30d']);

/**
 * Presorted orders and per-model columns over one dataset, built lazily once and shared by every server that serves
 * it. A request walks an order from its cursor and tests typed-array columns; nothing is sorted per request, and the
 * model objects are only touched to serialize the page.
 *
 * An evolving server works on its own fork. Positions are never reused: a removed model leaves a tombstone (in no
 * order and no provider's set), a new one takes the next position, and an edited one keeps its own.
 */
export class ListingIndex implements EvolvingPopulation {
  private n: number;
  private models: EmulatedModel[];
  /** Unset while every position holds a model. */
  private alive: Uint8Array | undefined;
  private liveModelList: readonly EmulatedModel[] | undefined;
  private liveCount: number;
  private positions: Map<string, number> | undefined;
  private readonly orders = new Map<SortKey, SortedOrder>();
  private idOrder: Int32Array | undefined;
  private readonly providerBits = new Map<string, number>();
  /** Per mapping status, a bit per provider that maps the model with that status. */
  private readonly statusMasks = new Map<string, Int32Array>();
  private pipelineCodes: Int32Array;
  private readonly pipelineOrdinals = new Map<string, number>();
  private gated: Uint8Array;
  private parameterTotals: Float64Array;
  private authorCodes: { ordinals: Int32Array; codes: Map<string, number> } | undefined;
  private haystack: { text: string; starts: Int32Array } | undefined;
  private readonly tagBitmaps = new Map<string, Uint8Array>();
  private readonly libraryBitmaps = new Map<string, Uint8Array>();
  private readonly searchBitmaps = new Map<string, Uint8Array>();
  private readonly jsonCache = new Map<string, (string | undefined)[]>();

  constructor(models: readonly EmulatedModel[]) {
    const n = (this.n = this.liveCount = models.length);
    this.models = [...models];
    this.pipelineCodes = new Int32Array(n);
    this.gated = new Uint8Array(n);
    this.parameterTotals = new Float64Array(n);
    for (let i = 0; i < n; i++) this.indexColumns(i, models[i]);
  }

  get capacity(): number {
    return this.n;
  }

  /** Models in the population now. */
  get size(): number {
    return this.liveCount;
  }

  /** The model at a position, or undefined where a removed model was. */
  record(position: number): EmulatedModel | undefined {
    return this.isAlive(position) ? this.models[position] : undefined;
  }

  positionOf(id: string): number | undefined {
    if (!this.positions) {
      this.positions = new Map();
      for (let i = 0; i < this.n; i++) if (this.isAlive(i)) this.positions.set((this.models[i] as EmulatedModel).id, i);
    }
    return this.positions.get(id);
  }

  /** The population in position order (generation order, then models added by evolutions). */
  liveModels(): readonly EmulatedModel[] {
    this.liveModelList ??= this.alive ? this.models.filter((_, i) => this.isAlive(i)) : this.models;
    return this.liveModelList;
  }

  /** Positions that `matches` accepts, removed ones excluded. */
  matching(matches: ((i: number) => boolean) | undefined): number[] {
    const positions: number[] = [];
    for (let i = 0; i < this.n; i++) if (this.isAlive(i) && (!matches || matches(i))) positions.push(i);
    return positions;
  }

  /** A private copy that can evolve while the shared index keeps serving the preset as generated. */
  fork(): ListingIndex {
    const copy = new ListingIndex(this.models);
    copy.alive = this.alive?.slice();
    copy.liveCount = this.liveCount;
    for (let i = 0; i < this.n; i++) if (!this.isAlive(i)) copy.indexColumns(i, undefined);
    if (this.idOrder) copy.idOrder = this.idOrder.slice();
    for (const [key, sorted] of this.orders) {
      copy.orders.set(key, { order: sorted.order.slice(), values: sorted.values.slice() });
    }
    return copy;
  }

  /** Applies an evolution at once: records, columns and orders, and drops the caches built from the old records. */
  apply(change: PopulationChange): void {
    let last = this.n - 1;
    for (const position of change.records.keys()) last = Math.max(last, position);
    this.grow(last + 1);
    this.models = [...this.models];
    for (const [position, record] of change.records) this.setRecord(position, record);
    for (const position of change.structural) this.indexColumns(position, this.record(position));
    this.reorderAll(change);
    this.dropCaches(change);
  }

  private isAlive(position: number): boolean {
    return this.alive === undefined ? position < this.n : this.alive[position] === 1;
  }

  private setRecord(position: number, record: EmulatedModel | null): void {
    const before = this.models[position];
    if (record === null) {
      this.alive ??= new Uint8Array(this.n).fill(1);
      if (this.alive[position] === 1) this.liveCount--;
      this.alive[position] = 0;
      if (before) this.positions?.delete(before.id);
      return;
    }
    this.models[position] = record;
    if (!before) {
      this.liveCount++;
      this.positions?.set(record.id, position);
    }
  }

  /** Writes a position's filter columns; a removed model matches no provider, task or gate. */
  private indexColumns(i: number, model: EmulatedModel | undefined): void {
    for (const masks of this.statusMasks.values()) masks[i] = 0;
    for (const mapping of model?.inferenceProviderMapping ?? []) {
      let bit = this.providerBits.get(mapping.provider);
      if (bit === undefined) {
        if (this.providerBits.size >= 31) throw new Error('too many providers for the emulator index');
        bit = 1 << this.providerBits.size;
        this.providerBits.set(mapping.provider, bit);
      }
      let masks = this.statusMasks.get(mapping.status);
      if (!masks) this.statusMasks.set(mapping.status, (masks = new Int32Array(this.n)));
      masks[i] = (masks[i] as number) | bit;
    }
    const task = model?.pipeline_tag;
    let code = -1;
    if (task !== undefined) {
      code = this.pipelineOrdinals.get(task) ?? this.pipelineOrdinals.size;
      this.pipelineOrdinals.set(task, code);
    }
    this.pipelineCodes[i] = code;
    this.gated[i] = model === undefined ? 2 : model.gated === false ? 0 : 1;
    this.parameterTotals[i] = model?.safetensors?.total ?? NaN;
  }

  /** Makes room for new positions; typed arrays cannot grow in place. */
  private grow(n: number): void {
    if (n === this.n) return;
    const widen = <T extends Int32Array | Uint8Array | Float64Array>(from: T, make: (n: number) => T): T => {
      const to = make(n);
      to.set(from);
      return to;
    };
    this.pipelineCodes = widen(this.pipelineCodes, (k) => new Int32Array(k));
    this.gated = widen(this.gated, (k) => new Uint8Array(k));
    this.parameterTotals = widen(this.parameterTotals, (k) => new Float64Array(k));
    for (const [status, masks] of this.statusMasks)
      this.statusMasks.set(
        status,
        widen(masks, (k) => new Int32Array(k)),
      );
    if (this.alive) this.alive = widen(this.alive, (k) => new Uint8Array(k));
    for (const sorted of this.orders.values()) sorted.values = widen(sorted.values, (k) => new Float64Array(k));
    this.alive ??= new Uint8Array(n).fill(1, 0, this.n);
    this.alive.fill(1, this.n, n);
    this.n = n;
  }

  /**
   * Orders follow the changed positions; drifted counts move every model in the count orders, which are then dropped
   * and rebuilt on their next use.
   */
  private reorderAll(change: PopulationChange): void {
    const alive = (i: number) => this.isAlive(i);
    const idOf = (i: number) => (this.models[i] as EmulatedModel)._id;
    const byId = (a: number, b: number) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0);
    if (this.idOrder) this.idOrder = reorder(this.idOrder, change.structural, alive, byId);
    for (const [key, sorted] of this.orders) {
      if (key === '_id') {
        sorted.order = this.idOrder!;
        continue;
      }
      if (change.countsMoved && COUNT_KEYS.has(key)) {
        this.orders.delete(key);
        continue;
      }
      const values = sorted.values;
      for (const i of change.structural) values[i] = this.isAlive(i) ? sortValue(this.models[i]!, key) : NaN;
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
    if (change.countsMoved) this.jsonCache.clear();
    for (const cache of this.jsonCache.values())
      for (const position of change.records.keys()) cache[position] = undefined;
  }

  sortedOrder(key: SortKey): SortedOrder {
    let sorted = this.orders.get(key);
    if (sorted) return sorted;
    if (!this.idOrder) this.idOrder = orderByObjectId(this.models, this.alive);
    const values = new Float64Array(this.n);
    if (key === '_id') values.fill(NaN);
    else for (let i = 0; i < this.n; i++) values[i] = this.isAlive(i) ? sortValue(this.models[i]!, key) : NaN;
    sorted = { order: key === '_id' ? this.idOrder : orderByValue(values, this.idOrder), values };
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
    const masks = statuses.map((s) => this.statusMasks.get(s)).filter((m) => m !== undefined);
    let bits = 0;
    if (providers === 'all') bits = -1;
    else for (const provider of providers) bits |= this.providerBits.get(provider) ?? 0;
    if (bits === 0 || masks.length === 0) return NONE;
    let mask = masks[0] as Int32Array;
    if (masks.length > 1) {
      mask = new Int32Array(this.n);
      for (const m of masks) for (let i = 0; i < this.n; i++) mask[i] = (mask[i] as number) | (m[i] as number);
    }
    return (i) => ((mask[i] as number) & bits) !== 0;
  }

  private columnTests(query: ListingQuery): (Test | undefined)[] {
    const { pipelineCodes: codes, gated, parameterTotals: totals } = this;
    const tests: (Test | undefined)[] = [];
    if (query.pipelineTag !== undefined) {
      const code = this.pipelineOrdinals.get(query.pipelineTag);
      tests.push(code === undefined ? NONE : (i) => codes[i] === code);
    }
    if (query.gated !== undefined) {
      const want = query.gated ? 1 : 0;
      tests.push((i) => gated[i] === want);
    }
    if (query.author !== undefined) {
      const { ordinals, codes: authors } = this.authors();
      const code = authors.get(query.author);
      tests.push(code === undefined ? NONE : (i) => ordinals[i] === code);
    }
    if (query.parameters !== undefined) {
      const { min, max } = query.parameters;
      tests.push((i) => (totals[i] as number) >= min && (totals[i] as number) <= max);
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
    const { order, values } = this.sortedOrder(query.sort);
    const models = this.models;
    let start = 0;
    if (useCursor && query.cursor !== undefined) {
      const position = decodeCursor(query.cursor, query.sort);
      const value =
        position.value === null
          ? NaN
          : typeof position.value === 'string'
            ? Date.parse(position.value)
            : position.value;
      const missing = value !== value;
      // First position strictly after (value, _id) in listing order.
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const i = order[mid] as number;
        const v = values[i] as number;
        const vMissing = v !== v;
        let after: boolean;
        if (vMissing !== missing) after = vMissing;
        else if (!missing && v !== value) after = v < value;
        else after = (models[i] as EmulatedModel)._id > position._id;
        if (after) hi = mid;
        else lo = mid + 1;
      }
      start = lo;
    }
    const matches = this.matcher(query, providerStatuses);
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
    const model = models[last] as EmulatedModel;
    return { items, next: encodeCursor({ sort: query.sort, value: cursorValue(model, query.sort), _id: model._id }) };
  }

  /**
   * A serialized item. Up to JSON_CACHE_PROJECTIONS field lists (default, `full`, a client's `expand` set) are cached
   * per model, which makes repeated crawls cheap; a million-model dataset is not cached, to stay within memory.
   */
  itemJson(i: number, fields: readonly string[]): string {
    const model = this.models[i] as EmulatedModel;
    if (this.n > JSON_CACHE_MAX_MODELS) return JSON.stringify(project(model, fields));
    const key = fields.join(',');
    let cache = this.jsonCache.get(key);
    if (!cache) cache = remember(this.jsonCache, key, new Array<string | undefined>(this.n), JSON_CACHE_PROJECTIONS);
    let json = cache[i];
    if (json === undefined) cache[i] = json = JSON.stringify(project(model, fields));
    return json;
  }

  private authors(): { ordinals: Int32Array; codes: Map<string, number> } {
    if (!this.authorCodes) {
      const ordinals = new Int32Array(this.n);
      const codes = new Map<string, number>();
      this.models.forEach((m, i) => {
        const author = m.author.toLowerCase();
        let code = codes.get(author);
        if (code === undefined) codes.set(author, (code = codes.size));
        ordinals[i] = code;
      });
      this.authorCodes = { ordinals, codes };
    }
    return this.authorCodes;
  }

  private tagBitmap(tag: string): Uint8Array {
    const cached = this.tagBitmaps.get(tag);
    if (cached) return cached;
    const bitmap = new Uint8Array(this.n);
    // Tag arrays are shared between models, so remember the answer per array.
    const answers = new Map<readonly string[], boolean>();
    this.models.forEach((m, i) => {
      let has = answers.get(m.tags);
      if (has === undefined) answers.set(m.tags, (has = m.tags.includes(tag)));
      if (has) bitmap[i] = 1;
    });
    return remember(this.tagBitmaps, tag, bitmap, TAG_CACHE);
  }

  private libraryBitmap(library: string): Uint8Array {
    const cached = this.libraryBitmaps.get(library);
    if (cached) return cached;
    const tagged = this.tagBitmap(library);
    const bitmap = new Uint8Array(this.n);
    this.models.forEach((m, i) => {
      if (tagged[i] === 1 || m.library_name === library) bitmap[i] = 1;
    });
    return remember(this.libraryBitmaps, library, bitmap, TAG_CACHE);
  }

  /**
   * Models whose lowercased id contains `needle`: one `indexOf` scan over all ids joined by newlines, which is far
   * cheaper than testing each id, then a jump to the next id after each hit.
   */
  private searchBitmap(needle: string): Uint8Array {
    const cached = this.searchBitmaps.get(needle);
    if (cached) return cached;
    const bitmap = new Uint8Array(this.n);
    if (!needle.includes('\n')) {
      const { text, starts } = this.ids();
      let from = 0;
      for (;;) {
        const at = text.indexOf(needle, from);
        if (at === -1) break;
        let lo = 0;
        let hi = this.n - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >>> 1;
          if ((starts[mid] as number) <= at) lo = mid;
          else hi = mid - 1;
        }
        bitmap[lo] = 1;
        if (lo + 1 >= this.n) break;
        from = starts[lo + 1] as number;
      }
    }
    return remember(this.searchBitmaps, needle, bitmap, SEARCH_CACHE);
  }

  private ids(): { text: string; starts: Int32Array } {
    if (!this.haystack) {
      const lower = this.models.map((m) => m.id.toLowerCase());
      const starts = new Int32Array(this.n);
      let at = 0;
      lower.forEach((id, i) => {
        starts[i] = at;
        at += id.length + 1;
      });
      this.haystack = { text: lower.join('\n'), starts };
    }
    return this.haystack;
  }
}
