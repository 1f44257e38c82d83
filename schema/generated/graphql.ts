/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 instant, e.g. 2025-11-04T08:25:31.000Z */
  DateTime: { input: string; output: string; }
};

/** A model this one derives from */
export type BaseModelRelation = {
  __typename?: 'BaseModelRelation';
  /** The base's Hub id */
  modelId: Scalars['ID']['output'];
  /** Null where the Hub names the base without saying how the model derives from it */
  relation?: Maybe<BaseModelRelationKind>;
};

/** How a model derives from its base, as the Hub's base_model tags name it */
export type BaseModelRelationKind =
  /** An adapter (LoRA, PEFT) loaded on top of the base */
  | 'ADAPTER'
  /** Trained further from the base */
  | 'FINETUNE'
  /** Merged from the base and other models */
  | 'MERGE'
  /** The base's weights at a lower precision */
  | 'QUANTIZED';

export type CappedSort = {
  __typename?: 'CappedSort';
  cumulativeUnique: Scalars['Int']['output'];
  size: Scalars['Int']['output'];
  sort: Scalars['String']['output'];
};

/** What a client without cursors would see: the top `cap` of each sort key, computed from the complete catalog */
export type CappedView = {
  __typename?: 'CappedView';
  cap: Scalars['Int']['output'];
  overlaps: Array<SortOverlap>;
  sorts: Array<CappedSort>;
};

/** The cache behind the API: what it holds, how old it is, and the last thing that went wrong */
export type CatalogStatus = {
  __typename?: 'CatalogStatus';
  ageSeconds?: Maybe<Scalars['Int']['output']>;
  fetchedAt?: Maybe<Scalars['DateTime']['output']>;
  lastError?: Maybe<Scalars['String']['output']>;
  lastErrorAt?: Maybe<Scalars['DateTime']['output']>;
  /** The replica crawling the upstream for everyone right now; null when no refresh runs */
  leaseHolder?: Maybe<Scalars['String']['output']>;
  /** When the next scheduled refresh starts; null while one runs, or when none is scheduled */
  nextRefreshAt?: Maybe<Scalars['DateTime']['output']>;
  /** Seconds between scheduled refreshes (±10 %); null when only a stale query starts a refresh */
  refreshIntervalSeconds?: Maybe<Scalars['Int']['output']>;
  /** The replica that fetched the snapshot served: HUBCAT_REPLICA_ID, or host and pid */
  refreshedBy?: Maybe<Scalars['String']['output']>;
  refreshing: Scalars['Boolean']['output'];
  /** Why the router's listing could not be read for the snapshot being served (prices and context lengths then come from the Hub listing's providerDetails only); null when it was read, or is off */
  routerError?: Maybe<Scalars['String']['output']>;
  size: Scalars['Int']['output'];
  /** Id of the snapshot served (equal to fetchReport.id); replicas sharing a cache agree on it */
  snapshotId?: Maybe<Scalars['ID']['output']>;
  stale: Scalars['Boolean']['output'];
  ttlSeconds: Scalars['Int']['output'];
  upstream: Scalars['String']['output'];
};

/** A snapshot that replaced the served one, with its changes */
export type CatalogUpdate = {
  __typename?: 'CatalogUpdate';
  /** Its first changes by model id (at most 1000); Query.changes has them all */
  changes: Array<ModelChange>;
  snapshot: SnapshotSummary;
};


/** A snapshot that replaced the served one, with its changes */
export type CatalogUpdateChangesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Chao's lower bound on the total, from how many models one and two sorts saw */
export type ChaoEstimate = {
  __typename?: 'ChaoEstimate';
  captures: Scalars['Int']['output'];
  estimate: Scalars['Float']['output'];
  f1: Scalars['Int']['output'];
  f2: Scalars['Int']['output'];
  interval95: Interval;
  observed: Scalars['Int']['output'];
};

/** Chapman's two-capture estimate of the total, from one pair of sorts */
export type ChapmanEstimate = {
  __typename?: 'ChapmanEstimate';
  a: Scalars['String']['output'];
  b: Scalars['String']['output'];
  estimate: Scalars['Float']['output'];
  interval95: Interval;
  n1: Scalars['Int']['output'];
  n2: Scalars['Int']['output'];
  recaptured: Scalars['Int']['output'];
};

/** Whether every served model was seen, and why the report can say so */
export type Completeness = {
  __typename?: 'Completeness';
  coveringParts: Scalars['Int']['output'];
  explanation: Scalars['String']['output'];
  method: CompletenessMethod;
  /** What a covering-partition proof assumes about the Hub */
  premises: Array<Scalars['String']['output']>;
  proven: Scalars['Boolean']['output'];
  /** What could still hide unseen models */
  uncoveredRisk: Array<Scalars['String']['output']>;
};

/** How completeness was proven, if it was */
export type CompletenessMethod =
  /** Queries that together match every possible model each answered below the cap */
  | 'COVERING_PARTITION'
  /** A crawl followed its cursor to the end */
  | 'CURSOR'
  /** Not proven */
  | 'NONE';

export type Coverage = {
  __typename?: 'Coverage';
  /** exact, or the estimate the total comes from */
  basis: Scalars['String']['output'];
  /** Unique models ÷ total; null when the total cannot be estimated */
  ratio?: Maybe<Scalars['Float']['output']>;
  total?: Maybe<Scalars['Float']['output']>;
};

/** Estimates of the unseen total when completeness is not proven; all are lower bounds */
export type Estimates = {
  __typename?: 'Estimates';
  caveat: Scalars['String']['output'];
  chao?: Maybe<ChaoEstimate>;
  chapman: Array<ChapmanEstimate>;
};

/** How many models one value of a facet has */
export type FacetCount = {
  __typename?: 'FacetCount';
  count: Scalars['Int']['output'];
  value: Scalars['String']['output'];
};

