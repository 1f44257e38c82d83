import { GraphQLError } from 'graphql';
import { parseIsoInstant } from '../../store/index.ts';
import { builder } from '../builder.ts';

export const DateTime = builder.scalarType('DateTime', {
  description: 'An ISO-8601 instant, e.g. 2025-11-04T08:25:31.000Z',
  serialize: (value) => value,
  parseValue: (value) => {
    if (typeof value !== 'string' || parseIsoInstant(value) === null) {
      const shown = typeof value === 'string' ? ` (got "${value.slice(0, 40)}")` : '';
      throw new GraphQLError(`DateTime must be an ISO-8601 instant such as 2025-11-04T08:25:31.000Z${shown}`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return value;
  },
});
