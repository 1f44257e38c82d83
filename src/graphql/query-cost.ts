import {
  getArgumentValues,
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type ArgumentNode,
  type DocumentNode,
  type ExecutionArgs,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DEFAULT_PAGE_SIZE, MAX_FACET_SIZE, MAX_PAGE_SIZE } from '../query/index.ts';
import { introspectionListSize, schemaAnswerSize } from './introspection-cost.ts';
import { queryLimitError } from './query-limits.ts';

// Each field costs 1 and a list multiplies the cost of its selection by how many items it can hold (10 unless its
// field says otherwise, through Pothos' `complexity` option). GraphQL Armor's cost rule prices a field by its type and
// depth alone, so `models(first: 500)` would cost what `models(first: 1)` does; Pothos' own rule can multiply by
// `first`, but only the whole selection of the field, so a connection's `totalCount` and `facets` would count 500 times
// too. Hence this walk, which reads the same options: a connection names its page size (`extensions.pageSize`), and
// only the selections of its `nodes` and `edges` (`extensions.pageItems`) count that many times.

/** Pothos' `complexity` option, as it stores it in the field's extensions. */
type Complexity = number | { field?: number; multiplier?: number };
type ComplexityOption = Complexity | ((args: Record<string, unknown>) => Complexity);

type CostExtensions = Record<string, unknown> & {
  complexity?: ComplexityOption;
  /** On a connection field: how many items a page of it holds, from its arguments. */
  pageSize?: (args: Record<string, unknown>) => number;
  /** On `nodes` and `edges`: their selection counts once per item of the enclosing page. */
  pageItems?: boolean;
};

/** `first` as asked, within the bounds the field accepts; an out-of-range value is priced at the bound. */
export const pageSizeOf =
  (max: number, fallback: number) =>
  (args: Record<string, unknown>): number => {
    const first = typeof args.first === 'number' ? args.first : fallback;
    return Math.min(Math.max(first, 0), max);
  };

/** `models(first: N)` and other connections: each item of the page counts in `nodes` and `edges`. */
export const modelPage: CostExtensions = { pageSize: pageSizeOf(MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE) };

/** A connection's `nodes` and `edges`. */
export const PAGE_ITEMS: CostExtensions = { pageItems: true };

/**
 * A facet counts over every model the rest of the filter matches — a pass over up to the whole catalog, whatever
 * `first` — so it costs like a hundred fields, and its counts like any list, by how many it returns.
 */
export function facetCost(args: { first?: number | null }): { field: number; multiplier: number } {
  return { field: 100, multiplier: Math.min(Math.max(args.first ?? 2, 0), MAX_FACET_SIZE) };
}

/** A list field whose length is its `first` argument. */
export const firstItems =
  (max: number, fallback: number) =>
  (args: { first?: number | null }): { field: number; multiplier: number } => ({
    field: 1,
    multiplier: pageSizeOf(max, fallback)(args),
  });

/** `fetchReport.parts`: a capped fetch of a real provider has tens of parts (39 on gateway-2025-10), scale-100k 785. */
export const PARTS_COST = { field: 1, multiplier: 100 };

/**
 * `providers` and `fetchReport.providers`: the Hub lists a few dozen providers (twenty in late 2025), so a list of them
 * is priced as fifty.
 */
export const PROVIDERS_COST = { field: 1, multiplier: 50 };

/** A provider's `tasks`: the Hub's pipeline tasks number about fifty, and a provider serves a handful of them. */
export const TASKS_COST = { field: 1, multiplier: 50 };

const DEFAULT_LIST_MULTIPLIER = 10;
const NO_ARGS: Record<string, unknown> = Object.freeze({});

/** `__schema` fields one operation may select: each answers the whole schema, which one answer is enough to read. */
const MAX_SCHEMA_FIELDS = 1;

/** The cost of the operation each request is about to run, for the rate limit to weigh it by. */
const costs = new WeakMap<object, number>();

/** The estimated cost of the request's operation, once `costGuard` has priced it; null before, or when it could not. */
export function pricedCost(context: object): number | null {
  return costs.get(context) ?? null;
}

/**
 * Refuses an operation whose estimated cost exceeds `maxCost`, or that selects `__schema` more than once, before it
 * executes.
 */
export function costGuard(maxCost: number): Plugin {
  const refuse = (args: ExecutionArgs) => {
    const priced = pricedOperation(args);
    if (priced === null) return null;
    costs.set(args.contextValue as object, priced.cost);
    if (priced.schemaFields > MAX_SCHEMA_FIELDS) {
      const message =
        `The operation selects __schema ${priced.schemaFields} times; one answer holds the whole schema, ` +
        `so at most ${MAX_SCHEMA_FIELDS} is allowed.`;
      return { errors: [queryLimitError('introspection', MAX_SCHEMA_FIELDS, message)] };
    }
    if (priced.cost <= maxCost) return null;
    const message =
      `The query's estimated cost is ${priced.cost}, over the limit of ${maxCost}: ` +
      'ask for fewer items (first), fewer fields or fewer aliases.';
    return { errors: [queryLimitError('cost', maxCost, message)] };
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refusal = refuse(args);
      if (refusal) setResultAndStopExecution(refusal);
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = refuse(args);
      if (refusal) setResultAndStopExecution(refusal);
    },
  };
}

