import { expect, it } from 'vitest';
import { sampleJsonSchema } from './sample-json-schema.ts';

const hints = { uuid: '00000000-0000-4000-8000-000000000001' };

it('fills required properties only, with values their schemas accept', () => {
  const schema = {
    type: 'object',
    required: ['id', 'kind', 'code', 'n', 'tags', 'when'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      kind: { const: 'text' },
      code: { type: 'string', pattern: '^\\d{5,30}$' },
      n: { type: 'integer', minimum: 3 },
      tags: { type: 'array', items: { type: 'string' } },
      when: { type: 'string', format: 'date-time' },
      optional: { type: 'string' },
    },
  };
  const v = sampleJsonSchema(schema, hints) as Record<string, unknown>;
  expect(v).toMatchObject({ id: hints.uuid, kind: 'text', n: 3, tags: [] });
  expect(v['code']).toMatch(/^\d{5,30}$/);
  expect(Date.parse(v['when'] as string)).toBeGreaterThan(Date.now());
  expect(v).not.toHaveProperty('optional');
});

it('takes the first non-null branch of a union, and a hint by property name wins', () => {
  const schema = {
    type: 'object',
    required: ['a', 'q'],
    properties: {
      a: { anyOf: [{ type: 'null' }, { type: 'string', minLength: 20 }] },
      q: { type: 'string' },
    },
  };
  const v = sampleJsonSchema(schema, { ...hints, property: (n) => (n === 'q' ? 'words' : undefined) }) as {
    a: string;
    q: string;
  };
  expect(v.a.length).toBeGreaterThanOrEqual(20);
  expect(v.q).toBe('words');
});
