import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed documents for the frontend's operations, generated from the checked-in SDL (`npm run codegen`). */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: 'schema/operations/*.graphql',
  generates: {
    'schema/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { DateTime: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
  hooks: {},
};

export default config;