/** How the snapshot being served was fetched, and how complete it is */
export type FetchReport = {
  __typename?: 'FetchReport';
  cappedView?: Maybe<CappedView>;
  /** True only with a proof that every served model was seen */
  complete: Scalars['Boolean']['output'];
  completeness: Completeness;
  coverage: Coverage;
  durationMs: Scalars['Int']['output'];
  errors: Array<Scalars['String']['output']>;
  estimates?: Maybe<Estimates>;
  finishedAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  overlaps: Array<SortOverlap>;
  pageSize: Scalars['Int']['output'];
  parts: Array<PartReport>;
  provider: Scalars['String']['output'];
  /** Each configured provider (with all: each provider the catalog names, most live models first) */
  providers: Array<ProviderReport>;
  /** Times the fetch paused for the Hub's rate-limit window to reset rather than be refused */
  rateLimitPauses: Scalars['Int']['output'];
  rateLimitWaitMs: Scalars['Int']['output'];
  requestCount: Scalars['Int']['output'];
  /** The router's listing; null when it is off (HUBCAT_ROUTER_ENDPOINT=none) */
  router?: Maybe<RouterReport>;
  sorts: Array<SortReport>;
  startedAt: Scalars['DateTime']['output'];
  statedOrder: Scalars['String']['output'];
  strategy: Scalars['String']['output'];
  uniqueModels: Scalars['Int']['output'];
  upstream: Scalars['String']['output'];
  /** Most items one query returns when the upstream gives no cursor; null when it paginates */
  upstreamCap?: Maybe<Scalars['Int']['output']>;
};

/** One routing field before and after, as text; null where absent. gated is false, auto or manual, as on the Hub; provider mappings are providers.<provider>.status, .providerId and .task */
export type FieldChange = {
  __typename?: 'FieldChange';
  after?: Maybe<Scalars['String']['output']>;
  before?: Maybe<Scalars['String']['output']>;
  field: Scalars['String']['output'];
};

export type GatedMode =
  /** Access is granted on request, automatically */
  | 'AUTO'
  /** Access is granted by the repository's owners */
  | 'MANUAL';

export type Interval = {
  __typename?: 'Interval';
  high: Scalars['Float']['output'];
  low: Scalars['Float']['output'];
};

/** What a model takes in or gives out, by its task (the Hub's task list; hubcat's table in the README) */
export type Modality =
  /** Speech, music and sound */
  | 'AUDIO'
  /** A vector standing for the input */
  | 'EMBEDDING'
  /** Pictures, masks and depth maps */
  | 'IMAGE'
  /** Scored predictions about the input: classes, entities, boxes, keypoints, similarities, relevance */
  | 'SCORES'
  /** Tables and time series */
  | 'TABULAR'
  /** Natural-language text or code */
  | 'TEXT'
  /** 3D assets */
  | 'THREE_D'
  | 'VIDEO';

/** A model live with at least one configured provider, as hubcat normalized it from the Hub */
export type Model = {
  __typename?: 'Model';
  author?: Maybe<Scalars['String']['output']>;
  /** The models it derives from, by its base_model tags (and card, when cardData is expanded) */
  baseModels: Array<BaseModelRelation>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** Downloads over the last 30 days; a count past GraphQL's Int reads as 2147483647 */
  downloads: Scalars['Int']['output'];
  /** The sorts and partition queries whose results held this model */
  foundBy: Array<Scalars['String']['output']>;
  gated: Scalars['Boolean']['output'];
  /** How access is granted when gated */
  gatedMode?: Maybe<GatedMode>;
  /** Hub id, e.g. "BAAI/bge-small-en-v1.5" */
  id: Scalars['ID']['output'];
  /** What its task takes in; empty when the task is not one the table names */
  inputModalities: Array<Modality>;
  /** Language codes of its tags (ISO 639-1, and "multilingual"), with its card's when cardData is expanded */
  languages: Array<Scalars['String']['output']>;
  lastModified?: Maybe<Scalars['DateTime']['output']>;
  libraryName?: Maybe<Scalars['String']['output']>;
  /** The license id of its license:<id> tag, e.g. "apache-2.0" or "other"; null where it has none */
  license?: Maybe<Scalars['String']['output']>;
  likes: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  /** What its task gives out */
  outputModalities: Array<Modality>;
  /** @deprecated Use parameters */
  parameterCount?: Maybe<Scalars['Float']['output']>;
  /** Total parameters, from the listing's safetensors (or gguf, when HUBCAT_EXPAND has it); null where the Hub gives neither */
  parameters?: Maybe<Scalars['Float']['output']>;
  pipelineTag?: Maybe<Scalars['String']['output']>;
  private: Scalars['Boolean']['output'];
  /** Every provider's mapping, whatever its status, so staging and failing ones stay visible; a mapping whose status is none of LIVE, STAGING and ERROR (one the Hub added later) is left out */
  providers: Array<ProviderMapping>;
  /** Where the repo is stored, from its region:<code> tag (us, eu) */
  region?: Maybe<Scalars['String']['output']>;
  tags: Array<Scalars['String']['output']>;
  trendingScore?: Maybe<Scalars['Float']['output']>;
  url: Scalars['String']['output'];
};

export type ModelChange = {
  __typename?: 'ModelChange';
  detectedAt: Scalars['DateTime']['output'];
  fields: Array<FieldChange>;
  kind: ModelChangeKind;
  /** The model as the served snapshot holds it now; null when it is not served (e.g. removed) */
  model?: Maybe<Model>;
  modelId: Scalars['ID']['output'];
  /** The snapshot whose replacement revealed the change */
  snapshotId: Scalars['ID']['output'];
};

export type ModelChangeConnection = {
  __typename?: 'ModelChangeConnection';
  edges: Array<ModelChangeEdge>;
  nodes: Array<ModelChange>;
  pageInfo: PageInfo;
  /** Changes matching since and kinds, across all pages */
  totalCount: Scalars['Int']['output'];
  /** The retention has dropped changes that would come after the requested start: some are missing */
  truncated: Scalars['Boolean']['output'];
};

export type ModelChangeEdge = {
  __typename?: 'ModelChangeEdge';
  cursor: Scalars['String']['output'];
  node: ModelChange;
};

/** ADDED: newly served; REMOVED: no longer served (only ever from a complete snapshot); UPDATED: a routing field changed */
export type ModelChangeKind =
  | 'ADDED'
  | 'REMOVED'
  | 'UPDATED';

export type ModelConnection = {
  __typename?: 'ModelConnection';
  edges: Array<ModelEdge>;
  facets: ModelFacets;
  nodes: Array<Model>;
  pageInfo: PageInfo;
  /** Models matching the filter, across all pages */
  totalCount: Scalars['Int']['output'];
};

