// The smallest value that a JSON schema (as @fastify/swagger writes it from our zod schemas)
// accepts: required properties only, first enum member or union branch. Used to call every route
// of the OpenAPI document with a body that passes validation, so the test reaches the handler.
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  default?: unknown;
};

export interface SampleHints {
  /** A value for a property by name (e.g. an id to aim at), or undefined to sample it. */
  property?: (name: string, schema: Schema) => unknown;
  uuid: string;
}

const STRING_CANDIDATES = ['sample-value', '123456789012', 'sample', 'a'];

function sampleString(s: Schema, hints: SampleHints): string {
  if (s.format === 'uuid') return hints.uuid;
  if (s.format === 'email') return `sample-${Date.now()}@example.test`;
  if (s.format === 'date-time') return new Date(Date.now() + 3_600_000).toISOString();
  const min = s.minLength ?? 0;
  const pad = (v: string) => (v.length >= min ? v : v + 'x'.repeat(min - v.length));
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    const hit = STRING_CANDIDATES.map(pad).find((c) => re.test(c));
    if (hit) return hit;
  }
  return pad('sample-value');
}

export function sampleJsonSchema(schema: Schema, hints: SampleHints, name = ''): unknown {
  const picked = name ? hints.property?.(name, schema) : undefined;
  if (picked !== undefined) return picked;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const nonNull = branches.find((b) => b.type !== 'null') ?? branches[0]!;
    return sampleJsonSchema(nonNull, hints, name);
  }
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => sampleJsonSchema(s, hints)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? [])
        out[key] = sampleJsonSchema(schema.properties?.[key] ?? {}, hints, key);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleJsonSchema(schema.items ?? {}, hints));
    case 'string':
      return sampleString(schema, hints);
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return schema.default ?? null;
  }
}
