import { createComplexityRule } from '@pothos/plugin-complexity';
import { validate, type ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../query/index.ts';
import { queryLimitError } from './query-limits.ts';

// The cost model is Pothos' complexity plugin rather than GraphQL Armor's cost rule because armor prices a field by its
// type and depth alone, so `models(first: 500)` would cost what `models(first: 1)` does. With Pothos a field prices
// itself from its arguments: each field costs 1, and a list multiplies the cost of its selection by how many items it
// can hold — a connection by the `first` it was asked for, other lists by 10 unless their field says otherwise.

/** `models(first: N)`: its selection counts N times. */
export function pageCost(args: { first?: number | null }): { field: number; multiplier: number } {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  // A `first` out of range is priced at the bound, so that it gets its precise BAD_USER_INPUT rather than a refusal.
  return { field: 1, multiplier: Math.min(Math.max(first, 0), MAX_PAGE_SIZE) };
}

/** A connection's `nodes` and `edges`: their items are the page that `models` already counted. */
export const PAGE_ITEMS_COST = { field: 1, multiplier: 1 };

/** `fetchReport.parts`: a capped fetch of a real provider has tens of parts (39 on gateway-2025-10), scale-100k 785. */
export const PARTS_COST = { field: 1, multiplier: 100 };

/** Refuses an operation whose estimated cost exceeds `maxCost` before it executes. */
export function costGuard(maxCost: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = operationCost(args);
      if (cost !== null && cost > maxCost) {
        const message =
          `The query's estimated cost is ${cost}, over the limit of ${maxCost}: ` +
          'ask for fewer items (first), fewer fields or fewer aliases.';
        setResultAndStopExecution({ errors: [queryLimitError('cost', maxCost, message)] });
      }
    },
  };
}

/**
 * The cost of the operation about to run, from the request's own variables; null when it cannot be priced (a bad
 * variable, an unknown operation name), which execution then reports with its own error. Priced here rather than in
 * validation because Yoga caches validation per document, and the same document costs more with a larger `$first`.
 */
function operationCost(args: ExecutionArgs): number | null {
  let cost: number | null = null;
  validate(args.schema, args.document, [
    createComplexityRule({
      context: args.contextValue ?? {},
      variableValues: args.variableValues ?? {},
      operationName: args.operationName,
      validate: (result) => {
        cost = Math.max(cost ?? 0, result.complexity);
      },
    }),
  ]);
  return cost;
}
