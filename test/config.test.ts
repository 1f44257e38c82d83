import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('configuration', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({}, {});
    expect(config).toMatchObject({
      endpoint: 'https://huggingface.co',
      provider: 'hf-inference',
      strategy: 'auto',
      sorts: ['createdAt', 'likes', 'downloads'],
      pageSize: 1000,
      ttlSeconds: 3600,
      qualityMinDownloads: 100,
      qualityMinLikes: 5,
      port: 4000,
    });
    expect(config.token).toBeUndefined();
    expect(config.cacheUrl).toBeUndefined();
  });

  it("keeps the gateway's likes,downloads as the multi-sort default", () => {
    expect(loadConfig({ strategy: 'multi-sort' }, {}).sorts).toEqual(['likes', 'downloads']);
  });

  it('reads flags before environment variables', () => {
    const env = {
      HUBCAT_PAGE_SIZE: '100',
      HF_ENDPOINT: 'http://127.0.0.1:7861/',
      HUBCAT_SORTS: 'likes, trendingScore',
    };
    expect(loadConfig({}, env)).toMatchObject({
      pageSize: 100,
      endpoint: 'http://127.0.0.1:7861',
      sorts: ['likes', 'trendingScore'],
    });
    expect(loadConfig({ pageSize: '10' }, env).pageSize).toBe(10);
  });

  it('falls back to the legacy token variable', () => {
    expect(loadConfig({}, { HUGGING_FACE_HUB_TOKEN: 'hf_legacy' }).token).toBe('hf_legacy');
  });

  it.each([
    [{ HUBCAT_SORTS: 'likes,trending' }, 'HUBCAT_SORTS: unknown sort key "trending"'],
    [{ HUBCAT_PAGE_SIZE: '5000' }, 'HUBCAT_PAGE_SIZE: must be between 1 and 1000 (got "5000")'],
    [{ HUBCAT_PAGE_SIZE: 'many' }, 'HUBCAT_PAGE_SIZE: must be a number'],
    [{ HF_ENDPOINT: 'huggingface.co' }, 'HF_ENDPOINT: must be an http(s) URL'],
    [{ HUBCAT_STRATEGY: 'greedy' }, 'HUBCAT_STRATEGY: must be one of auto, multi-sort, partition'],
    [{ HUBCAT_CACHE_URL: 'memcached://x' }, 'HUBCAT_CACHE_URL: must be a redis:// or rediss:// URL'],
  ])('refuses %o with one line naming the setting', (env, message) => {
    expect(() => loadConfig({}, env)).toThrow(ConfigError);
    expect(() => loadConfig({}, env)).toThrow(message);
  });

  it('caches responses unless told not to, and refuses anything but true or false', () => {
    expect(loadConfig({}, {}).responseCache).toBe(true);
    expect(loadConfig({}, { HUBCAT_RESPONSE_CACHE: 'false' }).responseCache).toBe(false);
    expect(loadConfig({ responseCache: 'off' }, { HUBCAT_RESPONSE_CACHE: 'true' }).responseCache).toBe(false);
    expect(() => loadConfig({}, { HUBCAT_RESPONSE_CACHE: 'sometimes' })).toThrow(
      'HUBCAT_RESPONSE_CACHE: must be true or false (got "sometimes")',
    );
  });

  it('gives each client a bucket of its rate by default, or the burst it is told, and refuses a burst of 0', () => {
    expect(loadConfig({}, {})).toMatchObject({ rateLimit: 600, rateLimitWindowSeconds: 60, rateLimitBurst: 600 });
    expect(loadConfig({}, { HUBCAT_RATE_LIMIT: '100' }).rateLimitBurst).toBe(100);
    expect(loadConfig({}, { HUBCAT_RATE_LIMIT: '100', HUBCAT_RATE_LIMIT_BURST: '20' }).rateLimitBurst).toBe(20);
    expect(() => loadConfig({}, { HUBCAT_RATE_LIMIT_BURST: '0' })).toThrow(
      'HUBCAT_RATE_LIMIT_BURST: must be between 1 and 1000000000 (got "0")',
    );
  });

  it('sets no optional quality condition by default, and reads licenses and parameter counts as written', () => {
    expect(loadConfig({}, {})).toMatchObject({ qualityRequireLicense: false });
    expect(loadConfig({}, {}).qualityLicenses).toBeUndefined();
    const config = loadConfig(
      { qualityMinParameters: '1.5B' },
      {
        HUBCAT_QUALITY_REQUIRE_LICENSE: 'yes',
        HUBCAT_QUALITY_LICENSES: 'apache-2.0, mit,llama3.1',
        HUBCAT_QUALITY_MAX_PARAMETERS: '70000000000',
      },
    );
    expect(config).toMatchObject({
      qualityRequireLicense: true,
      qualityLicenses: ['apache-2.0', 'mit', 'llama3.1'],
      qualityMinParameters: 1_500_000_000,
      qualityMaxParameters: 70_000_000_000,
    });
    expect(loadConfig({ qualityMaxParameters: '350M' }, {}).qualityMaxParameters).toBe(350_000_000);
  });

  it.each([
    [{ HUBCAT_QUALITY_MIN_PARAMETERS: 'big' }, 'HUBCAT_QUALITY_MIN_PARAMETERS: must be a parameter count such as'],
    [{ HUBCAT_QUALITY_MAX_PARAMETERS: '-1' }, 'HUBCAT_QUALITY_MAX_PARAMETERS: must be a parameter count such as'],
    [
      { HUBCAT_QUALITY_LICENSES: 'Apache 2.0' },
      'HUBCAT_QUALITY_LICENSES: must list license ids such as apache-2.0,mit',
    ],
    [
      { HUBCAT_QUALITY_MIN_PARAMETERS: '8B', HUBCAT_QUALITY_MAX_PARAMETERS: '7B' },
      'HUBCAT_QUALITY_MIN_PARAMETERS: must not exceed HUBCAT_QUALITY_MAX_PARAMETERS (7000000000)',
    ],
  ])('refuses the quality condition %o, naming the setting', (env, message) => {
    expect(() => loadConfig({}, env)).toThrow(message);
  });

  it('names the flag when the bad value came from a flag', () => {
    expect(() => loadConfig({ pageSize: '0' }, {})).toThrow('--page-size: must be between 1 and 1000 (got "0")');
  });

  it('never echoes the token in an error', () => {
    let message = '';
    try {
      loadConfig({}, { HF_TOKEN: '   ' });
    } catch (error) {
      message = String(error);
    }
    expect(message).toBe('ConfigError: HF_TOKEN: must not be empty');
  });

  it.each(['hf_abc def', 'hf_abc"def', 'hf_abcdéf'])(
    'refuses the malformed token %j in one line that does not quote it',
    (token) => {
      let message = '';
      try {
        loadConfig({}, { HF_TOKEN: token });
      } catch (error) {
        message = String(error);
      }
      expect(message).toBe('ConfigError: HF_TOKEN: must be a Bearer token: letters, digits and -._~+/ only');
    },
  );
});

