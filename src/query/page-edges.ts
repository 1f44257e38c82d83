import type { Model } from '../catalog/index.ts';
import type { ModelEdge, ModelPage, PageInfo } from './model-query.ts';
import type { PageSlice } from './page-cache.ts';
import type { SortedOrder } from './sorted-order.ts';

/**
 * A page's cursors, each encoded when first read: a query that selects `nodes` and `endCursor` encodes one, not fifty.
 * Edges are class instances reading these: an object literal with a getter per edge would make a closure and an
 * accessor per edge, fifty per page.
 */
class PageCursors {
  readonly #encoded: string[] = [];

  constructor(
    private readonly slice: PageSlice,
    private readonly order: SortedOrder,
    private readonly encode: (position: number) => string,
  ) {}

  at(i: number): string {
    const { positions, rows } = this.slice;
    this.#encoded[i] ??= this.encode(positions?.[i] ?? this.order.positionOf(rows[i]!));
    return this.#encoded[i];
  }
}

class PageEdge implements ModelEdge {
  constructor(
    readonly node: Model,
    private readonly cursors: PageCursors,
    private readonly i: number,
  ) {}

  get cursor(): string {
    return this.cursors.at(this.i);
  }
}

/** The connection page of a slice of `order`: its models, edges with cursors by position, and its page info. */
export function connectionPage(
  slice: PageSlice,
  order: SortedOrder,
  encode: (position: number) => string,
  modelAt: (row: number) => Model,
): ModelPage {
  const cursors = new PageCursors(slice, order, encode);
  const nodes = slice.rows.map(modelAt);
  const pageInfo: PageInfo = {
    hasNextPage: slice.hasNextPage,
    hasPreviousPage: slice.hasPreviousPage,
    get startCursor() {
      return nodes.length === 0 ? null : cursors.at(0);
    },
    get endCursor() {
      return nodes.length === 0 ? null : cursors.at(nodes.length - 1);
    },
  };
  // Edges are made when first read: a query that selects `nodes` makes none of them.
  let edges: ModelEdge[] | undefined;
  return {
    get edges() {
      return (edges ??= nodes.map((node, i) => new PageEdge(node, cursors, i)));
    },
    nodes,
    pageInfo,
    totalCount: slice.totalCount,
  };
}
