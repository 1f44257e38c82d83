import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed documents for the frontend's operations, generated from the checked-in SDL (`npm run codegen`). */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: 'schema/operations/*.graphql',
  generates: {
    'schema/generated/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        // The trusted documents: \`persisted-documents.json\` maps each operation's SHA-256 to its text, and every
        // typed document carries its hash, which the dashboard and the CLI send instead of the text.
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
      },
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