describe('command-line options', () => {
  it('map onto settings by their flag names', async () => {
    const { configFlagsFrom } = await import('../src/config.ts');
    expect(
      configFlagsFrom({ upstream: 'http://127.0.0.1:1', ttl: '60', pageSize: '10', json: true, cacheUrl: 'redis://x' }),
    ).toEqual({
      endpoint: 'http://127.0.0.1:1',
      ttlSeconds: '60',
      pageSize: '10',
      cacheUrl: 'redis://x',
    });
  });
});

describe('describing the configuration for logs', () => {
  it('masks the token and a password in the cache URL', async () => {
    const { describeConfig } = await import('../src/config.ts');
    const config = loadConfig({}, { HF_TOKEN: 'hf_secret', HUBCAT_CACHE_URL: 'redis://user:s3cretPass@cache:6379/0' });
    const shown = JSON.stringify(describeConfig(config));
    expect(shown).not.toContain('hf_secret');
    expect(shown).not.toContain('s3cretPass');
    expect(shown).toContain('redis://user:***@cache:6379/0');
  });
});

describe('the living catalog’s settings', () => {
  it('schedules refreshes at the TTL unless told otherwise, and 0 turns them off', () => {
    expect(loadConfig({}, {}).refreshIntervalSeconds).toBeUndefined();
    expect(loadConfig({}, { HUBCAT_REFRESH_INTERVAL: '0' }).refreshIntervalSeconds).toBe(0);
    expect(
      loadConfig({ refreshIntervalSeconds: '900' }, { HUBCAT_REFRESH_INTERVAL: '60' }).refreshIntervalSeconds,
    ).toBe(900);
  });

  it.each([
    ['10000,30d', { maxChanges: 10_000, maxAgeMs: 30 * 86_400_000 }],
    ['500', { maxChanges: 500, maxAgeMs: 30 * 86_400_000 }],
    ['12h', { maxChanges: 10_000, maxAgeMs: 12 * 3_600_000 }],
    ['7d, 2000', { maxChanges: 2000, maxAgeMs: 7 * 86_400_000 }],
  ])('reads the change retention %s', (value, retention) => {
    expect(loadConfig({}, { HUBCAT_CHANGE_RETENTION: value }).changeRetention).toEqual(retention);
  });

  it.each(['forever', '0', '30x', '10000,', '-5'])('refuses the change retention "%s"', (value) => {
    expect(() => loadConfig({}, { HUBCAT_CHANGE_RETENTION: value })).toThrow(
      /^HUBCAT_CHANGE_RETENTION: must be a count of changes, a duration such as 30d, or both/,
    );
  });

  it('never echoes the webhook URL or its secret, in an error or in the logged configuration', async () => {
    const { describeConfig } = await import('../src/config.ts');
    const hook = 'https://hooks.example.com/services/T000/B000/XXXXsecretpath';
    expect(() => loadConfig({}, { HUBCAT_WEBHOOK_URL: 'ftp://hooks.example.com/XXXXsecretpath' })).toThrow(
      /^HUBCAT_WEBHOOK_URL: must be an http\(s\) URL$/,
    );
    const shown = JSON.stringify(
      describeConfig(loadConfig({}, { HUBCAT_WEBHOOK_URL: hook, HUBCAT_WEBHOOK_SECRET: 'whsec_topsecret' })),
    );
    expect(shown).not.toContain('XXXXsecretpath');
    expect(shown).not.toContain('whsec_topsecret');
    expect(shown).toContain('https://hooks.example.com/…');
  });
});

