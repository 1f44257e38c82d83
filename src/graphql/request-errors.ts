import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type ExecutionArgs,
  type GraphQLErrorExtensions,
} from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

/** How refused requests are answered: always a 4xx, always a code, and suggestions only where allowed. */
export function requestErrorPlugins(options: { fieldSuggestions: boolean }): Plugin[] {
  return [
    clientErrorStatus,
    codedVariableErrors(options.fieldSuggestions),
    ...(options.fieldSuggestions ? [] : [hiddenSuggestions]),
  ];
}

/**
 * Parse and validation failures answer 400 even to a legacy `application/json` client, which the GraphQL-over-HTTP
 * draft would answer 200, as Apollo Server does: proxies, logs and monitors then count them as client errors.
 */
const clientErrorStatus: Plugin = {
  onResultProcess({ result }) {
    for (const single of Array.isArray(result) ? result : [result]) {
      if (isAsyncIterable(single)) continue;
      for (const error of errorsOf(single.errors)) {
        const { http } = error.extensions;
        if (http?.spec === true) http.spec = false;
      }
    }
  },
};

/**
 * Variable errors are reported as graphql-js words them, with a code: graphql-js leaves its variable errors
 * ("Variable "$first" got invalid value …") without one, which clients need to tell bad input from a server fault, and
 * compiled execution (graphql-jit) reports them in a shape of its own. Compiled execution checks the variables before
 * anything runs and then answers errors without `data`; only then are they checked again with graphql-js, so a request
 * with good variables does not pay for a second coercion.
 */
function codedVariableErrors(suggestions: boolean): Plugin {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result) || 'data' in result || result.errors === undefined) return;
          const { schema, document, operationName, variableValues } = args as ExecutionArgs;
          const operation = getOperationAST(document, operationName);
          if (!operation) return;
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variableValues ?? {});
          if (coerced.errors === undefined) return;
          const coded = (error: GraphQLError) =>
            withChanges(suggestions ? error : withoutSuggestion(error), {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          setResult({ errors: coerced.errors.map(coded) });
        },
      };
    },
  };
}

// graphql-js ends a message with its suggestion: ` Did you mean "a", "b", or "c"?`, or ` Did you mean the enum value
// "A"?`.
const SUGGESTION = / Did you mean .*\?$/s;

/**
 * Removes "Did you mean …?" from validation errors and from the variable errors execution finds: on a public API it
 * maps the schema for anyone who guesses. GraphQL Armor's plugin matches only the quoted-name form in validation, so
 * it would still suggest enum values, and names in variables.
 */
const hiddenSuggestions: Plugin = {
  onValidate:
    () =>
    ({ result, setResult }) => {
      setResult(result.map((error: unknown) => (error instanceof GraphQLError ? withoutSuggestion(error) : error)));
    },
  onExecute: () => ({
    onExecuteDone({ result, setResult }) {
      if (isAsyncIterable(result) || result.errors === undefined) return;
      setResult({ ...result, errors: errorsOf(result.errors).map(withoutSuggestion) });
    },
  }),
};

/** Envelop types result errors as `any`; everything Yoga puts there is a GraphQLError. */
function errorsOf(errors: readonly unknown[] | undefined): GraphQLError[] {
  return (errors ?? []).filter((error) => error instanceof GraphQLError);
}

function withoutSuggestion(error: GraphQLError): GraphQLError {
  return SUGGESTION.test(error.message)
    ? withChanges(error, { message: error.message.replace(SUGGESTION, '') })
    : error;
}

function withChanges(
  error: GraphQLError,
  changes: { message?: string; extensions?: GraphQLErrorExtensions },
): GraphQLError {
  return new GraphQLError(changes.message ?? error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, ...changes.extensions },
  });
}
