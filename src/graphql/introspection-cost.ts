import {
  getIntrospectionQuery,
  graphqlSync,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';

type Field = GraphQLField<unknown, unknown>;

const answerSizes = new WeakMap<GraphQLSchema, number>();

/**
 * The values (objects, lists and scalars) in the answer to the fullest introspection query of `schema`: what one
 * `__schema` costs, whatever it selects. Walked like other fields, its type references (`ofType` eight levels deep)
 * would price every field's type as eight objects where most stop after one, ten times the answer. Measured once per
 * schema, by answering that query.
 */
export function schemaAnswerSize(schema: GraphQLSchema): number {
  let size = answerSizes.get(schema);
  if (size === undefined) {
    const source = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    });
    size = countValues(graphqlSync({ schema, source }).data);
    answerSizes.set(schema, size);
  }
  return size;
}

function countValues(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countValues(item), 1);
  if (value !== null && typeof value === 'object') {
    return Object.values(value).reduce((sum: number, item) => sum + countValues(item), 1);
  }
  return 1;
}

const sizes = new WeakMap<GraphQLSchema, ReadonlyMap<Field, number>>();

/**
 * How many items one of introspection's lists holds in `schema`: the average over the schema (rounded up) for a type's
 * fields, a field's arguments and the rest, so that `__type` is priced at about the size of its answer. Null for any
 * other field.
 */
export function introspectionListSize(schema: GraphQLSchema, field: Field): number | null {
  let known = sizes.get(schema);
  if (known === undefined) sizes.set(schema, (known = measure(schema)));
  return known.get(field) ?? null;
}

function measure(schema: GraphQLSchema): Map<Field, number> {
  const types = Object.values(schema.getTypeMap());
  const directives = schema.getDirectives();
  const objects = types.filter((type) => isObjectType(type) || isInterfaceType(type));
  const fields = objects.flatMap((type) => Object.values(type.getFields()));
  const average = (counts: number[]) =>
    Math.max(1, Math.ceil(counts.reduce((sum, n) => sum + n, 0) / Math.max(counts.length, 1)));
  const lists: Record<string, number> = {
    '__Schema.types': types.length,
    '__Schema.directives': directives.length,
    '__Type.fields': average(objects.map((type) => Object.keys(type.getFields()).length)),
    '__Type.inputFields': average(types.filter(isInputObjectType).map((type) => Object.keys(type.getFields()).length)),
    '__Type.enumValues': average(types.filter(isEnumType).map((type) => type.getValues().length)),
    '__Type.interfaces': average(objects.map((type) => type.getInterfaces().length)),
    '__Type.possibleTypes': average(types.filter(isUnionType).map((type) => type.getTypes().length)),
    '__Field.args': average(fields.map((field) => field.args.length)),
    '__Directive.args': average(directives.map((directive) => directive.args.length)),
    '__Directive.locations': average(directives.map((directive) => directive.locations.length)),
  };
  const byField = new Map<Field, number>();
  for (const [coordinate, size] of Object.entries(lists)) {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (field) byField.set(field, size);
  }
  return byField;
}
