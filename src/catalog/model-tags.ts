import { LANGUAGES_ISO_639_1, LANGUAGES_ISO_639_3 } from '@huggingface/languages';
import { hubCardDataSchema } from '../hub/index.ts';
import { BASE_MODEL_RELATIONS, type BaseModel, type BaseModelRelationKind } from './model.ts';

/** What a model's tags (and card, when expanded) say a router chooses by. */
export interface ModelLabels {
  license: string | null;
  languages: string[];
  baseModels: BaseModel[];
  region: string | null;
}

/** The card's spelling of "many languages", which the Hub tags and filters on like a language code. */
const MULTILINGUAL = 'multilingual';

/**
 * A bare tag is a language only when it is a two-letter ISO 639-1 code of the Hub's language list: three-letter
 * ISO 639-3 codes collide with other tags (`vit` is both Viti and Vision Transformer), so those are read from the card
 * alone, where `language:` says what they are.
 */
const isTagLanguage = (tag: string) => tag === MULTILINGUAL || Object.hasOwn(LANGUAGES_ISO_639_1, tag);
const isCardLanguage = (code: string) => isTagLanguage(code) || Object.hasOwn(LANGUAGES_ISO_639_3, code);

const RELATIONS: ReadonlySet<string> = new Set(BASE_MODEL_RELATIONS);
/** A Hub repo id (`owner/name`, or a legacy name alone), as `base_model` must name one. */
const REPO_ID = /^[A-Za-z0-9][\w.-]{0,95}(\/[\w.-]{1,96})?$/;
/** Longest license id kept from a card; the Hub's are a few dozen characters. */
const MAX_LICENSE_LENGTH = 128;

/**
 * Reads the license, languages, base models and region from a listing item's tags, and from its `cardData` when the
 * listing expanded it. The tags come first (the Hub derives them from the card and checks them); the card adds the
 * languages and base models the tags leave out, and a license where the tags name none. Nothing is inferred: a value
 * neither states is null or empty.
 */
export function readModelLabels(tags: readonly string[], cardData: unknown): ModelLabels {
  const labels: ModelLabels = { license: null, languages: [], baseModels: [], region: null };
  for (const tag of tags) readTag(labels, tag);
  if (cardData !== undefined) readCard(labels, cardData);
  labels.languages = [...new Set(labels.languages)];
  labels.baseModels = distinctBaseModels(labels.baseModels);
  return labels;
}

function readTag(labels: ModelLabels, tag: string): void {
  if (tag.startsWith('license:')) labels.license ??= nonEmpty(tag.slice('license:'.length));
  else if (tag.startsWith('region:')) labels.region ??= nonEmpty(tag.slice('region:'.length));
  else if (tag.startsWith('base_model:')) {
    const base = baseModelOf(tag.slice('base_model:'.length));
    if (base) labels.baseModels.push(base);
  } else if (isTagLanguage(tag)) labels.languages.push(tag);
}

/** `finetune:org/name` or `org/name`: ids hold no colon, so a known relation before one is the relation. */
function baseModelOf(rest: string): BaseModel | null {
  const colon = rest.indexOf(':');
  const relation =
    colon > 0 && RELATIONS.has(rest.slice(0, colon)) ? (rest.slice(0, colon) as BaseModelRelationKind) : null;
  const modelId = relation === null ? rest : rest.slice(colon + 1);
  return REPO_ID.test(modelId) ? { relation, modelId } : null;
}

function readCard(labels: ModelLabels, raw: unknown): void {
  const card = hubCardDataSchema.safeParse(raw);
  if (!card.success) return;
  const { license, language, base_model: baseModel, base_model_relation: relation } = card.data;
  labels.license ??= listOf(license).find((id) => id !== '' && id.length <= MAX_LICENSE_LENGTH) ?? null;
  for (const code of listOf(language)) {
    const lower = code.trim().toLowerCase();
    if (isCardLanguage(lower)) labels.languages.push(lower);
  }
  const kind = relation !== undefined && RELATIONS.has(relation) ? (relation as BaseModelRelationKind) : null;
  for (const modelId of listOf(baseModel))
    if (REPO_ID.test(modelId)) labels.baseModels.push({ relation: kind, modelId });
}

/** One entry per relation and id; an entry without a relation only when no other names that base's relation. */
function distinctBaseModels(bases: readonly BaseModel[]): BaseModel[] {
  const related = new Set(bases.filter((base) => base.relation !== null).map((base) => base.modelId));
  const seen = new Set<string>();
  return bases.filter((base) => {
    if (base.relation === null && related.has(base.modelId)) return false;
    const key = `${base.relation ?? ''}:${base.modelId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const listOf = (value: string | readonly string[] | undefined): readonly string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : value;

const nonEmpty = (value: string): string | null => (value === '' ? null : value);
