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

  it('carries the router filters: licenses and languages as lists, a size bucket as its bounds, modalities', () => {
    const state = filterStateFrom(
      new URLSearchParams('license=apache-2.0,+mit&language=fr&size=3B-10B&takes=image&gives=3d'),
    );
    expect(queryParamsOf(state).toString()).toBe(
      'license=apache-2.0%2C+mit&language=fr&size=3B-10B&takes=image&gives=3d',
    );
    expect(variablesOf(state, null).filter).toEqual({
      licenses: ['apache-2.0', 'mit'],
      languages: ['fr'],
      minParameters: 3e9,
      maxParameters: 1e10 - 1,
      inputModalities: ['IMAGE'],
      outputModalities: ['THREE_D'],
    });
    expect(variablesOf(filterStateFrom(new URLSearchParams('size=<1B')), null).filter).toEqual({
      maxParameters: 1e9 - 1,
    });
    const largest = filterStateFrom(new URLSearchParams('size=100B%2B'));
    expect(variablesOf(largest, null).filter).toEqual({ minParameters: 1e11 });
    expect(filterStateFrom(new URLSearchParams(queryParamsOf(largest).toString())).size).toBe('100B+');
    const hostile = filterStateFrom(new URLSearchParams('size=7B&takes=smell&gives=__proto__'));
    expect(variablesOf(hostile, null).filter).toEqual({});
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
