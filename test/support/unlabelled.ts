import type { Model } from '../../src/catalog/index.ts';

type RouterLabels = Pick<
  Model,
  'license' | 'languages' | 'baseModels' | 'inputModalities' | 'outputModalities' | 'region'
>;

/** The router's labels of a model the Hub says nothing about: each test model gets lists of its own. */
export function unlabelled(): RouterLabels {
  return { license: null, languages: [], baseModels: [], inputModalities: [], outputModalities: [], region: null };
}
