import type { z } from 'zod';

/** Whether a value has the shape a schema describes; the value itself is what passes, nothing is copied. */
export type Validator<T> = (value: unknown) => value is T;

/** What this file reads of a zod schema's definition: the parts of zod 4's `_zod.def` the store's schemas use. */
interface Definition {
  type: string;
  checks?: { _zod: { def: CheckDefinition } }[];
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string | number>;
}

interface CheckDefinition {
  check: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
}

/**
 * A validator made from a zod schema that accepts exactly the values `schema.safeParse` accepts, at a fraction of its
 * cost: the schema becomes one function of straight-line checks (as ajv compiles a JSON Schema) that looks at the
 * value where it lies instead of building a copy of it (a million stored rows validated by zod took half of a
 * snapshot's load). Objects keep keys the schema does not name (zod's output drops them); a caller reads only the
 * named ones. Only the schema kinds and checks below are understood; any other throws here, when the validator is
 * made, so a schema that grows something new cannot be validated less than zod would.
 */
export function compileValidator<T>(schema: z.ZodType<T>): Validator<T> {
  const source = `return function validate(v0) {\n${new Emitter().statements(schema, 'v0')}\nreturn true;\n}`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source comes from the schema, never from data.
    const make = new Function(source) as () => Validator<T>;
    return make();
  } catch (error) {
    // A process run with --disallow-code-generation-from-strings validates with zod itself, slower but as strictly.
    if (!(error instanceof EvalError)) throw error;
    return (value): value is T => schema.safeParse(value).success;
  }
}

/** Emits statements that `return false` when a variable's value does not fit a schema, and fall through if it does. */
class Emitter {
  #variables = 0;

  statements(schema: z.ZodType, v: string): string {
    const def = (schema as unknown as { _zod: { def: Definition } })._zod.def;
    const bounds = (def.checks ?? []).map((check) => `if (!(${boundOf(check._zod.def, def.type, v)})) return false;`);
    return [this.#kind(def, v), ...bounds].join('\n');
  }

  #kind(def: Definition, v: string): string {
    switch (def.type) {
      case 'string':
        return `if (typeof ${v} !== 'string') return false;`;
      case 'number':
        // zod's numbers are finite (JSON has no others, but a stored value is not trusted to be JSON-born).
        return `if (typeof ${v} !== 'number' || !Number.isFinite(${v})) return false;`;
      case 'boolean':
        return `if (typeof ${v} !== 'boolean') return false;`;
      case 'nullable':
        return `if (${v} !== null) {\n${this.statements(def.innerType!, v)}\n}`;
      case 'optional':
        return `if (${v} !== undefined) {\n${this.statements(def.innerType!, v)}\n}`;
      case 'enum': {
        const allowed = Object.values(def.entries!).map((entry) => `${v} !== ${JSON.stringify(entry)}`);
        return `if (${allowed.join(' && ')}) return false;`;
      }
      case 'array': {
        const [index, item] = [this.#variable(), this.#variable()];
        const element = this.statements(def.element!, item);
        const loop = `for (let ${index} = 0; ${index} < ${v}.length; ${index}++) {\nconst ${item} = ${v}[${index}];`;
        return `if (!Array.isArray(${v})) return false;\n${loop}\n${element}\n}`;
      }
      case 'object': {
        const fields = Object.entries(def.shape!).map(([key, field]) => {
          const value = this.#variable();
          return `{\nconst ${value} = ${v}[${JSON.stringify(key)}];\n${this.statements(field, value)}\n}`;
        });
        return [`if (typeof ${v} !== 'object' || ${v} === null || Array.isArray(${v})) return false;`, ...fields].join(
          '\n',
        );
      }
      default:
        throw new Error(`compileValidator: zod type ${def.type} is not supported`);
    }
  }

  #variable(): string {
    return `v${++this.#variables}`;
  }
}

/** A check of a definition's `checks` list, as an expression: lengths of strings and arrays, bounds of numbers. */
function boundOf(check: CheckDefinition, type: string, v: string): string {
  const number = (value: number | undefined) => {
    if (typeof value !== 'number') throw new Error(`compileValidator: check ${check.check} without a bound`);
    return String(value);
  };
  switch (check.check) {
    case 'min_length':
      return `${v}.length >= ${number(check.minimum)}`;
    case 'max_length':
      return `${v}.length <= ${number(check.maximum)}`;
    case 'length_equals':
      return `${v}.length === ${number(check.length)}`;
    case 'greater_than':
      return `${v} ${check.inclusive ? '>=' : '>'} ${number(check.value)}`;
    case 'less_than':
      return `${v} ${check.inclusive ? '<=' : '<'} ${number(check.value)}`;
    case 'number_format':
      if (check.format === 'safeint') return `Number.isSafeInteger(${v})`;
      break;
  }
  throw new Error(`compileValidator: check ${check.check} ${check.format ?? ''} of a ${type} is not supported`);
}