describe('providers and the router', () => {
  it('serves hf-inference by default, and reads a comma list or all', () => {
    expect(loadConfig({}, {})).toMatchObject({ providers: ['hf-inference'], provider: 'hf-inference' });
    expect(loadConfig({}, { HUBCAT_PROVIDERS: ' groq, together ' })).toMatchObject({
      providers: ['groq', 'together'],
      provider: 'groq,together',
    });
    expect(loadConfig({ providers: 'all' }, {})).toMatchObject({ providers: 'all', provider: 'all' });
  });

  it.each([
    ['groq,groq', 'HUBCAT_PROVIDERS: lists a provider twice'],
    ['all,groq', 'HUBCAT_PROVIDERS: all stands alone: it means every provider'],
    ['Groq', 'HUBCAT_PROVIDERS: "Groq" is not a provider name such as hf-inference'],
    ['groq;drop', 'HUBCAT_PROVIDERS: "groq;drop" is not a provider name'],
    [' , ', 'HUBCAT_PROVIDERS: needs a provider name, a comma list of them, or all'],
    [Array.from({ length: 101 }, (_, i) => `p${i}`).join(','), 'HUBCAT_PROVIDERS: lists more than 100 providers'],
  ])('refuses the provider list "%s" with one line', (value, message) => {
    expect(() => loadConfig({}, { HUBCAT_PROVIDERS: value })).toThrow(message);
  });

  it('takes HUBCAT_PROVIDER as the one-provider spelling: a flag beats a variable, two at one rank must agree', () => {
    expect(loadConfig({}, { HUBCAT_PROVIDER: 'groq' }).providers).toEqual(['groq']);
    expect(loadConfig({ provider: 'groq' }, { HUBCAT_PROVIDERS: 'all' }).providers).toEqual(['groq']);
    expect(loadConfig({ providers: 'all' }, { HUBCAT_PROVIDER: 'groq' }).providers).toBe('all');
    expect(loadConfig({}, { HUBCAT_PROVIDER: 'groq', HUBCAT_PROVIDERS: 'groq' }).provider).toBe('groq');
    expect(() => loadConfig({}, { HUBCAT_PROVIDER: 'groq', HUBCAT_PROVIDERS: 'together' })).toThrow(
      'HUBCAT_PROVIDER: disagrees with HUBCAT_PROVIDERS; it is an alias of HUBCAT_PROVIDERS for one provider',
    );
    expect(() => loadConfig({ provider: 'groq', providers: 'together' }, {})).toThrow(/^--provider: disagrees/);
  });

  it("reads the Hub's router beside the Hub, and an emulator's or mirror's beside it; none turns it off", () => {
    expect(loadConfig({}, {}).routerEndpoint).toBe('https://router.huggingface.co');
    expect(loadConfig({ endpoint: 'http://127.0.0.1:7861' }, {}).routerEndpoint).toBe('http://127.0.0.1:7861');
    expect(loadConfig({}, { HUBCAT_ROUTER_ENDPOINT: 'https://router.example/' }).routerEndpoint).toBe(
      'https://router.example',
    );
    expect(loadConfig({ routerEndpoint: 'none' }, {}).routerEndpoint).toBeNull();
    expect(() => loadConfig({}, { HUBCAT_ROUTER_ENDPOINT: 'ftp://router' })).toThrow(
      /^HUBCAT_ROUTER_ENDPOINT: must be an http\(s\) URL/,
    );
  });
});