export type ModelEdge = {
  __typename?: 'ModelEdge';
  cursor: Scalars['String']['output'];
  node: Model;
};

/** Counts per value for a filter sidebar. Each facet counts the models that meet every condition of the filter except the facet's own, so the alternatives to a selection stay visible; values by count descending, then value */
export type ModelFacets = {
  __typename?: 'ModelFacets';
  /** Owners, case-insensitively, each shown as its models' most common spelling */
  authors: Array<FacetCount>;
  /** Values true and false */
  gated: Array<FacetCount>;
  /** What the models take in (values as the Modality enum, lower case) */
  inputModalities: Array<FacetCount>;
  /** Language codes */
  languages: Array<FacetCount>;
  /** Libraries */
  libraries: Array<FacetCount>;
  /** License ids */
  licenses: Array<FacetCount>;
  /** What the models give out (values as the Modality enum, lower case) */
  outputModalities: Array<FacetCount>;
  /** Parameter counts in buckets, each from its lower end (inclusive) to the next: <1B, 1B-3B, 3B-10B, 10B-30B, 30B-100B, 100B+; counted over the filter without its minParameters and maxParameters */
  parameterSizes: Array<FacetCount>;
  /** Tasks */
  pipelineTags: Array<FacetCount>;
  /** Inference providers with a mapping of the models in one of the filter's providerStatus (default LIVE) */
  providers: Array<FacetCount>;
  /** Values true and false: passes the server's quality bar or not */
  quality: Array<FacetCount>;
  /** Tags, counted over the filter without its tags condition */
  tags: Array<FacetCount>;
};


