import { describe, expect, it } from 'vitest';
import { nextLinkUrl, parseLinkHeader } from '../../src/hub/index.ts';

const hubNext =
  'https://huggingface.co/api/models?inference_provider=hf-inference&sort=likes&limit=1000&cursor=eyIkb3IiOlt7%3D';

describe('Link header', () => {
  it('takes the rel="next" URL verbatim, as the Hub sends it', () => {
    expect(nextLinkUrl(`<${hubNext}>; rel="next"`, 'https://huggingface.co/api/models')).toBe(hubNext);
  });

  it('keeps a literal comma inside <...> as part of the URL', () => {
    const url = 'https://h/api/models?inference_provider=hf-inference,together&cursor=abc';
    expect(nextLinkUrl(`<${url}>; rel="next", <https://h/first>; rel="first"`, 'https://h/')).toBe(url);
  });

  it('accepts unquoted rel, extra parameters, several rel values and any order of entries', () => {
    expect(nextLinkUrl('<https://h/p1>; rel=prev, <https://h/p3>;rel=next', 'https://h/')).toBe('https://h/p3');
    expect(nextLinkUrl('<https://h/p3>; title="a, b; c"; rel="prev next"', 'https://h/')).toBe('https://h/p3');
    expect(nextLinkUrl('<https://h/p3>; REL="Next"', 'https://h/')).toBe('https://h/p3');
  });

  it('is null without a header or without a next entry', () => {
    expect(nextLinkUrl(null, 'https://h/')).toBeNull();
    expect(nextLinkUrl('', 'https://h/')).toBeNull();
    expect(nextLinkUrl('<https://h/p1>; rel="prev"', 'https://h/')).toBeNull();
  });

  it('resolves a relative target against the page URL', () => {
    expect(nextLinkUrl('</api/models?cursor=x>; rel="next"', 'https://h/api/models?limit=5')).toBe(
      'https://h/api/models?cursor=x',
    );
  });

  it('lists every entry with its parameters', () => {
    expect(parseLinkHeader('<https://h/a>; rel="next"; type="application/json", <https://h/b>; rel=last')).toEqual([
      { target: 'https://h/a', rels: ['next'], params: { rel: 'next', type: 'application/json' } },
      { target: 'https://h/b', rels: ['last'], params: { rel: 'last' } },
    ]);
  });

  it.each([
    ['a bare URL', 'https://h/a; rel="next"'],
    ['an unclosed <', '<https://h/a; rel="next"'],
    ['an unclosed quote', '<https://h/a>; rel="next'],
    ['junk after the target', '<https://h/a> rel="next"'],
    ['an empty target', '<>; rel="next"'],
  ])('rejects %s', (_, header) => {
    expect(() => parseLinkHeader(header)).toThrow(/Link header/);
  });
});
