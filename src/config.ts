import { z } from 'zod';
import {
  CATALOG_EXPANSIONS,
  DEFAULT_EXPANSIONS,
  FETCH_STRATEGIES,
  PROVIDER_NAME,
  providerLabel,
  type FetchStrategy,
  type ProviderSelection,
} from './catalog/index.ts';
import { DEFAULT_QUERY_LIMITS, DEFAULT_RESPONSE_CACHE_BYTES, DOCUMENT_MODES } from './graphql/index.ts';
import {
  BEARER_TOKEN_SYNTAX,
  DEFAULT_HUB_ENDPOINT,
  DEFAULT_ROUTER_ENDPOINT,
  DEFAULT_UPSTREAM_MAX_BYTES,
  HUB_MAX_PAGE_SIZE,
  HUB_SORT_KEYS,
  type HubSortKey,
} from './hub/index.ts';
import { CACHE_MODES, replicaIdSchema } from './store/index.ts';

/** Thrown for any invalid setting; the message is one line naming the flag or variable it came from. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly setting: string,
    detail: string,
  ) {
    super(`${setting}: ${detail}`);
  }
}

const integer = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` });

const httpUrl = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    error: 'must be an http(s) URL',
  })
  .transform((value) => value.replace(/\/+$/, ''));

const sortList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((sort) => sort.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(
        z.enum(HUB_SORT_KEYS, {
          error: (issue) => `unknown sort key "${String(issue.input)}" (valid: ${HUB_SORT_KEYS.join(', ')})`,
        }),
      )
      .min(1, { error: 'needs at least one sort key' })
      .refine((sorts) => new Set(sorts).size === sorts.length, { error: 'lists a sort key twice' }),
  );

/** `safetensors,cardData`, or `none`: what a crawl expands beyond the catalog's own fields. */
const expansionList = z
  .string()
  .transform((value) =>
    value.trim() === 'none'
      ? []
      : value
          .split(',')
          .map((field) => field.trim())
          .filter(Boolean),
  )
  .pipe(
    z
      .array(
        z.enum(CATALOG_EXPANSIONS, {
          error: (issue) =>
            `"${String(issue.input)}" is not an expansion hubcat reads ` +
            `(valid: ${CATALOG_EXPANSIONS.join(', ')}, or none)`,
        }),
      )
      .refine((fields) => new Set(fields).size === fields.length, { error: 'lists an expansion twice' }),
  );

const providerName = z.string().trim().regex(PROVIDER_NAME, { error: 'must be a provider name such as hf-inference' });

/** Enough for every provider the Hub lists, many times over; a longer list is a mistake, not a catalog. */
const MAX_PROVIDERS = 100;

/** `hf-inference`, `groq,together`, or `all`: the selection `inference_provider` takes. */
const providerList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(
        z.string().regex(PROVIDER_NAME, {
          error: (issue) => `"${String(issue.input)}" is not a provider name such as hf-inference`,
        }),
      )
      .min(1, { error: 'needs a provider name, a comma list of them, or all' })
      .max(MAX_PROVIDERS, { error: `lists more than ${MAX_PROVIDERS} providers` })
      .refine((names) => new Set(names).size === names.length, { error: 'lists a provider twice' })
      .refine((names) => !names.includes('all') || names.length === 1, {
        error: 'all stands alone: it means every provider',
      }),
  )
  .transform((names): ProviderSelection => (names[0] === 'all' ? 'all' : names));

/** `none` turns the router's listing off; anything else is its base URL. */
const routerEndpoint = z
  .string()
  .trim()
  .refine((value) => value === 'none' || (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)), {
    error: 'must be an http(s) URL, or none',
  })
  .transform((value) => (value === 'none' ? null : value.replace(/\/+$/, '')));

/** What `/readiness` answers while the shared store cannot be reached. */
const STORE_LOSS_READINESS = ['degraded', 'fail'] as const;

/** An HTTP header name, lower-cased: where a trusted proxy puts the client's address. */
const trustedHeader = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'must be a header name such as x-forwarded-for' });