/** What pricing an operation finds: its cost, and how often it selects `__schema`. */
interface PricedOperation {
  cost: number;
  schemaFields: number;
}

/**
 * The cost of the operation about to run, from the request's own variables, and how often it selects `__schema`; null
 * when it cannot be priced (a bad variable, an unknown operation name), which execution then reports with its own
 * error. Priced at execution rather than in validation because Yoga caches validation per document, and the same
 * document costs more with a larger `$first`. A price depends only on the document, the operation and the values of
 * the variables its priced arguments read, so it is walked once per document and those values (see `PriceList`).
 */
export function pricedOperation(args: ExecutionArgs): PricedOperation | null {
  return priceListOf(args).priceOf(args);
}

/** The document's price lists, one per operation name asked for, each for the schema it was priced against. */
const priceLists = new WeakMap<DocumentNode, Map<string, PriceList>>();

function priceListOf(args: ExecutionArgs): PriceList {
  let lists = priceLists.get(args.document);
  if (lists === undefined) {
    lists = new Map();
    priceLists.set(args.document, lists);
  }
  const name = args.operationName ?? '';
  let list = lists.get(name);
  if (list === undefined || list.schema !== args.schema) {
    list = new PriceList(args.schema);
    lists.set(name, list);
  }
  return list;
}

/**
 * Prices already walked for one operation, by the values of the variables that priced them. A client asks for a few
 * page sizes at most; one varying them on purpose only evicts the oldest, as each is priced again when asked.
 */
const PRICES_PER_OPERATION = 32;

/** One operation's prices: the variables its `first` arguments read, known after the first walk, and the prices. */
class PriceList {
  #variables: readonly string[] | null = null;
  readonly #prices = new Map<string, PricedOperation | null>();

  constructor(readonly schema: GraphQLSchema) {}

  priceOf(args: ExecutionArgs): PricedOperation | null {
    const values = args.variableValues ?? {};
    if (this.#variables !== null) {
      const known = this.#prices.get(keyOf(this.#variables, values));
      if (known !== undefined) return known;
    }
    const { priced, variables } = walkOperation(args);
    // A walk stopped early (a bad variable) may not have met every variable that prices: nothing is remembered.
    if (variables === null) return priced;
    this.#variables = variables;
    this.#remember(keyOf(variables, values), priced);
    return priced;
  }

  #remember(key: string, priced: PricedOperation | null): void {
    if (this.#prices.size >= PRICES_PER_OPERATION) this.#prices.delete(this.#prices.keys().next().value!);
    this.#prices.set(key, priced);
  }
}

/** The values of `variables` as one string; an absent variable ('') differs from a null one ('null'). */
function keyOf(variables: readonly string[], values: Readonly<Record<string, unknown>>): string {
  return variables.map((name) => (Object.hasOwn(values, name) ? JSON.stringify(values[name]) : '')).join(',');
}

/** Prices the operation, and names the variables its priced arguments read; null when the walk stopped early. */
function walkOperation(args: ExecutionArgs): { priced: PricedOperation | null; variables: string[] | null } {
  const variables = new Set<string>();
  const operation = args.document.definitions.find(
    (definition) =>
      definition.kind === Kind.OPERATION_DEFINITION &&
      (args.operationName == null || definition.name?.value === args.operationName),
  );
  if (operation?.kind !== Kind.OPERATION_DEFINITION) return { priced: null, variables: [] };
  const root = args.schema.getRootType(operation.operation);
  if (!root) return { priced: null, variables: [] };
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of args.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  // Only what the walk reads: the schema, the variables and the fragments.
  const info = {
    schema: args.schema,
    variableValues: args.variableValues ?? {},
    fragments,
  } as unknown as GraphQLResolveInfo;
  const walk: Walk = { info, active: new Set(), root, schemaFields: 0, variables };
  try {
    const cost = selectionCost(walk, operation.selectionSet, root, 1);
    return { priced: { cost, schemaFields: walk.schemaFields }, variables: [...variables] };
  } catch {
    return { priced: null, variables: null };
  }
}

interface Walk {
  info: GraphQLResolveInfo;
  /** Selection sets being priced, to refuse a fragment that spreads itself. */
  active: Set<SelectionSetNode>;
  /** The operation's root type, where `__schema` and `__type` may be selected. */
  root: GraphQLOutputType;
  /** `__schema` fields met so far. */
  schemaFields: number;
  /** Variables read by the priced arguments met so far. */
  variables: Set<string>;
}

