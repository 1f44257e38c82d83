import { GraphQLError } from 'graphql';
import { builder } from '../builder.ts';

export const DateTime = builder.scalarType('DateTime', {
  description: 'An ISO-8601 instant, e.g. 2025-11-04T08:25:31.000Z',
  serialize: (value) => value,
  parseValue: (value) => {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
      throw new GraphQLError('DateTime must be an ISO-8601 string', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return value;
  },
});