/** pino's levels, least verbose last; `silent` writes nothing. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const boolean = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' }))
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

/** License ids as the Hub's `license:<id>` tags spell them: lower case, digits, `.`, `-` and `+`. */
const licenseList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((license) => license.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.string().regex(/^[a-z0-9][a-z0-9.+-]*$/, { error: 'must list license ids such as apache-2.0,mit' }))
      .min(1, { error: 'must list at least one license id' }),
  );

/** A parameter count: whole, written plainly or with a B or M suffix (`7B`, `1.5B`, `350M`). */
const parameterCount = z
  .string()
  .trim()
  .transform((value, context) => {
    const match = /^(\d+(?:\.\d+)?)([bBmM]?)$/.exec(value);
    const count = match ? Math.round(Number(match[1]) * { '': 1, b: 1e9, m: 1e6 }[match[2]!.toLowerCase()]!) : NaN;
    if (!Number.isSafeInteger(count)) {
      context.issues.push({
        code: 'custom',
        input: value,
        message: 'must be a parameter count such as 7000000000 or 7B',
      });
      return z.NEVER;
    }
    return count;
  });

/** A webhook URL is kept as given: unlike a base URL, its trailing slash can matter to the receiver. */
const webhookUrl = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    error: 'must be an http(s) URL',
  });

const DAY_MS = 86_400_000;
const DURATION_UNITS_MS: Record<string, number> = { d: DAY_MS, h: 3_600_000, m: 60_000, s: 1000 };

/**
 * `10000,30d`: at most this many changes, none older than this; either part alone keeps the other's default. The
 * smaller limit wins.
 */
const changeRetention = z.string().transform((value, context) => {
  const retention = { maxChanges: 10_000, maxAgeMs: 30 * DAY_MS };
  for (const part of value.split(',').map((item) => item.trim())) {
    const duration = /^(\d{1,6})([dhms])$/.exec(part);
    if (/^\d{1,7}$/.test(part) && Number(part) >= 1) retention.maxChanges = Number(part);
    else if (duration && Number(duration[1]) >= 1)
      retention.maxAgeMs = Number(duration[1]) * DURATION_UNITS_MS[duration[2]!]!;
    else {
      context.addIssue({
        code: 'custom',
        message: 'must be a count of changes, a duration such as 30d, or both: 10000,30d',
      });
      return z.NEVER;
    }
  }
  return retention;
});

/** `*`, or a comma list of origins (`https://app.example.com`), each exactly as a browser sends it in `Origin`. */
const corsOrigins = z
  .string()
  .trim()
  .transform((value, context) => {
    if (value === '*') return '*' as const;
    const origins = value
      .split(',')
      .map((origin) => origin.trim().replace(/\/+$/, ''))
      .filter(Boolean);
    const bad = origins.find((origin) => !URL.canParse(origin) || new URL(origin).origin !== origin);
    if (origins.length === 0 || bad !== undefined) {
      context.addIssue({
        code: 'custom',
        message: `must be * or a comma list of origins such as https://app.example.com`,
      });
      return z.NEVER;
    }
    return origins;
  });

/** A request limit of the GraphQL API; its default lives with the guards, in `DEFAULT_QUERY_LIMITS`. */
const requestLimit = (
  key: Exclude<keyof typeof DEFAULT_QUERY_LIMITS, 'fieldSuggestions' | 'introspection'>,
  min: number,
  max: number,
) => ({ schema: integer(min, max), fallback: String(DEFAULT_QUERY_LIMITS[key]) }) as const;

interface SettingSpec {
  /**
   * Null for secrets (a token on the command line would show in `ps` and shell history), for switches a deployment
   * sets once in its environment, and for the API's limits and HTTP policy, which belong to a deployment rather than
   * to one run.
   */
  flag: string | null;
  env: readonly string[];
  schema: z.ZodType;
  fallback?: string;
  description: string;
}

/**
 * Every setting, where it is read from (flag first, then the first environment variable set) and its default.
 * The README's configuration table is this list.
 */
