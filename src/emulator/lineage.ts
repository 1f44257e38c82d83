import type { Random } from './random.ts';

/**
 * What the emulator invents about a repo beyond its popularity and mappings: its base model, storage region, model
 * card and GGUF weights. The distributions are plausible, not measured: about three in four derived repos name their
 * base, one in ten of those without saying how they derive; 4% of repos are stored in the EU; 85% have card metadata.
 * They are drawn from a stream of their own, so the rest of a preset (ids, counts, mappings) stays as it was.
 */
export const RELATIONS = ['finetune', 'quantized', 'adapter', 'merge'] as const;
export type Relation = (typeof RELATIONS)[number];
export const REGIONS = ['us', 'eu'] as const;

const NAMES_BASE_SHARE = 0.75;
const BARE_BASE_SHARE = 0.1;
const EU_SHARE = 0.04;
const CARD_SHARE = 0.85;
export const GGUF_CONTEXT_LENGTHS = [4096, 8192, 32768, 131072] as const;

/** The lineage stream of a generated preset, apart from its main stream. */
export const LINEAGE_SALT = 0x3c6ef372;

/** What the name says of how a repo derives from its base. */
function relationOfName(name: string): Relation {
  if (/gguf|awq|gptq|int[48]|[48]bit|quantized|fp8|bnb|onnx/i.test(name)) return 'quantized';
  if (/lora|peft|adapter/i.test(name)) return 'adapter';
  if (/merge|slerp|ties/i.test(name)) return 'merge';
  return 'finetune';
}

/** A repo whose weights are GGUF files: listed with `gguf`, never `safetensors`. */
export function hasGgufWeights(name: string, library: string | undefined): boolean {
  return library === 'gguf' || /gguf/i.test(name);
}

export interface Lineage {
  /** `owner/name` of the base, or undefined for an original checkpoint. */
  base: string | undefined;
  /** 0 when only `base_model:<id>` is tagged, else the `RELATIONS` index + 1. */
  relationCode: number;
  regionCode: number;
  hasCard: boolean;
  ggufContext: number;
}

/** Draws a repo's lineage; `base` is the family checkpoint its name builds on, `owners` who publish that family. */
export function drawLineage(
  random: Random,
  repo: { name: string; base: string; canonical: boolean; owners: readonly string[] },
): Lineage {
  const namesBase = !repo.canonical && random.chance(NAMES_BASE_SHARE);
  const owner = random.pick(repo.owners);
  const bare = random.chance(BARE_BASE_SHARE);
  return {
    base: namesBase ? `${owner}/${repo.base}` : undefined,
    relationCode: namesBase && !bare ? RELATIONS.indexOf(relationOfName(repo.name)) + 1 : 0,
    regionCode: random.chance(EU_SHARE) ? 1 : 0,
    hasCard: random.chance(CARD_SHARE),
    ggufContext: random.int(GGUF_CONTEXT_LENGTHS.length),
  };
}

/** The tags a lineage adds after the shared ones: the base model, then the region, as the Hub lists them. */
export function lineageTags(base: string | undefined, relationCode: number, regionCode: number): string[] {
  const tags: string[] = [];
  if (base !== undefined) {
    tags.push(`base_model:${base}`);
    if (relationCode > 0) tags.push(`base_model:${RELATIONS[relationCode - 1]}:${base}`);
  }
  tags.push(`region:${REGIONS[regionCode]}`);
  return tags;
}

/** The lineage a record's tags state: how an edited or added record's columns are written. */
export function lineageOfTags(tags: readonly string[]): {
  base: string | undefined;
  relationCode: number;
  regionCode: number;
} {
  let base: string | undefined;
  let relationCode = 0;
  let regionCode = 0;
  for (const tag of tags) {
    const related = /^base_model:(finetune|quantized|adapter|merge):(.+)$/.exec(tag);
    if (related) {
      relationCode = RELATIONS.indexOf(related[1] as Relation) + 1;
      base = related[2];
    } else if (tag.startsWith('base_model:')) base ??= tag.slice('base_model:'.length);
    else if (tag.startsWith('region:')) regionCode = Math.max(0, REGIONS.indexOf(tag.slice(7) as 'us' | 'eu'));
  }
  return { base, relationCode, regionCode };
}

/** Whether a tag is one a lineage adds (kept beside the shared tag lists, not in them). */
export const isLineageTag = (tag: string) => tag.startsWith('base_model:') || tag.startsWith('region:');
