import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { useEmulator } from '../support/emulator.ts';
import { appFor, postRaw } from '../support/graphql.ts';

const json = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });

/** Requests a client gets wrong, each with the suggestion graphql-js would offer. */
const misspelled = {
  field: json('{ modls { totalCount } }'),
  argument: json('{ models(frist: 3) { totalCount } }'),
  enumValue: json('{ models(orderBy: { field: DOWNLOAD, direction: DESC }) { totalCount } }'),
  variableField: json('query($filter: ModelFilter) { models(filter: $filter) { totalCount } }', {
    filter: { minlikes: 3 },
  }),
};

describe('refused requests', () => {
  const emulator = useEmulator({ preset: 'tiny' });

  it.each([
    ['a syntax error', json('{ models { totalCount '), 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', misspelled.field, 'GRAPHQL_VALIDATION_FAILED'],
    [
      'a variable of the wrong type',
      json('query($first: Int) { models(first: $first) { totalCount } }', { first: 'x' }),
      'BAD_USER_INPUT',
    ],
    ['a missing required variable', json('query($id: ID!) { model(id: $id) { id } }'), 'BAD_USER_INPUT'],
  ])('answers %s with HTTP 400 and a code, even to a legacy application/json client', async (_, body, code) => {
    const app = appFor(emulator.url);
    const legacy = await postRaw(app, body, { accept: 'application/json' });
    const modern = await postRaw(app, body, { accept: 'application/graphql-response+json' });
    await app.close();

    for (const response of [legacy, modern]) {
      expect(response.status).toBe(400);
      expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual([code]);
      expect(response.body.data).toBeUndefined();
    }
  });

  it('suggests names by default, for development', async () => {
    const app = appFor(emulator.url);
    const messages = await Promise.all(
      Object.values(misspelled).map(async (body) => (await postRaw(app, body)).body.errors?.[0]?.message),
    );
    await app.close();

    expect(messages).toEqual([
      expect.stringMatching(/Did you mean "models" or "model"\?$/),
      expect.stringMatching(/Did you mean "first"\?$/),
      expect.stringMatching(/Did you mean the enum value "DOWNLOADS"\?$/),
      expect.stringMatching(/Did you mean "minLikes"\?$/),
    ]);
  });

  it('never suggests a name in production, in validation or in variables', async () => {
    expect(loadConfig({}, { NODE_ENV: 'production' }).fieldSuggestions).toBe(false);
    const app = appFor(emulator.url, {}, {}, { NODE_ENV: 'production' });
    const responses = await Promise.all(Object.values(misspelled).map((body) => postRaw(app, body)));
    await app.close();

    for (const response of responses) {
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.message).toMatch(/^(Cannot query|Unknown argument|Value "DOWNLOAD"|Variable)/);
      expect(JSON.stringify(response.body)).not.toMatch(/Did you mean|minLikes|DOWNLOADS|"first"|"models"/);
    }
  });

  it('lets an operator turn suggestions on or off whatever NODE_ENV says', () => {
    expect(loadConfig({}, { NODE_ENV: 'production', HUBCAT_FIELD_SUGGESTIONS: 'true' }).fieldSuggestions).toBe(true);
    expect(loadConfig({}, { HUBCAT_FIELD_SUGGESTIONS: 'false' }).fieldSuggestions).toBe(false);
    expect(() => loadConfig({}, { HUBCAT_FIELD_SUGGESTIONS: 'maybe' })).toThrow(
      'HUBCAT_FIELD_SUGGESTIONS: must be true or false',
    );
  });
});