function selectionCost(walk: Walk, selectionSet: SelectionSetNode, type: GraphQLOutputType, pageSize: number): number {
  if (walk.active.has(selectionSet)) throw new Error('a fragment spreads itself');
  walk.active.add(selectionSet);
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = fieldOf(walk, type, selection.name.value);
      if (field === null) continue;
      // Only a cost function reads arguments, and only `first`: coercing the others (a whole filter) per request was
      // most of the walk's time.
      const priced = pricedArguments(field);
      if (priced !== null) collectVariables(selection.arguments, walk.variables);
      const args = priced === null ? NO_ARGS : getArgumentValues(priced, selection, walk.info.variableValues);
      cost += fieldCost(walk, field, args, selection.selectionSet, pageSize);
    } else {
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? walk.info.fragments[selection.name.value] : selection;
      if (!fragment) throw new Error('unknown fragment');
      const condition = fragment.typeCondition?.name.value;
      const fragmentType = condition === undefined ? type : walk.info.schema.getType(condition);
      cost += selectionCost(walk, fragment.selectionSet, (fragmentType ?? type) as GraphQLOutputType, pageSize);
    }
  }
  walk.active.delete(selectionSet);
  return cost;
}

function fieldCost(
  walk: Walk,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  selectionSet: SelectionSetNode | undefined,
  pageSize: number,
): number {
  if (field === SchemaMetaFieldDef) return schemaAnswerSize(walk.info.schema);
  const extensions = field.extensions as CostExtensions;
  const option = typeof extensions.complexity === 'function' ? extensions.complexity(args) : extensions.complexity;
  const own = typeof option === 'number' ? option : (option?.field ?? 1);
  if (selectionSet === undefined) return own;
  const listed = typeof option === 'object' && option.multiplier !== undefined ? option.multiplier : undefined;
  const multiplier = extensions.pageItems ? pageSize : (listed ?? listSize(walk, field));
  const itemsPerPage = extensions.pageSize ? extensions.pageSize(args) : pageSize;
  return own + multiplier * selectionCost(walk, selectionSet, getNamedType(field.type), itemsPerPage);
}

/** The argument every cost function of this schema reads (`facetCost`, `firstItems`, `pageSizeOf`). */
const PRICED_ARGUMENT = 'first';
const pricedFields = new WeakMap<GraphQLField<unknown, unknown>, GraphQLField<unknown, unknown> | null>();

/** The field with only the argument its cost reads, or null when its cost reads none. */
function pricedArguments(field: GraphQLField<unknown, unknown>): GraphQLField<unknown, unknown> | null {
  let priced = pricedFields.get(field);
  if (priced === undefined) {
    const extensions = field.extensions as CostExtensions;
    const readsArguments = typeof extensions.complexity === 'function' || extensions.pageSize !== undefined;
    const args = field.args.filter((arg) => arg.name === PRICED_ARGUMENT);
    priced = readsArguments && args.length > 0 ? { ...field, args } : null;
    pricedFields.set(field, priced);
  }
  return priced;
}

/** The variables `first` reads, wherever in its value they are. */
function collectVariables(args: readonly ArgumentNode[] | undefined, into: Set<string>): void {
  const visit = (value: ValueNode): void => {
    if (value.kind === Kind.VARIABLE) into.add(value.name.value);
    else if (value.kind === Kind.LIST) value.values.forEach(visit);
    else if (value.kind === Kind.OBJECT) for (const field of value.fields) visit(field.value);
  };
  for (const arg of args ?? []) if (arg.name.value === PRICED_ARGUMENT) visit(arg.value);
}

/** 1 for a single value; for a list, as many as introspection's lists hold in this schema, or 10. */
function listSize(walk: Walk, field: GraphQLField<unknown, unknown>): number {
  if (!returnsList(field)) return 1;
  return introspectionListSize(walk.info.schema, field) ?? DEFAULT_LIST_MULTIPLIER;
}

/** A field of `type`, the meta fields included (`__schema` and `__type` on the root); null for an unknown name. */
function fieldOf(walk: Walk, type: GraphQLOutputType, name: string): GraphQLField<unknown, unknown> | null {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (type === walk.root && name === SchemaMetaFieldDef.name) {
    walk.schemaFields++;
    return SchemaMetaFieldDef;
  }
  if (type === walk.root && name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  const named = getNamedType(type);
  if (!isObjectType(named) && !isInterfaceType(named)) return null;
  return named.getFields()[name] ?? null;
}

function returnsList(field: GraphQLField<unknown, unknown>): boolean {
  const type = field.type;
  return isListType(isNonNullType(type) ? type.ofType : type);
}
