/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query CoverageReport {\n  catalog {\n    size\n    fetchedAt\n    ageSeconds\n    ttlSeconds\n    stale\n    refreshing\n    lastError\n    upstream\n  }\n  fetchReport {\n    id\n    strategy\n    provider\n    startedAt\n    finishedAt\n    durationMs\n    requestCount\n    uniqueModels\n    complete\n    statedOrder\n    sorts {\n      sort\n      pages\n      returned\n      new\n      duplicates\n      cumulativeUnique\n      exhausted\n      capped\n      durationMs\n      error\n    }\n    overlaps {\n      a\n      b\n      shared\n      onlyA\n      onlyB\n      jaccard\n    }\n    errors\n  }\n}": typeof types.CoverageReportDocument,
    "query FilteredModels($filter: ModelFilter, $orderBy: ModelOrder, $first: Int, $after: String) {\n  models(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      author\n      pipelineTag\n      libraryName\n      downloads\n      likes\n      trendingScore\n      createdAt\n      gated\n      url\n    }\n  }\n}": typeof types.FilteredModelsDocument,
    "query QualityModels($pipelineTags: [String!], $first: Int, $after: String) {\n  models(\n    filter: {quality: true, pipelineTags: $pipelineTags}\n    orderBy: {field: DOWNLOADS, direction: DESC}\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      pipelineTag\n      downloads\n      likes\n      private\n      providers {\n        provider\n        status\n        task\n      }\n    }\n  }\n}": typeof types.QualityModelsDocument,
};
const documents: Documents = {
    "query CoverageReport {\n  catalog {\n    size\n    fetchedAt\n    ageSeconds\n    ttlSeconds\n    stale\n    refreshing\n    lastError\n    upstream\n  }\n  fetchReport {\n    id\n    strategy\n    provider\n    startedAt\n    finishedAt\n    durationMs\n    requestCount\n    uniqueModels\n    complete\n    statedOrder\n    sorts {\n      sort\n      pages\n      returned\n      new\n      duplicates\n      cumulativeUnique\n      exhausted\n      capped\n      durationMs\n      error\n    }\n    overlaps {\n      a\n      b\n      shared\n      onlyA\n      onlyB\n      jaccard\n    }\n    errors\n  }\n}": types.CoverageReportDocument,
    "query FilteredModels($filter: ModelFilter, $orderBy: ModelOrder, $first: Int, $after: String) {\n  models(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      author\n      pipelineTag\n      libraryName\n      downloads\n      likes\n      trendingScore\n      createdAt\n      gated\n      url\n    }\n  }\n}": types.FilteredModelsDocument,
    "query QualityModels($pipelineTags: [String!], $first: Int, $after: String) {\n  models(\n    filter: {quality: true, pipelineTags: $pipelineTags}\n    orderBy: {field: DOWNLOADS, direction: DESC}\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      pipelineTag\n      downloads\n      likes\n      private\n      providers {\n        provider\n        status\n        task\n      }\n    }\n  }\n}": types.QualityModelsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoverageReport {\n  catalog {\n    size\n    fetchedAt\n    ageSeconds\n    ttlSeconds\n    stale\n    refreshing\n    lastError\n    upstream\n  }\n  fetchReport {\n    id\n    strategy\n    provider\n    startedAt\n    finishedAt\n    durationMs\n    requestCount\n    uniqueModels\n    complete\n    statedOrder\n    sorts {\n      sort\n      pages\n      returned\n      new\n      duplicates\n      cumulativeUnique\n      exhausted\n      capped\n      durationMs\n      error\n    }\n    overlaps {\n      a\n      b\n      shared\n      onlyA\n      onlyB\n      jaccard\n    }\n    errors\n  }\n}"): (typeof documents)["query CoverageReport {\n  catalog {\n    size\n    fetchedAt\n    ageSeconds\n    ttlSeconds\n    stale\n    refreshing\n    lastError\n    upstream\n  }\n  fetchReport {\n    id\n    strategy\n    provider\n    startedAt\n    finishedAt\n    durationMs\n    requestCount\n    uniqueModels\n    complete\n    statedOrder\n    sorts {\n      sort\n      pages\n      returned\n      new\n      duplicates\n      cumulativeUnique\n      exhausted\n      capped\n      durationMs\n      error\n    }\n    overlaps {\n      a\n      b\n      shared\n      onlyA\n      onlyB\n      jaccard\n    }\n    errors\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FilteredModels($filter: ModelFilter, $orderBy: ModelOrder, $first: Int, $after: String) {\n  models(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      author\n      pipelineTag\n      libraryName\n      downloads\n      likes\n      trendingScore\n      createdAt\n      gated\n      url\n    }\n  }\n}"): (typeof documents)["query FilteredModels($filter: ModelFilter, $orderBy: ModelOrder, $first: Int, $after: String) {\n  models(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      author\n      pipelineTag\n      libraryName\n      downloads\n      likes\n      trendingScore\n      createdAt\n      gated\n      url\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query QualityModels($pipelineTags: [String!], $first: Int, $after: String) {\n  models(\n    filter: {quality: true, pipelineTags: $pipelineTags}\n    orderBy: {field: DOWNLOADS, direction: DESC}\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      pipelineTag\n      downloads\n      likes\n      private\n      providers {\n        provider\n        status\n        task\n      }\n    }\n  }\n}"): (typeof documents)["query QualityModels($pipelineTags: [String!], $first: Int, $after: String) {\n  models(\n    filter: {quality: true, pipelineTags: $pipelineTags}\n    orderBy: {field: DOWNLOADS, direction: DESC}\n    first: $first\n    after: $after\n  ) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      pipelineTag\n      downloads\n      likes\n      private\n      providers {\n        provider\n        status\n        task\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;