import { describe, expect, it } from 'vitest';
import { parseRateLimit } from '../../src/hub/index.ts';

describe('RateLimit headers', () => {
  it('reads remaining and reset from RateLimit, quota and window from RateLimit-Policy', () => {
    const headers = new Headers({
      RateLimit: '"api";r=489;t=189',
      'RateLimit-Policy': '"fixed window";"api";q=500;w=300',
    });
    expect(parseRateLimit(headers)).toEqual({ remaining: 489, resetSeconds: 189, quota: 500, windowSeconds: 300 });
  });

  it('picks the api bucket when several are listed', () => {
    const headers = new Headers({ RateLimit: '"resolvers";r=3;t=10, "api";r=0;t=42' });
    expect(parseRateLimit(headers)).toEqual({ remaining: 0, resetSeconds: 42 });
  });

  it('is null when the header is absent or unreadable', () => {
    expect(parseRateLimit(new Headers())).toBeNull();
    expect(parseRateLimit(new Headers({ RateLimit: 'garbage' }))).toBeNull();
    expect(parseRateLimit(new Headers({ RateLimit: '"api";r=5' }))).toBeNull();
  });
});