export const SETTINGS = {
  endpoint: {
    flag: '--upstream',
    env: ['HF_ENDPOINT'],
    schema: httpUrl,
    fallback: 'https://huggingface.co',
    description: 'Hub (or emulator) base URL',
  },
  token: {
    flag: null,
    env: ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN'],
    schema: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .regex(BEARER_TOKEN_SYNTAX, { error: 'must be a Bearer token: letters, digits and -._~+/ only' })
      .optional(),
    description: 'Hub access token, sent as a Bearer token; never logged',
  },
  providers: {
    flag: '--providers',
    env: ['HUBCAT_PROVIDERS'],
    schema: providerList,
    fallback: 'hf-inference',
    description: 'inference providers whose live models form the catalog: a comma list, or all',
  },
  provider: {
    flag: '--provider',
    env: ['HUBCAT_PROVIDER'],
    schema: providerName.optional(),
    description:
      'one inference provider, an alias of --providers (a flag beats a variable; two at one rank must agree)',
  },
  routerEndpoint: {
    flag: '--router-endpoint',
    env: ['HUBCAT_ROUTER_ENDPOINT'],
    schema: routerEndpoint.optional(),
    description:
      "the Hub's inference router, whose GET /v1/models gives chat models' prices and context lengths; " +
      `default ${DEFAULT_ROUTER_ENDPOINT} when HF_ENDPOINT is the Hub's, else HF_ENDPOINT; none turns it off`,
  },
  strategy: {
    flag: '--strategy',
    env: ['HUBCAT_STRATEGY'],
    schema: z.enum(FETCH_STRATEGIES, { error: `must be one of ${FETCH_STRATEGIES.join(', ')}` }),
    fallback: 'auto',
    description: 'auto (detect cursors, else partition), multi-sort (configured sorts only) or partition',
  },
  sorts: {
    flag: '--sorts',
    env: ['HUBCAT_SORTS'],
    schema: sortList.optional(),
    description:
      'comma-separated sort keys; default createdAt,likes,downloads for auto/partition, likes,downloads for multi-sort',
  },
  expand: {
    flag: '--expand',
    env: ['HUBCAT_EXPAND'],
    schema: expansionList,
    fallback: DEFAULT_EXPANSIONS.join(','),
    description:
      `fields the Hub listing expands beyond the catalog's own: ${CATALOG_EXPANSIONS.join(', ')} ` +
      "(parameter counts, a card's languages and base models), a comma list, or none",
  },
  pageSize: {
    flag: '--page-size',
    env: ['HUBCAT_PAGE_SIZE'],
    schema: integer(1, HUB_MAX_PAGE_SIZE),
    fallback: String(HUB_MAX_PAGE_SIZE),
    description: 'items per Hub request (the Hub serves at most 1,000)',
  },
  concurrency: {
    flag: '--concurrency',
    env: ['HUBCAT_CONCURRENCY'],
    schema: integer(1, 32),
    fallback: '4',
    description: 'Hub requests in flight at once',
  },
  maxRequests: {
    flag: '--max-requests',
    env: ['HUBCAT_MAX_REQUESTS'],
    schema: integer(1, 1_000_000),
    fallback: '5000',
    description: 'request budget of one fetch; a fetch that reaches it stops and reports what is uncovered',
  },
  timeoutMs: {
    flag: '--timeout-ms',
    env: ['HUBCAT_TIMEOUT_MS'],
    schema: integer(100, 600_000),
    fallback: '30000',
    description: 'timeout of one Hub request, in milliseconds',
  },
  ttlSeconds: {
    flag: '--ttl',
    env: ['HUBCAT_TTL'],
    schema: integer(1, 31_536_000),
    fallback: '3600',
    description: 'seconds a snapshot is fresh; after that it is served stale while one refresh runs',
  },
  coldWaitSeconds: {
    flag: '--cold-wait',
    env: ['HUBCAT_COLD_WAIT_S'],
    schema: integer(1, 3600),
    fallback: '10',
    description: 'seconds a query waits for the first snapshot before it gets CATALOG_UNAVAILABLE; the fetch goes on',
  },
  cacheUrl: {
    flag: '--cache-url',
    env: ['HUBCAT_CACHE_URL'],
    schema: z
      .string()
      .trim()
      .regex(/^rediss?:\/\//, { error: 'must be a redis:// or rediss:// URL' })
      .optional(),
    description: 'shared snapshot cache; in-memory when unset',
  },
  refreshIntervalSeconds: {
    flag: '--refresh-interval',
    env: ['HUBCAT_REFRESH_INTERVAL'],
    schema: integer(0, 31_536_000).optional(),
    description:
      'seconds between scheduled refreshes (±10 % jitter), queried or not; default the TTL; 0 turns them off',
  },
  changeRetention: {
    flag: '--change-retention',
    env: ['HUBCAT_CHANGE_RETENTION'],
    schema: changeRetention,
    fallback: '10000,30d',
    description: 'change history kept: at most this many changes, none older than this (the smaller limit wins)',
  },
  webhookUrl: {
    flag: null,
    env: ['HUBCAT_WEBHOOK_URL'],
    schema: webhookUrl.optional(),
    description: 'receives a POST of each catalog update with changes',
  },
  webhookSecret: {
    flag: null,
    env: ['HUBCAT_WEBHOOK_SECRET'],
    schema: z.string().min(1, { error: 'must not be empty' }).optional(),
    description: 'key of the HMAC-SHA256 signature of each webhook body',
  },
  server: {
    flag: '--server',
    env: ['HUBCAT_SERVER'],
    schema: httpUrl,
    fallback: 'http://localhost:4000',
    description: 'a running hubcat server, for hubcat changes',
  },
  cacheMode: {
    flag: '--cache-mode',
    env: ['HUBCAT_CACHE_MODE'],
    schema: z.enum(CACHE_MODES, { error: `must be one of ${CACHE_MODES.join(', ')}` }),
    fallback: 'standalone',
    description: 'standalone (one Redis server) or cluster (the cache URL names one node of a Redis Cluster)',
  },
  leaseSeconds: {
    flag: '--lease',
    env: ['HUBCAT_LEASE_S'],
    schema: integer(2, 86_400),
    fallback: '60',
    description:
      'seconds the refresh lease lasts unless renewed; the holder renews it every third of that while it crawls, ' +
      'so it bounds how long a replica that dies mid-crawl delays the next refresh, not how long a crawl may take',
  },
  replicaId: {
    flag: '--replica-id',
    env: ['HUBCAT_REPLICA_ID'],
    schema: replicaIdSchema.optional(),
    description: 'names this replica in catalog.refreshedBy and catalog.leaseHolder; default host:pid',
  },
  qualityMinDownloads: {
    flag: '--quality-min-downloads',
    env: ['HUBCAT_QUALITY_MIN_DOWNLOADS'],
    schema: integer(0, Number.MAX_SAFE_INTEGER),
    fallback: '100',
    description: 'quality bar: downloads must exceed this',
  },
  qualityMinLikes: {
    flag: '--quality-min-likes',
    env: ['HUBCAT_QUALITY_MIN_LIKES'],
    schema: integer(0, Number.MAX_SAFE_INTEGER),
    fallback: '5',
    description: 'quality bar: likes must exceed this',
  },
  qualityRequireLicense: {
    flag: '--quality-require-license',
    env: ['HUBCAT_QUALITY_REQUIRE_LICENSE'],
    schema: boolean,
    fallback: 'false',
    description: 'quality bar: the model must name a license (none, other and unknown fail)',
  },
  qualityLicenses: {
    flag: '--quality-licenses',
    env: ['HUBCAT_QUALITY_LICENSES'],
    schema: licenseList.optional(),
    description: 'quality bar: the license must be one of these (comma list of license ids); any when unset',
  },
  qualityMinParameters: {
    flag: '--quality-min-parameters',
    env: ['HUBCAT_QUALITY_MIN_PARAMETERS'],
    schema: parameterCount.optional(),
    description: 'quality bar: at least this many parameters; a model whose count is unknown fails',
  },
  qualityMaxParameters: {
    flag: '--quality-max-parameters',
    env: ['HUBCAT_QUALITY_MAX_PARAMETERS'],
    schema: parameterCount.optional(),
    description: 'quality bar: at most this many parameters; a model whose count is unknown fails',
  },
  responseCache: {
    flag: '--response-cache',
    env: ['HUBCAT_RESPONSE_CACHE'],
    schema: boolean,
    fallback: 'true',
    description: 'serve repeated queries from a cache of whole responses, emptied when the snapshot changes',
  },
  port: {
    flag: '--port',
    env: ['PORT'],
    schema: integer(0, 65535),
    fallback: '4000',
    description: 'HTTP port the server listens on (serve, demo)',
  },
  maxRetries: {
    flag: '--max-retries',
    env: ['HUBCAT_MAX_RETRIES'],
    schema: integer(0, 10),
    fallback: '5',
    description: 'retries of one Hub request on 408, 429, 5xx and network errors',
  },
  logLevel: {
    flag: '--log-level',
    env: ['HUBCAT_LOG_LEVEL'],
    schema: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }),
    fallback: 'info',
    description: 'least severe log level written; debug adds one line per GraphQL request and stack traces',
  },
  graphiql: {
    flag: null,
    env: ['HUBCAT_GRAPHIQL'],
    schema: boolean.optional(),
    description:
      'serve GraphiQL (from local assets) to browsers at /graphql; default true, false when NODE_ENV=production',
  },
  documents: {
    flag: null,
    env: ['HUBCAT_DOCUMENTS'],
    schema: z.enum(DOCUMENT_MODES, { error: `must be one of ${DOCUMENT_MODES.join(', ')}` }),
    fallback: 'open',
    description:
      'open: any GraphQL document within the limits; trusted: only the operations of schema/operations/ ' +
      '(by hash, or by identical text)',
  },
  introspection: {
    flag: null,
    env: ['HUBCAT_INTROSPECTION'],
    schema: boolean,
    fallback: 'true',
    description: 'answer __schema and __type (priced like any query, one __schema per operation)',
  },
  rateLimit: {
    flag: null,
    env: ['HUBCAT_RATE_LIMIT'],
    schema: integer(0, 1_000_000_000),
    fallback: '600',
    description:
      'requests one client may make per window, sustained (a token bucket refilled at this rate; an expensive query ' +
      'takes several tokens; shared by replicas on one Redis); 0 turns the limit off',
  },
  rateLimitWindowSeconds: {
    flag: null,
    env: ['HUBCAT_RATE_LIMIT_WINDOW_S'],
    schema: integer(1, 86_400),
    fallback: '60',
    description: 'seconds over which HUBCAT_RATE_LIMIT tokens refill',
  },
  rateLimitBurst: {
    flag: null,
    env: ['HUBCAT_RATE_LIMIT_BURST'],
    schema: integer(1, 1_000_000_000).optional(),
    description: "tokens one client's bucket holds, i.e. requests it may make at once; default HUBCAT_RATE_LIMIT",
  },
  rateLimitCost: {
    flag: null,
    env: ['HUBCAT_RATE_LIMIT_COST'],
    schema: integer(1, 1_000_000_000),
    fallback: '1000',
    description: 'estimated query cost one token covers; a query costing more takes cost ÷ this tokens',
  },
  trustProxy: {
    flag: null,
    env: ['HUBCAT_TRUST_PROXY'],
    schema: trustedHeader.optional(),
    description:
      'request header naming the client behind a trusted proxy (x-forwarded-for: its last address, or ' +
      'x-real-ip, cf-connecting-ip …); unset: the connecting address',
  },
  upstreamMaxBytes: {
    flag: null,
    env: ['HUBCAT_UPSTREAM_MAX_BYTES'],
    schema: integer(65_536, 1_073_741_824),
    fallback: String(DEFAULT_UPSTREAM_MAX_BYTES),
    description: 'largest body read from the Hub or the router per page; a larger one is cut off and refused',
  },
  responseCacheBytes: {
    flag: null,
    env: ['HUBCAT_RESPONSE_CACHE_BYTES'],
    schema: integer(0, 4_294_967_296),
    fallback: String(DEFAULT_RESPONSE_CACHE_BYTES),
    description: 'bytes of JSON the response cache may hold; least recently used responses go first',
  },
  readinessOnStoreLoss: {
    flag: null,
    env: ['HUBCAT_READINESS_ON_STORE_LOSS'],
    schema: z.enum(STORE_LOSS_READINESS, { error: `must be one of ${STORE_LOSS_READINESS.join(', ')}` }),
    fallback: 'degraded',
    description: '/readiness while the shared Redis cannot be reached: degraded (200, saying so) or fail (503)',
  },
  shutdownGraceSeconds: {
    flag: '--shutdown-grace',
    env: ['HUBCAT_SHUTDOWN_GRACE_S'],
    schema: integer(0, 600),
    fallback: '10',
    description: 'on SIGTERM or SIGINT, seconds in-flight requests get to finish before the process exits',
  },
  maxBodyBytes: {
    flag: null,
    env: ['HUBCAT_MAX_BODY_BYTES'],
    ...requestLimit('maxBodyBytes', 1024, 100_000_000),
    description: 'largest GraphQL request body, in bytes (413 beyond)',
  },
  maxTokens: {
    flag: null,
    env: ['HUBCAT_MAX_TOKENS'],
    ...requestLimit('maxTokens', 100, 1_000_000),
    description: 'lexical tokens in one GraphQL document, counted before parsing',
  },
  maxOperations: {
    flag: null,
    env: ['HUBCAT_MAX_OPERATIONS'],
    ...requestLimit('maxOperations', 1, 1000),
    description: 'operations one GraphQL document may define',
  },
  maxDepth: {
    flag: null,
    env: ['HUBCAT_MAX_DEPTH'],
    ...requestLimit('maxDepth', 1, 1000),
    description: 'fields nested in one operation',
  },
  maxAliases: {
    flag: null,
    env: ['HUBCAT_MAX_ALIASES'],
    ...requestLimit('maxAliases', 0, 100_000),
    description: 'aliases in one operation',
  },
  maxDirectives: {
    flag: null,
    env: ['HUBCAT_MAX_DIRECTIVES'],
    ...requestLimit('maxDirectives', 0, 100_000),
    description: 'directives in one operation',
  },
  maxCost: {
    flag: null,
    env: ['HUBCAT_MAX_COST'],
    ...requestLimit('maxCost', 1, 1_000_000_000),
    description: 'estimated cost of one operation: 1 per field, a list multiplying its selection by its size',
  },
  corsOrigins: {
    flag: null,
    env: ['HUBCAT_CORS_ORIGINS'],
    schema: corsOrigins,
    fallback: '*',
    description: 'origins whose pages may call the API: * (any, never with credentials) or a comma list',
  },
  fieldSuggestions: {
    flag: null,
    env: ['HUBCAT_FIELD_SUGGESTIONS'],
    schema: boolean.optional(),
    description: 'whether errors suggest names ("Did you mean …?"); default true, false when NODE_ENV=production',
  },
} as const satisfies Record<string, SettingSpec>;

