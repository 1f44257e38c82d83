import { z } from 'zod';
import type { FieldChange } from './record-edits.ts';

/** How a model joins a provider's served set: a new repo, or an existing mapping that goes live. */
const ADDITION_KINDS = ['new', 'status-live'] as const;
/** How a model leaves it: the repo is deleted, its mapping fails (live → error), or the mapping is removed. */
export const REMOVAL_KINDS = ['delete', 'status-error', 'unmap'] as const;
/** What an update changes on a model that stays served. */
export const UPDATE_FIELDS = ['gated', 'pipeline_tag', 'library_name', 'lastModified', 'providerStatus'] as const;
export const MAPPING_STATUSES = ['live', 'staging', 'error'] as const;

/** Far above any test or demo, low enough that one request cannot make the emulator build a second population. */
const MAX_EVOLVE_BATCH = 10_000;

const modelId = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$/, 'must be a model id, owner/name');
const providerName = z
  .string()
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a provider name such as hf-inference');
const batch = <T extends z.ZodType>(instruction: T) =>
  z.union([z.number().int().min(0).max(MAX_EVOLVE_BATCH), z.array(instruction).max(MAX_EVOLVE_BATCH)]).optional();

const additionSchema = z.strictObject({ id: modelId.optional(), how: z.enum(ADDITION_KINDS).optional() });
const removalSchema = z.strictObject({ id: modelId.optional(), how: z.enum(REMOVAL_KINDS).optional() });
const updateSchema = z.strictObject({
  id: modelId.optional(),
  field: z.enum(UPDATE_FIELDS).optional(),
  /** The new value: `gated` takes false, "auto" or "manual"; `providerStatus` a mapping status; tags a name. */
  value: z.union([z.literal(false), z.string().min(1).max(100)]).optional(),
  /** For `providerStatus`: whose mapping changes (never the evolution's own provider: that would be a removal). */
  provider: providerName.optional(),
});

const evolveSpecSchema = z.strictObject({
  /** The provider whose served set the counts and kinds refer to; default hf-inference. */
  provider: providerName.optional(),
  added: batch(additionSchema),
  removed: batch(removalSchema),
  updated: batch(updateSchema),
  /** Download and like counts move too, as on every day of the real Hub. Off by default. */
  drift: z.boolean().optional(),
  /** When this evolution happens; default one hour after the previous one (the first: the preset's "now"). */
  at: z.iso.datetime().optional(),
});

export type EvolveSpec = z.infer<typeof evolveSpecSchema>;
export type AdditionInstruction = z.infer<typeof additionSchema>;
export type RemovalInstruction = z.infer<typeof removalSchema>;
export type UpdateInstruction = z.infer<typeof updateSchema>;

/** A bad evolution: the control endpoint answers 400 with its message. */
export class EvolveError extends Error {}

/** Validates an evolution spec, from `POST /__evolve`'s body or a test; throws `EvolveError` naming every problem. */
export function parseEvolveSpec(input: unknown): EvolveSpec {
  const parsed = evolveSpecSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  throw new EvolveError(`Invalid evolve spec: ${problems.join('; ')}`);
}

/** What an evolution did, in the Hub's field names: the ground truth a change feed is compared with. */
export interface EvolveResult {
  /** 1 for a server's first evolution. */
  readonly evolution: number;
  readonly at: string;
  readonly provider: string;
  /** Models that joined the provider's served set. */
  readonly added: readonly { readonly id: string; readonly how: (typeof ADDITION_KINDS)[number] }[];
  /** Models that left it; `fields` is empty for a deleted repo. */
  readonly removed: readonly {
    readonly id: string;
    readonly how: (typeof REMOVAL_KINDS)[number];
    readonly fields: readonly FieldChange[];
  }[];
  /** Models changed in place, with every listed field that changed (a commit moves `lastModified` and `sha`). */
  readonly updated: readonly { readonly id: string; readonly fields: readonly FieldChange[] }[];
  /** Models whose download and like counts moved (`drift`); not listed one by one. */
  readonly drifted: number;
  /** Size of the population and of the provider's served set afterwards. */
  readonly population: number;
  readonly served: number;
}
