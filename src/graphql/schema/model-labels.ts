import type { BaseModel } from '../../catalog/index.ts';
import { builder } from '../builder.ts';
import { Model } from './model.ts';

export const Modality = builder.enumType('Modality', {
  description: "What a model takes in or gives out, by its task (the Hub's task list; hubcat's table in the README)",
  values: {
    TEXT: { value: 'text', description: 'Natural-language text or code' },
    IMAGE: { value: 'image', description: 'Pictures, masks and depth maps' },
    AUDIO: { value: 'audio', description: 'Speech, music and sound' },
    VIDEO: { value: 'video' },
    TABULAR: { value: 'tabular', description: 'Tables and time series' },
    THREE_D: { value: '3d', description: '3D assets' },
    EMBEDDING: { value: 'embedding', description: 'A vector standing for the input' },
    SCORES: {
      value: 'scores',
      description: 'Scored predictions about the input: classes, entities, boxes, keypoints, similarities, relevance',
    },
  } as const,
});

const BaseModelRelationKind = builder.enumType('BaseModelRelationKind', {
  description: "How a model derives from its base, as the Hub's base_model tags name it",
  values: {
    FINETUNE: { value: 'finetune', description: 'Trained further from the base' },
    QUANTIZED: { value: 'quantized', description: "The base's weights at a lower precision" },
    ADAPTER: { value: 'adapter', description: 'An adapter (LoRA, PEFT) loaded on top of the base' },
    MERGE: { value: 'merge', description: 'Merged from the base and other models' },
  } as const,
});

const BaseModelRelation = builder.objectRef<BaseModel>('BaseModelRelation').implement({
  description: 'A model this one derives from',
  fields: (t) => ({
    relation: t.expose('relation', {
      type: BaseModelRelationKind,
      nullable: true,
      description: 'Null where the Hub names the base without saying how the model derives from it',
    }),
    modelId: t.exposeID('modelId', { description: "The base's Hub id" }),
  }),
});

builder.objectFields(Model, (t) => ({
  parameters: t.exposeFloat('parameterCount', {
    nullable: true,
    description:
      "Total parameters, from the listing's safetensors (or gguf, when HUBCAT_EXPAND has it); null where the Hub " +
      'gives neither',
  }),
  license: t.exposeString('license', {
    nullable: true,
    description: 'The license id of its license:<id> tag, e.g. "apache-2.0" or "other"; null where it has none',
  }),
  languages: t.exposeStringList('languages', {
    description:
      'Language codes of its tags (ISO 639-1, and "multilingual"), with its card\'s when cardData is expanded',
  }),
  baseModels: t.expose('baseModels', {
    type: [BaseModelRelation],
    description: 'The models it derives from, by its base_model tags (and card, when cardData is expanded)',
  }),
  inputModalities: t.expose('inputModalities', {
    type: [Modality],
    description: 'What its task takes in; empty when the task is not one the table names',
  }),
  outputModalities: t.expose('outputModalities', { type: [Modality], description: 'What its task gives out' }),
  region: t.exposeString('region', {
    nullable: true,
    description: 'Where the repo is stored, from its region:<code> tag (us, eu)',
  }),
}));
