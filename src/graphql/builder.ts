import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from './context.ts';

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  DefaultFieldNullability: false;
  Scalars: { DateTime: { Input: string; Output: string } };
}>({
  plugins: [ComplexityPlugin, DataloaderPlugin, ValidationPlugin],
  defaultFieldNullability: false,
  // Fields carry their cost (see query-cost.ts); the cost guard checks it once before execution, not per root field.
  complexity: { defaultComplexity: 1, defaultListMultiplier: 10, disabled: true },
  validation: {
    validationError: (result) => {
      const issue = result.issues[0];
      const argument =
        issue?.path?.map((segment) => (typeof segment === 'object' ? segment.key : segment)).join('.') ?? '';
      return new GraphQLError(`Invalid argument ${argument}: ${issue?.message ?? 'invalid value'}`, {
        extensions: { code: 'BAD_USER_INPUT', argument },
      });
    },
  },
});

builder.queryType({});
builder.subscriptionType({});
