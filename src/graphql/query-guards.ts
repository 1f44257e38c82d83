import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import {
  Kind,
  NoSchemaIntrospectionCustomRule,
  Source,
  type DocumentNode,
  type GraphQLError,
  type ValidationContext,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { BoundedCache } from '../bounded-cache.ts';
import { scanDocument } from './document-scan.ts';
import { costGuard } from './query-cost.ts';
import { queryLimitError, type QueryLimitName, type QueryLimits } from './query-limits.ts';

/**
 * Every check a request passes before it runs, cheapest first: the document's tokens and nesting before parsing, its
 * operations right after, aliases, depth and directives (GraphQL Armor) with validation, the cost of the chosen
 * operation before execution. The body size is bounded before any of this by `requestBodyLimit` (Yoga's own
 * `maxRequestBodySize` is off, see `yoga.ts`). Each refusal is a `QUERY_LIMIT_EXCEEDED` error naming the limit.
 */
export function queryGuards(limits: QueryLimits): Plugin[] {
  return [
    documentGuard(limits),
    EnvelopArmorPlugin({
      maxAliases: armorLimit('aliases', limits.maxAliases),
      maxDepth: { ...armorLimit('depth', limits.maxDepth), flattenFragments: true },
      maxDirectives: armorLimit('directives', limits.maxDirectives),
      // Counted before parsing by `scanDocument`; priced by `costGuard`; suggestions are hidden by `hideSuggestions`.
      maxTokens: { enabled: false },
      costLimit: { enabled: false },
      blockFieldSuggestion: { enabled: false },
    }),
    costGuard(limits.maxCost),
    ...(limits.introspection ? [] : [noIntrospection]),
  ];
}

/** `HUBCAT_INTROSPECTION=false`: `__schema` and `__type` fail validation (`__typename` stays, clients need it). */
const noIntrospection: Plugin = {
  onValidate({ addValidationRule }) {
    addValidationRule(NoSchemaIntrospectionCustomRule);
  },
};

/** Texts that passed the scan and are remembered as such; clients send the same few texts over and over. */
const REMEMBERED_DOCUMENTS = 500;
/** Only texts up to this long are remembered, so the memory stays bounded (a few MB at most). */
const REMEMBERED_LENGTH = 16 * 1024;

function documentGuard(limits: QueryLimits): Plugin {
  // One per guard: the outcome depends on its limits.
  const passed = new BoundedCache<string, true>({ maxEntries: REMEMBERED_DOCUMENTS });
  return {
    onParse({ params }) {
      const source: unknown = params.source;
      const text = source instanceof Source ? source.body : String(source);
      if (passed.get(text) === undefined) {
        scanDocument(text, limits.maxTokens);
        if (text.length <= REMEMBERED_LENGTH) {
          passed.set(text, true);
        }
      }
      return ({ result, replaceParseResult }) => {
        const operations = isDocument(result) ? operationCount(result) : 0;
        if (operations > limits.maxOperations) {
          const message = `The document defines ${operations} operations, more than ${limits.maxOperations}.`;
          replaceParseResult(queryLimitError('operations', limits.maxOperations, message));
        }
      };
    },
  };
}

/** Armor reports through our coded error instead of its own uncoded "Syntax Error: …". */
function armorLimit(limit: QueryLimitName, max: number) {
  return {
    n: max,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        context?.reportError(queryLimitError(limit, max, error.message.replace(/^Syntax Error: /, '')));
      },
    ],
  };
}

function isDocument(result: unknown): result is DocumentNode {
  return typeof result === 'object' && result !== null && (result as { kind?: unknown }).kind === Kind.DOCUMENT;
}

function operationCount(document: DocumentNode): number {
  return document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION).length;
}