/** Counts per value for a filter sidebar. Each facet counts the models that meet every condition of the filter except the facet's own, so the alternatives to a selection stay visible; values by count descending, then value */
export type ModelFacetsAuthorsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Counts per value for a filter sidebar. Each facet counts the models that meet every condition of the filter except the facet's own, so the alternatives to a selection stay visible; values by count descending, then value */
export type ModelFacetsInputModalitiesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Counts per value for a filter sidebar. Each facet counts the models that meet every condition of the filter except the facet's own, so the alternatives to a selection stay visible; values by count descending, then value */
export type ModelFacetsLanguagesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Counts per value for a filter sidebar. Each facet counts the models that meet every condition of the filter except the facet's own, so the alternatives to a selection stay visible; values by count descending, then value */
export type ModelFacetsLibrariesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Counts per value for a filter sidebar. Each facet counts the models that meet every condition of the filter except the facet's own, so the alternatives to a selection stay visible; values by count descending, then value */
export type ModelFacetsLicensesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Counts per value for a filter sidebar. Each facet counts the models that meet every condition of the filter except the facet's own, so the alternatives to a selection stay visible; values by count descending, then value */
export type ModelFacetsOutputModalitiesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Counts per value for a filter sidebar. Each facet counts the models that meet every condition of the filter except the facet's own, so the alternatives to a selection stay visible; values by count descending, then value */
export type ModelFacetsParameterSizesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Counts per value for a filter sidebar. Each facet counts the models that meet every condition of the filter except the facet's own, so the alternatives to a selection stay visible; values by count descending, then value */
export type ModelFacetsPipelineTagsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Counts per value for a filter sidebar. Each facet counts the models that meet every condition of the filter except the facet's own, so the alternatives to a selection stay visible; values by count descending, then value */
export type ModelFacetsProvidersArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Counts per value for a filter sidebar. Each facet counts the models that meet every condition of the filter except the facet's own, so the alternatives to a selection stay visible; values by count descending, then value */
export type ModelFacetsTagsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Every given condition must hold; within a list any value matches */
export type ModelFilter = {
  /** Any of these owners (case-insensitive) */
  authors?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Derives from this model id (exactly), by any relation: fine-tune, quantization, adapter or merge */
  baseModel?: InputMaybe<Scalars['String']['input']>;
  gated?: InputMaybe<Scalars['Boolean']['input']>;
  /** Takes every one of these */
  inputModalities?: InputMaybe<Array<Modality>>;
  /** Names any of these language codes (e.g. en, fr, multilingual) */
  languages?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Any of these libraries */
  libraries?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Any of these license ids, exactly (e.g. apache-2.0, mit) */
  licenses?: InputMaybe<Array<Scalars['String']['input']>>;
  /** At most this many parameters (inclusive); a model whose count is unknown is left out. Not below minParameters */
  maxParameters?: InputMaybe<Scalars['Float']['input']>;
  /** At least this many downloads (last 30 days) */
  minDownloads?: InputMaybe<Scalars['Int']['input']>;
  minLikes?: InputMaybe<Scalars['Int']['input']>;
  /** At least this many parameters (inclusive); a model whose count is unknown is left out */
  minParameters?: InputMaybe<Scalars['Float']['input']>;
  /** Gives every one of these */
  outputModalities?: InputMaybe<Array<Modality>>;
  /** Any of these tasks */
  pipelineTags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The mapping statuses providers considers (default LIVE); alone, a mapping of any provider in one of them. The providers facet counts these statuses */
  providerStatus?: InputMaybe<Array<ProviderStatus>>;
  /** Has a mapping of any of these inference providers: a live one unless providerStatus says otherwise */
  providers?: InputMaybe<Array<Scalars['String']['input']>>;
  /** true: passes the server's quality bar; false: fails it */
  quality?: InputMaybe<Scalars['Boolean']['input']>;
  /** Case-insensitive substring of the id */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Every one of these tags */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type ModelOrder = {
  direction: OrderDirection;
  field: ModelOrderField;
};

export type ModelOrderField =
  | 'CREATED_AT'
  | 'DOWNLOADS'
  | 'ID'
  | 'LAST_MODIFIED'
  | 'LIKES'
  | 'TRENDING_SCORE';

export type OrderDirection =
  | 'ASC'
  | 'DESC';

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** One query of a partitioned crawl: its filters, what it returned, and whether it was split further */
export type PartReport = {
  __typename?: 'PartReport';
  author?: Maybe<Scalars['String']['output']>;
  capped: Scalars['Boolean']['output'];
  cumulativeUnique: Scalars['Int']['output'];
  depth: Scalars['Int']['output'];
  duplicates: Scalars['Int']['output'];
  error?: Maybe<Scalars['String']['output']>;
  exhausted: Scalars['Boolean']['output'];
  gated?: Maybe<Scalars['Boolean']['output']>;
  label: Scalars['String']['output'];
  new: Scalars['Int']['output'];
  pages: Scalars['Int']['output'];
  /** Came back full, so it was split into child queries */
  refined: Scalars['Boolean']['output'];
  requests: Scalars['Int']['output'];
  returned: Scalars['Int']['output'];
  search?: Maybe<Scalars['String']['output']>;
  splitBy: Scalars['String']['output'];
};

/** Where a mapping's context length, prices and capabilities come from */
export type ProviderDetailsSource =
  /** The Hub listing's own providerDetails, where the router names none */
  | 'LISTING'
  /** The router's listing (GET /v1/models), which wins where it names them */
  | 'ROUTER';

/** One provider's mappings by status among the catalog's models, whether its live set is proven complete, and the tasks it serves */
export type ProviderFigures = {
  /** True only with a proof that its whole live set was seen */
  complete: Scalars['Boolean']['output'];
  completeness: Completeness;
  /** Failing mappings, counted as staging ones are */
  error: Scalars['Int']['output'];
  /** Models with a live mapping of this provider: its served set */
  live: Scalars['Int']['output'];
  /** Staging mappings of this provider on the catalog's models: a lower bound, as the Hub lists a model only when a provider the listing names serves it live */
  staging: Scalars['Int']['output'];
  /** Tasks of its live mappings, most first */
  tasks: Array<FacetCount>;
};

/** One inference provider's mapping of a model */
export type ProviderMapping = {
  __typename?: 'ProviderMapping';
  /** Tokens */
  contextLength?: Maybe<Scalars['Int']['output']>;
  /** Where contextLength, pricing and the rest come from; null when nothing names them */
  detailsSource?: Maybe<ProviderDetailsSource>;
  /** Time to the first token, as the router measures it */
  firstTokenLatencyMs?: Maybe<Scalars['Float']['output']>;
  pricing?: Maybe<ProviderPricing>;
  provider: Scalars['String']['output'];
  providerId?: Maybe<Scalars['String']['output']>;
  /** Only mappings whose status is one of these are listed (see Model.providers) */
  status: ProviderStatus;
  supportsStructuredOutput?: Maybe<Scalars['Boolean']['output']>;
  supportsTools?: Maybe<Scalars['Boolean']['output']>;
  task?: Maybe<Scalars['String']['output']>;
  /** Tokens per second, as the router measures it */
  throughput?: Maybe<Scalars['Float']['output']>;
};

/** What one million tokens cost through this provider */
export type ProviderPricing = {
  __typename?: 'ProviderPricing';
  /** USD: the router publishes its prices in US dollars (as the Hub documents it) */
  currency: Scalars['String']['output'];
  /** Per million input tokens */
  inputPerMillion?: Maybe<Scalars['Float']['output']>;
  /** Per million output tokens */
  outputPerMillion?: Maybe<Scalars['Float']['output']>;
};

/** One provider's part of the fetch: its mappings by status among the catalog's models, whether its live set is proven complete, and the requests spent on it */
export type ProviderReport = ProviderFigures & {
  __typename?: 'ProviderReport';
  /** True only with a proof that its whole live set was seen */
  complete: Scalars['Boolean']['output'];
  completeness: Completeness;
  coverage: Coverage;
  /** Failing mappings, counted as staging ones are */
  error: Scalars['Int']['output'];
  estimates?: Maybe<Estimates>;
  /** Models with a live mapping of this provider: its served set */
  live: Scalars['Int']['output'];
  /** Mappings whose status is none of live, staging and error (one the Hub added later) */
  otherStatus: Scalars['Int']['output'];
  provider: Scalars['String']['output'];
  /** Requests whose listing named this provider alone (every request, for a one-provider catalog) */
  requests: Scalars['Int']['output'];
  /** Requests of the listing of several providers, which served the set of this provider too */
  sharedRequests: Scalars['Int']['output'];
  /** Staging mappings of this provider on the catalog's models: a lower bound, as the Hub lists a model only when a provider the listing names serves it live */
  staging: Scalars['Int']['output'];
  /** Tasks of its live mappings, most first */
  tasks: Array<FacetCount>;
};

/** A mapping's status on the Hub */
export type ProviderStatus =
  /** Failing: not served now */
  | 'ERROR'
  /** Served: requests through the provider work */
  | 'LIVE'
  /** Being set up: not served yet */
  | 'STAGING';

/** One inference provider's part of the served catalog: its mappings by status, whether its live set is proven complete (or how much of it the catalog holds), and what it serves */
export type ProviderSummary = ProviderFigures & {
  __typename?: 'ProviderSummary';
  /** True only with a proof that its whole live set was seen */
  complete: Scalars['Boolean']['output'];
  completeness: Completeness;
  /** Of its live set: exact when complete, else against a lower-bound estimate (an upper-bound ratio) */
  coverage?: Maybe<Coverage>;
  /** Failing mappings, counted as staging ones are */
  error: Scalars['Int']['output'];
  /** Models with a live mapping of this provider: its served set */
  live: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  /** Staging mappings of this provider on the catalog's models: a lower bound, as the Hub lists a model only when a provider the listing names serves it live */
  staging: Scalars['Int']['output'];
  /** Tasks of its live mappings, most first */
  tasks: Array<FacetCount>;
};

export type Query = {
  __typename?: 'Query';
  /** State of the cached catalog; answers even when the upstream cannot be reached */
  catalog: CatalogStatus;
  /** Changes between successive snapshots, oldest first (detectedAt, then modelId); follow endCursor to resume. Null (with an error) when the history cannot be read */
  changes?: Maybe<ModelChangeConnection>;
  /** The report of the snapshot being served */
  fetchReport?: Maybe<FetchReport>;
  /** One model of the served catalog by its Hub id; null when no configured provider serves it live */
  model?: Maybe<Model>;
  /** The served catalog, filtered, ordered and paged */
  models: ModelConnection;
  /** One provider by its Hub name; null when it is not configured (with all: when no model names it) */
  provider?: Maybe<ProviderSummary>;
  /** The configured providers (with all: every provider the catalog names, most live models first), as the served snapshot holds them */
  providers: Array<ProviderSummary>;
  /** The snapshots that replaced the served one, newest first, as far back as the retention keeps; null (with an error) when the history cannot be read */
  snapshots?: Maybe<Array<SnapshotSummary>>;
};


export type QueryCatalogArgs = {
  wait?: Scalars['Boolean']['input'];
};


export type QueryChangesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kinds?: InputMaybe<Array<ModelChangeKind>>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryModelArgs = {
  id: Scalars['ID']['input'];
};


export type QueryModelsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ModelFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ModelOrder>;
};