type Settings = typeof SETTINGS;
export type Config = { [K in keyof Settings]: z.output<Settings[K]['schema']> } & {
  sorts: HubSortKey[];
  fieldSuggestions: boolean;
  graphiql: boolean;
  /** How reports and store keys name the selection: the one provider, the comma list, or `all`. */
  provider: string;
  /** Null when the router's listing is off. */
  routerEndpoint: string | null;
  rateLimitBurst: number;
};
export type ConfigFlags = Partial<Record<keyof Settings, string | number | undefined>>;

/**
 * Picks the settings out of parsed command-line options, whose names follow each setting's flag (`--upstream` →
 * `upstream`).
 */
export function configFlagsFrom(options: Record<string, unknown>): ConfigFlags {
  const flags: ConfigFlags = {};
  for (const [key, spec] of Object.entries(SETTINGS) as [keyof Settings, SettingSpec][]) {
    if (spec.flag === null) continue;
    const attribute = spec.flag.slice(2).replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    const value = options[attribute];
    if (typeof value === 'string' || typeof value === 'number') flags[key] = value;
  }
  return flags;
}

/**
 * Multi-sort keeps the gateway's pair; auto and partition lead with createdAt, the one key that never changes
 * mid-crawl.
 */
function defaultSorts(strategy: FetchStrategy): HubSortKey[] {
  return strategy === 'multi-sort' ? ['likes', 'downloads'] : ['createdAt', 'likes', 'downloads'];
}

