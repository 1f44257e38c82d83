import { describe, expect, it } from 'vitest';
import { filterStateFrom, queryParamsOf, variablesOf } from '../../src/web/page/filter-state.ts';

describe("the model browser's filter in the address bar", () => {
  it('round-trips a shared link and turns it into FilteredModels variables', () => {
    const link = new URLSearchParams(
      'search=bge&task=feature-extraction,+sentence-similarity&author=BAAI&provider=groq&minLikes=50&gated=false' +
        '&quality=true&order=likes&pageSize=10',
    );
    const state = filterStateFrom(link);
    expect(queryParamsOf(state).toString()).toBe(
      'search=bge&task=feature-extraction%2C+sentence-similarity&author=BAAI&provider=groq&minLikes=50&gated=false' +
        '&quality=true&order=likes&pageSize=10',
    );
    expect(variablesOf(state, 'cursor-1')).toEqual({
      filter: {
        search: 'bge',
        pipelineTags: ['feature-extraction', 'sentence-similarity'],
        authors: ['BAAI'],
        providers: ['groq'],
        minLikes: 50,
        gated: false,
        quality: true,
      },
      orderBy: { field: 'LIKES', direction: 'DESC' },
      first: 10,
      after: 'cursor-1',
    });
  });

  it('leaves the defaults out of a link and asks for the first page by downloads', () => {
    const state = filterStateFrom(new URLSearchParams(''));
    expect(queryParamsOf(state).toString()).toBe('');
    expect(variablesOf(state, null)).toEqual({
      filter: {},
      orderBy: { field: 'DOWNLOADS', direction: 'DESC' },
      first: 25,
      after: null,
    });
  });

  it('drops what an edited or hostile link puts where a choice or a count belongs', () => {
    const state = filterStateFrom(
      new URLSearchParams(
        'minLikes=1e3&minDownloads=-5&gated=yes&quality=1&order=__proto__&pageSize=100000&task=,, ,&extra=1',
      ),
    );
    expect(variablesOf(state, null)).toEqual({
      filter: {},
      orderBy: { field: 'DOWNLOADS', direction: 'DESC' },
      first: 25,
      after: null,
    });
  });
});