export type QueryProviderArgs = {
  name: Scalars['String']['input'];
};


export type QuerySnapshotsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** What reading the router's model list (GET /v1/models) gave, joined into the mappings by model id */
export type RouterReport = {
  __typename?: 'RouterReport';
  durationMs: Scalars['Int']['output'];
  endpoint: Scalars['String']['output'];
  /** hubcat's short reason, when it failed */
  error?: Maybe<Scalars['String']['output']>;
  /** Catalog mappings whose figures come from it */
  joinedMappings: Scalars['Int']['output'];
  /** Catalog mappings whose figures come from the Hub listing's providerDetails alone */
  listingMappings: Scalars['Int']['output'];
  /** Chat models it listed */
  models: Scalars['Int']['output'];
  /** False when it could not be read: figures then come from the Hub listing's providerDetails only */
  ok: Scalars['Boolean']['output'];
  pages: Scalars['Int']['output'];
  requests: Scalars['Int']['output'];
};

/** A snapshot that replaced the served one, and how many models changed with it */
export type SnapshotSummary = {
  __typename?: 'SnapshotSummary';
  added: Scalars['Int']['output'];
  /** Nothing to compare with (the first snapshot ever): it records no changes */
  baseline: Scalars['Boolean']['output'];
  /** Proven complete, so a model missing from it is REMOVED */
  complete: Scalars['Boolean']['output'];
  /** When it replaced the served snapshot; the detectedAt of its changes */
  detectedAt: Scalars['DateTime']['output'];
  fetchedAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The snapshot it was compared with */
  previousId?: Maybe<Scalars['ID']['output']>;
  removed: Scalars['Int']['output'];
  size: Scalars['Int']['output'];
  /** Models seen before but missing from this incomplete snapshot: not reported as removed */
  unconfirmed: Scalars['Int']['output'];
  updated: Scalars['Int']['output'];
};

export type SortOverlap = {
  __typename?: 'SortOverlap';
  a: Scalars['String']['output'];
  b: Scalars['String']['output'];
  jaccard: Scalars['Float']['output'];
  onlyA: Scalars['Int']['output'];
  onlyB: Scalars['Int']['output'];
  shared: Scalars['Int']['output'];
};

/** What one sort crawl saw; new, duplicates and cumulativeUnique follow the report's stated order */
export type SortReport = {
  __typename?: 'SortReport';
  /** Stopped at a full first page with no next link */
  capped: Scalars['Boolean']['output'];
  cumulativeUnique: Scalars['Int']['output'];
  duplicates: Scalars['Int']['output'];
  durationMs: Scalars['Int']['output'];
  error?: Maybe<Scalars['String']['output']>;
  /** 1-based page the error happened on */
  errorPage?: Maybe<Scalars['Int']['output']>;
  /** The cursor ran out: this sort saw the whole listing */
  exhausted: Scalars['Boolean']['output'];
  new: Scalars['Int']['output'];
  /** Returned but not live for the provider, so dropped */
  notLive: Scalars['Int']['output'];
  pages: Scalars['Int']['output'];
  /** HTTP requests, retries included */
  requests: Scalars['Int']['output'];
  returned: Scalars['Int']['output'];
  sort: Scalars['String']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** One event each time a snapshot replaces the served one, fetched by this replica or, with Redis, by any other */
  catalogUpdated: CatalogUpdate;
};

export type BrowsedModelsQueryVariables = Exact<{
  filter?: InputMaybe<ModelFilter>;
  orderBy?: InputMaybe<ModelOrder>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  facetSize?: InputMaybe<Scalars['Int']['input']>;
}>;