/** Reads every setting from `flags`, then `env`, then its default; the first invalid one throws a ConfigError. */
export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const values: Record<string, unknown> = {};
  const sources: Partial<Record<keyof Settings, Source>> = {};
  for (const [key, spec] of Object.entries(SETTINGS) as [keyof Settings, SettingSpec][]) {
    const fromFlag = flags[key];
    const envName = spec.env.find((name) => env[name] !== undefined && env[name] !== '');
    const [source, raw] =
      fromFlag !== undefined
        ? [spec.flag ?? key, String(fromFlag)]
        : envName
          ? [envName, env[envName]]
          : [spec.flag ?? spec.env[0]!, spec.fallback];
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) {
      const shown = SECRETS.has(key) ? '' : ` (got "${raw}")`;
      throw new ConfigError(source, `${parsed.error.issues[0]?.message ?? 'invalid value'}${shown}`);
    }
    values[key] = parsed.data;
    sources[key] = { rank: fromFlag !== undefined ? 0 : envName ? 1 : 2, name: source };
  }
  resolveProviders(values, sources);
  const [minParameters, maxParameters] = [values.qualityMinParameters, values.qualityMaxParameters] as number[];
  if (minParameters !== undefined && maxParameters !== undefined && minParameters > maxParameters) {
    throw new ConfigError(
      sources.qualityMinParameters!.name,
      `must not exceed ${sources.qualityMaxParameters!.name} (${maxParameters}): no model would pass the bar`,
    );
  }
  if (values.routerEndpoint === undefined) {
    // An emulator or a mirror plays the router too; the real router beside another upstream would mix two catalogs.
    values.routerEndpoint = values.endpoint === DEFAULT_HUB_ENDPOINT ? DEFAULT_ROUTER_ENDPOINT : values.endpoint;
  }
  values.sorts ??= defaultSorts(values.strategy as FetchStrategy);
  values.rateLimitBurst ??= values.rateLimit;
  // Suggestions map the schema for anyone who guesses; a production deployment hides them unless told otherwise.
  values.fieldSuggestions ??= env.NODE_ENV !== 'production';
  // GraphiQL is a developer's tool of several megabytes; a production deployment serves it only when asked to.
  values.graphiql ??= env.NODE_ENV !== 'production';
  return values as Config;
}

