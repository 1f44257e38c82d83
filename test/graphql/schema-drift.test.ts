import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import {
  buildSchema,
  Kind,
  parse,
  print,
  valueFromAST,
  type GraphQLEnumType,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLObjectType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { printSchemaSdl } from '../../src/graphql/index.ts';
import config from '../../codegen.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('checked-in schema and generated code', () => {
  it('schema/schema.graphql is what the Pothos schema prints (run `npm run schema`)', () => {
    expect(read('schema/schema.graphql')).toBe(printSchemaSdl());
  });

  it('schema/generated/ is what codegen makes of it (run `npm run codegen`)', async () => {
    const files: { filename: string; content: string }[] = await generate(
      { ...config, cwd: new URL('../..', import.meta.url).pathname, silent: true },
      false,
    );
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(read(file.filename), file.filename).toBe(file.content);
  });

  it('keeps every name and type of the contract the frontend codes against', () => {
    const actual = buildSchema(printSchemaSdl());
    const contract = parse(CONTRACT);
    for (const definition of contract.definitions) {
      if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
        const type = actual.getType(definition.name.value) as GraphQLEnumType;
        expect(
          type
            .getValues()
            .map((value) => value.name)
            .sort(),
        ).toEqual(definition.values!.map((value) => value.name.value).sort());
        continue;
      }
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION)
        continue;
      const type = actual.getType(definition.name.value) as GraphQLObjectType | GraphQLInputObjectType;
      const fields = type.getFields();
      for (const field of definition.fields ?? []) {
        const where = `${definition.name.value}.${field.name.value}`;
        const actualField = fields[field.name.value];
        expect(actualField, where).toBeDefined();
        expect(String(actualField!.type), where).toBe(print(field.type));
        for (const arg of 'arguments' in field ? (field.arguments ?? []) : []) {
          const actualArg = (actualField as GraphQLField<unknown, unknown>).args.find(
            (candidate) => candidate.name === arg.name.value,
          );
          expect(String(actualArg?.type), `${where}(${arg.name.value})`).toBe(print(arg.type));
          const contractDefault =
            arg.defaultValue && actualArg ? valueFromAST(arg.defaultValue, actualArg.type) : undefined;
          expect(actualArg?.defaultValue, `${where}(${arg.name.value}) default`).toEqual(contractDefault);
        }
      }
    }
  });
});

/**
 * The API contract from the GraphQL issue, the living-catalog issue, the many-providers issue and the router issue,
 * verbatim (a base model's relation is nullable: the Hub may name a base without saying how): fields may be added, none
 * renamed. The edge issue made `changes` and `snapshots` nullable, so that a history that cannot be read is a field
 * error beside the rest of the answer rather than a null `data`.
 */
const CONTRACT = `
type Query {
  models(filter: ModelFilter, orderBy: ModelOrder = {field: DOWNLOADS, direction: DESC}, first: Int = 50, after: String): ModelConnection!
  model(id: ID!): Model
  fetchReport: FetchReport
  catalog: CatalogStatus!
}
input ModelFilter { minDownloads: Int  minLikes: Int  pipelineTags: [String!]  authors: [String!]  libraries: [String!]  tags: [String!]  search: String  gated: Boolean  quality: Boolean }
input ModelOrder { field: ModelOrderField!  direction: OrderDirection! }
enum ModelOrderField { DOWNLOADS LIKES TRENDING_SCORE CREATED_AT LAST_MODIFIED ID }
enum OrderDirection { ASC DESC }
type ModelConnection { edges: [ModelEdge!]!  nodes: [Model!]!  pageInfo: PageInfo!  totalCount: Int! }
type Model { id: ID!  author: String  name: String!  pipelineTag: String  libraryName: String  tags: [String!]!  downloads: Int!  likes: Int!  trendingScore: Float  createdAt: DateTime  lastModified: DateTime  gated: Boolean!  private: Boolean!  parameterCount: Float  providers: [ProviderMapping!]!  foundBy: [String!]!  url: String! }
type FetchReport { id: ID!  strategy: String!  provider: String!  startedAt: DateTime!  finishedAt: DateTime!  durationMs: Int!  requestCount: Int!  uniqueModels: Int!  complete: Boolean!  sorts: [SortReport!]!  overlaps: [SortOverlap!]! }
type SortReport { sort: String!  pages: Int!  returned: Int!  new: Int!  duplicates: Int!  cumulativeUnique: Int!  exhausted: Boolean!  capped: Boolean!  durationMs: Int!  error: String }
type SortOverlap { a: String!  b: String!  shared: Int!  onlyA: Int!  onlyB: Int!  jaccard: Float! }
type CatalogStatus { size: Int!  fetchedAt: DateTime  ageSeconds: Int  ttlSeconds: Int!  stale: Boolean!  refreshing: Boolean!  lastError: String  upstream: String! }
type Query {
  changes(since: DateTime, kinds: [ModelChangeKind!], first: Int = 50, after: String): ModelChangeConnection
  snapshots(first: Int = 20): [SnapshotSummary!]
}
enum ModelChangeKind { ADDED REMOVED UPDATED }
type ModelChange { kind: ModelChangeKind!  modelId: ID!  detectedAt: DateTime!  snapshotId: ID!  fields: [FieldChange!]!  model: Model }
type FieldChange { field: String!  before: String  after: String }
type ModelChangeConnection { edges: [ModelChangeEdge!]!  nodes: [ModelChange!]!  pageInfo: PageInfo!  totalCount: Int! }
type SnapshotSummary { id: ID!  fetchedAt: DateTime!  size: Int!  complete: Boolean!  added: Int!  removed: Int!  updated: Int!  unconfirmed: Int! }
type Subscription { catalogUpdated: CatalogUpdate! }
type CatalogUpdate { snapshot: SnapshotSummary!  changes(first: Int = 100): [ModelChange!]! }
type Query { providers: [ProviderSummary!]!  provider(name: String!): ProviderSummary }
type ProviderSummary { name: String!  live: Int!  staging: Int!  error: Int!  complete: Boolean!  coverage: Coverage  tasks: [FacetCount!]! }
input ModelFilter { providers: [String!]  providerStatus: [ProviderStatus!] }
enum ProviderStatus { LIVE STAGING ERROR }
type ProviderMapping { provider: String!  providerId: String  status: ProviderStatus!  task: String  contextLength: Int  pricing: ProviderPricing }
type ProviderPricing { inputPerMillion: Float  outputPerMillion: Float  currency: String! }
type FetchReport { providers: [ProviderReport!]! }
type Model { license: String  languages: [String!]!  parameters: Float  baseModels: [BaseModelRelation!]!  inputModalities: [Modality!]!  outputModalities: [Modality!]!  region: String }
type BaseModelRelation { relation: BaseModelRelationKind  modelId: ID! }
enum BaseModelRelationKind { FINETUNE QUANTIZED ADAPTER MERGE }
`;
