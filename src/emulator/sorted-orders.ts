/** Positions compared by `_id` words: -1, 0 or 1, as the hex strings compare. */
export function compareIdWords(words: Uint32Array, a: number, b: number): number {
  for (let w = 0; w < 3; w++) {
    const x = words[3 * a + w] as number;
    const y = words[3 * b + w] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Positions by `_id` ascending, given their ids as three 32-bit words each: an LSD radix sort over 16-bit digits, in
 * linear time where a comparison sort of a million strings takes seconds. `isAlive` drops removed positions.
 */
export function orderByObjectId(words: Uint32Array, n: number, isAlive: (i: number) => boolean): Int32Array {
  let order = Int32Array.from({ length: n }, (_, i) => i);
  let scratch = new Int32Array(n);
  const counts = new Int32Array(65537);
  for (let w = 2; w >= 0; w--) {
    for (const shift of [0, 16]) {
      counts.fill(0);
      for (let k = 0; k < n; k++) {
        (counts[(((words[3 * (order[k] as number) + w] as number) >>> shift) & 0xffff) + 1] as number)++;
      }
      for (let d = 1; d <= 65536; d++) counts[d] = (counts[d] as number) + (counts[d - 1] as number);
      for (let k = 0; k < n; k++) {
        const i = order[k] as number;
        const digit = ((words[3 * i + w] as number) >>> shift) & 0xffff;
        scratch[counts[digit] as number] = i;
        counts[digit] = (counts[digit] as number) + 1;
      }
      [order, scratch] = [scratch, order];
    }
  }
  return order.filter(isAlive);
}

/** Each member's descending rank among the distinct values present; missing (NaN) values rank last. */
function descendingRanks(members: Float64Array): { ranks: Int32Array; distinct: number } {
  const m = members.length;
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
  return { ranks, distinct: present };
}

/**
 * The positions of `idOrder` by value descending, missing (NaN) last, ties in `_id` order: ranks from a native
 * numeric sort, then a stable counting sort by rank over the `_id` order.
 */
export function orderByValue(values: Float64Array, idOrder: Int32Array): Int32Array {
  const m = idOrder.length;
  const members = new Float64Array(m);
  for (let k = 0; k < m; k++) members[k] = values[idOrder[k] as number] as number;
  const { ranks, distinct } = descendingRanks(members);
  const starts = new Int32Array(distinct + 2);
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
export function reorder(
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