/** Where a value came from: 0 a flag, 1 the environment, 2 the default; `name` is the flag or variable. */
interface Source {
  rank: number;
  name: string;
}

/**
 * `--provider` / `HUBCAT_PROVIDER` is the one-provider spelling of `--providers`: the one from the higher rank (flag,
 * then environment) wins, and two of the same rank must agree. `provider` then names the selection.
 */
function resolveProviders(values: Record<string, unknown>, sources: Partial<Record<keyof Settings, Source>>): void {
  const alias = values.provider as string | undefined;
  const aliasSource = sources.provider!;
  const listSource = sources.providers!;
  if (alias !== undefined) {
    const fromAlias: ProviderSelection = alias === 'all' ? 'all' : [alias];
    if (aliasSource.rank < listSource.rank) values.providers = fromAlias;
    else if (
      aliasSource.rank === listSource.rank &&
      providerLabel(values.providers as ProviderSelection) !== providerLabel(fromAlias)
    ) {
      throw new ConfigError(
        aliasSource.name,
        `disagrees with ${listSource.name}; it is an alias of ${listSource.name} for one provider: set one of them`,
      );
    }
  }
  values.provider = providerLabel(values.providers as ProviderSelection);
}

/** Settings never echoed back: a webhook URL often carries its own credential (Slack's do). */
const SECRETS = new Set<string>(['token', 'webhookSecret', 'webhookUrl']);

/** The configuration with its secrets masked (the token, a password in the cache URL), for logs and the CLI. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    ...config,
    token: config.token ? '(set)' : '(none)',
    webhookSecret: config.webhookSecret ? '(set)' : '(none)',
    webhookUrl: config.webhookUrl ? `${new URL(config.webhookUrl).origin}/…` : '(none)',
    cacheUrl: config.cacheUrl?.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@'),
  };
}
