import { Ajv } from 'ajv';
import { z } from 'zod';

/** Whether a value has the shape a schema describes; the value itself is what passes, nothing is copied. */
export type Validator<T> = (value: unknown) => value is T;

/**
 * A validator made from a zod schema that accepts the values `schema.safeParse` accepts, at a fraction of its cost:
 * zod writes the schema as JSON Schema and ajv compiles that into one function that looks at each value where it lies,
 * instead of building a copy of it (a million stored rows validated by zod took half of a snapshot's load). Objects
 * keep keys the schema does not name (zod's output drops them); a caller reads only the named ones. A schema that JSON
 * Schema cannot say (a date, a transform, a refinement) throws here, when the validator is made, so nothing is
 * validated less than zod would.
 */
export function compileValidator<T>(schema: z.ZodType<T>): Validator<T> {
  const json = z.toJSONSchema(schema, {
    target: 'draft-7',
    unrepresentable: 'throw',
    // `input`: an object's unnamed keys are allowed, as zod allows (and strips) them.
    io: 'input',
    override: ({ zodSchema }) => refuseWhatJsonSchemaDrops(zodSchema),
  });
  try {
    // strictNumbers (ajv's default) refuses NaN and the infinities, as z.number() does.
    return new Ajv({ strict: true, logger: false }).compile(json) as Validator<T>;
  } catch (error) {
    // A process run with --disallow-code-generation-from-strings validates with zod itself, slower but as strictly.
    if (!(error instanceof EvalError)) throw error;
    return (value): value is T => schema.safeParse(value).success;
  }
}

/** zod leaves refinements and transforms out of JSON Schema without a word; a validator must not. */
function refuseWhatJsonSchemaDrops(schema: z.core.$ZodType): void {
  const { def } = schema._zod;
  const checks = 'checks' in def ? (def.checks ?? []) : [];
  if (def.type === 'pipe' || def.type === 'transform' || checks.some((check) => check._zod.def.check === 'custom')) {
    throw new Error(`a ${def.type} with a refinement or transform cannot be validated from JSON Schema`);
  }
}
