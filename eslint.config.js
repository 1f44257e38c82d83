import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.reports/', 'schema/generated/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // With `noUncheckedIndexedAccess`, `xs[i]!` after a bounds check is how an index that cannot miss is written.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Numbers and booleans print predictably; objects and nullish values are what this rule is for.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/emulator/vocabulary.ts'],
    rules: {
      // Prettier wraps code at 120; strings and comments it cannot wrap are kept to the same width by hand.
      'max-len': ['error', { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true }],
      // A function past about 50 lines hides its steps; name them instead.
      'max-lines-per-function': ['error', { max: 50, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    files: ['src/web/page/**/*.ts'],
    rules: {
      // The page runs in the browser and knows hubcat only through GraphQL: it imports its own folder, the generated
      // operations and npm packages, never a server module.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./\\.\\./schema/generated/)',
              message: 'src/web/page/ is browser code: import only from this folder, schema/generated/ or npm.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // Fakes of async interfaces (a recording sleep, a fetch that throws) have nothing to await.
      '@typescript-eslint/require-await': 'off',
      // vitest's asymmetric matchers (`expect.any(Number)`) are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      // `post<TData>(query)` names the shape a test expects back, the way typed fetch helpers do.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