export type BrowsedModelsQuery = { __typename?: 'Query', models: { __typename?: 'ModelConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'Model', id: string, author?: string | null, pipelineTag?: string | null, libraryName?: string | null, downloads: number, likes: number, trendingScore?: number | null, createdAt?: string | null, gated: boolean, url: string }>, facets: { __typename?: 'ModelFacets', pipelineTags: Array<{ __typename?: 'FacetCount', value: string, count: number }>, libraries: Array<{ __typename?: 'FacetCount', value: string, count: number }>, authors: Array<{ __typename?: 'FacetCount', value: string, count: number }>, providers: Array<{ __typename?: 'FacetCount', value: string, count: number }>, gated: Array<{ __typename?: 'FacetCount', value: string, count: number }>, quality: Array<{ __typename?: 'FacetCount', value: string, count: number }>, licenses: Array<{ __typename?: 'FacetCount', value: string, count: number }>, languages: Array<{ __typename?: 'FacetCount', value: string, count: number }>, parameterSizes: Array<{ __typename?: 'FacetCount', value: string, count: number }>, inputModalities: Array<{ __typename?: 'FacetCount', value: string, count: number }>, outputModalities: Array<{ __typename?: 'FacetCount', value: string, count: number }> } } };

export type CatalogReadinessQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogReadinessQuery = { __typename?: 'Query', catalog: { __typename?: 'CatalogStatus', size: number, fetchedAt?: string | null, refreshing: boolean, lastError?: string | null, upstream: string } };

export type CatalogUpdatedSubscriptionVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type CatalogUpdatedSubscription = { __typename?: 'Subscription', catalogUpdated: { __typename?: 'CatalogUpdate', snapshot: { __typename?: 'SnapshotSummary', id: string, fetchedAt: string, detectedAt: string, size: number, complete: boolean, baseline: boolean, added: number, removed: number, updated: number, unconfirmed: number }, changes: Array<{ __typename?: 'ModelChange', kind: ModelChangeKind, modelId: string, detectedAt: string, fields: Array<{ __typename?: 'FieldChange', field: string, before?: string | null, after?: string | null }> }> } };

export type ChangesQueryVariables = Exact<{
  since?: InputMaybe<Scalars['DateTime']['input']>;
  kinds?: InputMaybe<Array<ModelChangeKind> | ModelChangeKind>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ChangesQuery = { __typename?: 'Query', changes?: { __typename?: 'ModelChangeConnection', totalCount: number, truncated: boolean, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'ModelChange', kind: ModelChangeKind, modelId: string, detectedAt: string, snapshotId: string, fields: Array<{ __typename?: 'FieldChange', field: string, before?: string | null, after?: string | null }>, model?: { __typename?: 'Model', id: string, pipelineTag?: string | null, downloads: number, likes: number, gated: boolean } | null }> } | null };

export type CoverageReportQueryVariables = Exact<{ [key: string]: never; }>;


export type CoverageReportQuery = { __typename?: 'Query', catalog: { __typename?: 'CatalogStatus', size: number, fetchedAt?: string | null, ageSeconds?: number | null, ttlSeconds: number, stale: boolean, refreshing: boolean, lastError?: string | null, upstream: string }, fetchReport?: { __typename?: 'FetchReport', id: string, strategy: string, provider: string, startedAt: string, finishedAt: string, durationMs: number, requestCount: number, uniqueModels: number, complete: boolean, statedOrder: string, upstreamCap?: number | null, errors: Array<string>, sorts: Array<{ __typename?: 'SortReport', sort: string, pages: number, returned: number, new: number, duplicates: number, cumulativeUnique: number, exhausted: boolean, capped: boolean, durationMs: number, error?: string | null }>, overlaps: Array<{ __typename?: 'SortOverlap', a: string, b: string, shared: number, onlyA: number, onlyB: number, jaccard: number }>, parts: Array<{ __typename?: 'PartReport', label: string, depth: number, splitBy: string, refined: boolean, returned: number, new: number, duplicates: number, capped: boolean, error?: string | null }>, completeness: { __typename?: 'Completeness', proven: boolean, method: CompletenessMethod, explanation: string, premises: Array<string>, coveringParts: number, uncoveredRisk: Array<string> }, estimates?: { __typename?: 'Estimates', caveat: string, chapman: Array<{ __typename?: 'ChapmanEstimate', a: string, b: string, n1: number, n2: number, recaptured: number, estimate: number, interval95: { __typename?: 'Interval', low: number, high: number } }>, chao?: { __typename?: 'ChaoEstimate', f1: number, f2: number, observed: number, estimate: number, interval95: { __typename?: 'Interval', low: number, high: number } } | null } | null, cappedView?: { __typename?: 'CappedView', cap: number, sorts: Array<{ __typename?: 'CappedSort', sort: string, size: number, cumulativeUnique: number }>, overlaps: Array<{ __typename?: 'SortOverlap', a: string, b: string, shared: number, onlyA: number, onlyB: number, jaccard: number }> } | null, coverage: { __typename?: 'Coverage', ratio?: number | null, total?: number | null, basis: string } } | null };

export type FacetedModelsQueryVariables = Exact<{
  filter?: InputMaybe<ModelFilter>;
  orderBy?: InputMaybe<ModelOrder>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  facetSize?: InputMaybe<Scalars['Int']['input']>;
}>;


export type FacetedModelsQuery = { __typename?: 'Query', models: { __typename?: 'ModelConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'Model', id: string, author?: string | null, pipelineTag?: string | null, libraryName?: string | null, downloads: number, likes: number, gated: boolean }>, facets: { __typename?: 'ModelFacets', pipelineTags: Array<{ __typename?: 'FacetCount', value: string, count: number }>, libraries: Array<{ __typename?: 'FacetCount', value: string, count: number }>, authors: Array<{ __typename?: 'FacetCount', value: string, count: number }>, tags: Array<{ __typename?: 'FacetCount', value: string, count: number }>, providers: Array<{ __typename?: 'FacetCount', value: string, count: number }>, gated: Array<{ __typename?: 'FacetCount', value: string, count: number }>, quality: Array<{ __typename?: 'FacetCount', value: string, count: number }> } } };

export type FilteredModelsQueryVariables = Exact<{
  filter?: InputMaybe<ModelFilter>;
  orderBy?: InputMaybe<ModelOrder>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type FilteredModelsQuery = { __typename?: 'Query', models: { __typename?: 'ModelConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'Model', id: string, author?: string | null, pipelineTag?: string | null, libraryName?: string | null, downloads: number, likes: number, trendingScore?: number | null, createdAt?: string | null, gated: boolean, url: string }> } };

export type ProvidersQueryVariables = Exact<{ [key: string]: never; }>;


export type ProvidersQuery = { __typename?: 'Query', providers: Array<{ __typename?: 'ProviderSummary', name: string, live: number, staging: number, error: number, complete: boolean, coverage?: { __typename?: 'Coverage', ratio?: number | null, total?: number | null, basis: string } | null, tasks: Array<{ __typename?: 'FacetCount', value: string, count: number }> }>, fetchReport?: { __typename?: 'FetchReport', provider: string, requestCount: number, complete: boolean, router?: { __typename?: 'RouterReport', ok: boolean, error?: string | null, models: number, joinedMappings: number, listingMappings: number } | null } | null };

export type QualityModelsQueryVariables = Exact<{
  pipelineTags?: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type QualityModelsQuery = { __typename?: 'Query', models: { __typename?: 'ModelConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'Model', id: string, pipelineTag?: string | null, downloads: number, likes: number, private: boolean, providers: Array<{ __typename?: 'ProviderMapping', provider: string, status: ProviderStatus, task?: string | null }> }> } };

export type RecentChangesQueryVariables = Exact<{
  since?: InputMaybe<Scalars['DateTime']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type RecentChangesQuery = { __typename?: 'Query', changes?: { __typename?: 'ModelChangeConnection', totalCount: number, nodes: Array<{ __typename?: 'ModelChange', kind: ModelChangeKind, modelId: string, detectedAt: string, snapshotId: string, fields: Array<{ __typename?: 'FieldChange', field: string, before?: string | null, after?: string | null }>, model?: { __typename?: 'Model', url: string } | null }> } | null };

export type RoutableModelsQueryVariables = Exact<{
  providers?: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
  providerStatus?: InputMaybe<Array<ProviderStatus> | ProviderStatus>;
  pipelineTags?: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type RoutableModelsQuery = { __typename?: 'Query', models: { __typename?: 'ModelConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'Model', id: string, pipelineTag?: string | null, providers: Array<{ __typename?: 'ProviderMapping', provider: string, status: ProviderStatus, task?: string | null, contextLength?: number | null, supportsTools?: boolean | null, detailsSource?: ProviderDetailsSource | null, pricing?: { __typename?: 'ProviderPricing', inputPerMillion?: number | null, outputPerMillion?: number | null } | null }> }>, facets: { __typename?: 'ModelFacets', providers: Array<{ __typename?: 'FacetCount', value: string, count: number }> } } };

export type SnapshotsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type SnapshotsQuery = { __typename?: 'Query', snapshots?: Array<{ __typename?: 'SnapshotSummary', id: string, fetchedAt: string, detectedAt: string, size: number, complete: boolean, baseline: boolean, previousId?: string | null, added: number, removed: number, updated: number, unconfirmed: number }> | null };


export const BrowsedModelsDocument = {"__meta__":{"hash":"5514abfcefc4fbc3249f8f29bc91833a1a894a5ef86d795a6611b572f67dbac9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BrowsedModels"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ModelFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ModelOrder"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"facetSize"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"6"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"models"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineTag"}},{"kind":"Field","name":{"kind":"Name","value":"libraryName"}},{"kind":"Field","name":{"kind":"Name","value":"downloads"}},{"kind":"Field","name":{"kind":"Name","value":"likes"}},{"kind":"Field","name":{"kind":"Name","value":"trendingScore"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"gated"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"facets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pipelineTags"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"facetSize"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"libraries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"facetSize"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"authors"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"facetSize"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"providers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"facetSize"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"gated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"quality"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"licenses"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"facetSize"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"languages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"facetSize"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameterSizes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inputModalities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outputModalities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BrowsedModelsQuery, BrowsedModelsQueryVariables>;
export const CatalogReadinessDocument = {"__meta__":{"hash":"1be7db86a1a62bc860455ce565401a9649a8ca782e0df2cfc9ca9f090a56c985"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CatalogReadiness"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"catalog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"wait"},"value":{"kind":"BooleanValue","value":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"fetchedAt"}},{"kind":"Field","name":{"kind":"Name","value":"refreshing"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"upstream"}}]}}]}}]} as unknown as DocumentNode<CatalogReadinessQuery, CatalogReadinessQueryVariables>;
export const CatalogUpdatedDocument = {"__meta__":{"hash":"ec1e6bd3a775592f51f1d61717d7b8c8bee570b9ed65df42719da92a6a8eaaa4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CatalogUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"catalogUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"snapshot"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fetchedAt"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"baseline"}},{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"removed"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unconfirmed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"modelId"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CatalogUpdatedSubscription, CatalogUpdatedSubscriptionVariables>;
export const ChangesDocument = {"__meta__":{"hash":"d4ce88ae7c4ce76e53f15a6c92f2321f946f829f5aae842287fa2d68ab5e097d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Changes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ModelChangeKind"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}},{"kind":"Argument","name":{"kind":"Name","value":"kinds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"modelId"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotId"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}},{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineTag"}},{"kind":"Field","name":{"kind":"Name","value":"downloads"}},{"kind":"Field","name":{"kind":"Name","value":"likes"}},{"kind":"Field","name":{"kind":"Name","value":"gated"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ChangesQuery, ChangesQueryVariables>;
export const CoverageReportDocument = {"__meta__":{"hash":"b1135bfe46ad1989f5b71d9205b78345f908ec0354aefaec26927b8c95c0bcc3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CoverageReport"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"catalog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"fetchedAt"}},{"kind":"Field","name":{"kind":"Name","value":"ageSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"ttlSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"stale"}},{"kind":"Field","name":{"kind":"Name","value":"refreshing"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"upstream"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fetchReport"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"requestCount"}},{"kind":"Field","name":{"kind":"Name","value":"uniqueModels"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"statedOrder"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamCap"}},{"kind":"Field","name":{"kind":"Name","value":"sorts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sort"}},{"kind":"Field","name":{"kind":"Name","value":"pages"}},{"kind":"Field","name":{"kind":"Name","value":"returned"}},{"kind":"Field","name":{"kind":"Name","value":"new"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeUnique"}},{"kind":"Field","name":{"kind":"Name","value":"exhausted"}},{"kind":"Field","name":{"kind":"Name","value":"capped"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}},{"kind":"Field","name":{"kind":"Name","value":"overlaps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"a"}},{"kind":"Field","name":{"kind":"Name","value":"b"}},{"kind":"Field","name":{"kind":"Name","value":"shared"}},{"kind":"Field","name":{"kind":"Name","value":"onlyA"}},{"kind":"Field","name":{"kind":"Name","value":"onlyB"}},{"kind":"Field","name":{"kind":"Name","value":"jaccard"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"}},{"kind":"Field","name":{"kind":"Name","value":"parts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"splitBy"}},{"kind":"Field","name":{"kind":"Name","value":"refined"}},{"kind":"Field","name":{"kind":"Name","value":"returned"}},{"kind":"Field","name":{"kind":"Name","value":"new"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"capped"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}},{"kind":"Field","name":{"kind":"Name","value":"completeness"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proven"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"}},{"kind":"Field","name":{"kind":"Name","value":"premises"}},{"kind":"Field","name":{"kind":"Name","value":"coveringParts"}},{"kind":"Field","name":{"kind":"Name","value":"uncoveredRisk"}}]}},{"kind":"Field","name":{"kind":"Name","value":"estimates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chapman"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"a"}},{"kind":"Field","name":{"kind":"Name","value":"b"}},{"kind":"Field","name":{"kind":"Name","value":"n1"}},{"kind":"Field","name":{"kind":"Name","value":"n2"}},{"kind":"Field","name":{"kind":"Name","value":"recaptured"}},{"kind":"Field","name":{"kind":"Name","value":"estimate"}},{"kind":"Field","name":{"kind":"Name","value":"interval95"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"low"}},{"kind":"Field","name":{"kind":"Name","value":"high"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"chao"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"f1"}},{"kind":"Field","name":{"kind":"Name","value":"f2"}},{"kind":"Field","name":{"kind":"Name","value":"observed"}},{"kind":"Field","name":{"kind":"Name","value":"estimate"}},{"kind":"Field","name":{"kind":"Name","value":"interval95"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"low"}},{"kind":"Field","name":{"kind":"Name","value":"high"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"caveat"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cappedView"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cap"}},{"kind":"Field","name":{"kind":"Name","value":"sorts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sort"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeUnique"}}]}},{"kind":"Field","name":{"kind":"Name","value":"overlaps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"a"}},{"kind":"Field","name":{"kind":"Name","value":"b"}},{"kind":"Field","name":{"kind":"Name","value":"shared"}},{"kind":"Field","name":{"kind":"Name","value":"onlyA"}},{"kind":"Field","name":{"kind":"Name","value":"onlyB"}},{"kind":"Field","name":{"kind":"Name","value":"jaccard"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"coverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ratio"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"basis"}}]}}]}}]}}]} as unknown as DocumentNode<CoverageReportQuery, CoverageReportQueryVariables>;
export const FacetedModelsDocument = {"__meta__":{"hash":"4ae073e344cdca0671b92819338be8ac35bea80c9f40f5d6df7abb6cc84a524d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FacetedModels"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ModelFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ModelOrder"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"facetSize"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"models"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineTag"}},{"kind":"Field","name":{"kind":"Name","value":"libraryName"}},{"kind":"Field","name":{"kind":"Name","value":"downloads"}},{"kind":"Field","name":{"kind":"Name","value":"likes"}},{"kind":"Field","name":{"kind":"Name","value":"gated"}}]}},{"kind":"Field","name":{"kind":"Name","value":"facets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pipelineTags"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"facetSize"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"libraries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"facetSize"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"authors"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"facetSize"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"facetSize"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"providers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"facetSize"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"gated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"quality"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FacetedModelsQuery, FacetedModelsQueryVariables>;
export const FilteredModelsDocument = {"__meta__":{"hash":"3be1773548dca05a13d1bc4cb20008ab8b58ccb8a5a70a3a752dd00d540b2153"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FilteredModels"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ModelFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ModelOrder"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"models"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineTag"}},{"kind":"Field","name":{"kind":"Name","value":"libraryName"}},{"kind":"Field","name":{"kind":"Name","value":"downloads"}},{"kind":"Field","name":{"kind":"Name","value":"likes"}},{"kind":"Field","name":{"kind":"Name","value":"trendingScore"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"gated"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]} as unknown as DocumentNode<FilteredModelsQuery, FilteredModelsQueryVariables>;
export const ProvidersDocument = {"__meta__":{"hash":"cb48cb3e108d36ee09e513c15428f1873f941746a0f10dedbfbb0fb56ac0d931"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Providers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"providers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"live"}},{"kind":"Field","name":{"kind":"Name","value":"staging"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"coverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ratio"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"basis"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"fetchReport"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"requestCount"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"router"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"models"}},{"kind":"Field","name":{"kind":"Name","value":"joinedMappings"}},{"kind":"Field","name":{"kind":"Name","value":"listingMappings"}}]}}]}}]}}]} as unknown as DocumentNode<ProvidersQuery, ProvidersQueryVariables>;
export const QualityModelsDocument = {"__meta__":{"hash":"d98dce4f4b9d6c3026a0367b24fd1682ba9c92b62b2340bc04e10a41adebdd44"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"QualityModels"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pipelineTags"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"models"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"quality"},"value":{"kind":"BooleanValue","value":true}},{"kind":"ObjectField","name":{"kind":"Name","value":"pipelineTags"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pipelineTags"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"DOWNLOADS"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"DESC"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineTag"}},{"kind":"Field","name":{"kind":"Name","value":"downloads"}},{"kind":"Field","name":{"kind":"Name","value":"likes"}},{"kind":"Field","name":{"kind":"Name","value":"private"}},{"kind":"Field","name":{"kind":"Name","value":"providers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"task"}}]}}]}}]}}]}}]} as unknown as DocumentNode<QualityModelsQuery, QualityModelsQueryVariables>;
export const RecentChangesDocument = {"__meta__":{"hash":"60f510e812b3da17f40544de029d33eddf65bc1cd1e08f9ed660fe52c2e6ea09"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecentChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"modelId"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotId"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}},{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecentChangesQuery, RecentChangesQueryVariables>;
export const RoutableModelsDocument = {"__meta__":{"hash":"41d73a7cfa2e798ed4d520eac5b91d63cf19f6206a6b9136b64cfa68ada7af56"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RoutableModels"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"providers"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"providerStatus"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProviderStatus"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pipelineTags"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"models"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"providers"},"value":{"kind":"Variable","name":{"kind":"Name","value":"providers"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"providerStatus"},"value":{"kind":"Variable","name":{"kind":"Name","value":"providerStatus"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"pipelineTags"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pipelineTags"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"DOWNLOADS"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"DESC"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineTag"}},{"kind":"Field","name":{"kind":"Name","value":"providers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"contextLength"}},{"kind":"Field","name":{"kind":"Name","value":"pricing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inputPerMillion"}},{"kind":"Field","name":{"kind":"Name","value":"outputPerMillion"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supportsTools"}},{"kind":"Field","name":{"kind":"Name","value":"detailsSource"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"facets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"providers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RoutableModelsQuery, RoutableModelsQueryVariables>;
export const SnapshotsDocument = {"__meta__":{"hash":"30fa72e85f785ce8c3923432d524343026b71088c3da64c170ab160efe0f15ab"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Snapshots"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"snapshots"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fetchedAt"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"baseline"}},{"kind":"Field","name":{"kind":"Name","value":"previousId"}},{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"removed"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unconfirmed"}}]}}]}}]} as unknown as DocumentNode<SnapshotsQuery, SnapshotsQueryVariables>;