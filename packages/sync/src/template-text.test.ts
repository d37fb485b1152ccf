import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fillPlaceholders,
  renderTemplate,
  templateShape,
  templateValuesProblem,
  variablesOf,
} from './template-text.ts';

const reminder = [
  { type: 'HEADER', format: 'TEXT', text: 'Hi {{1}}' },
  { type: 'BODY', text: 'Your appointment with {{1}} is on {{2}}. See you, {{1}}!' },
  { type: 'FOOTER', text: 'Reply STOP to opt out' },
  { type: 'BUTTONS', buttons: [] },
];

describe('message templates as the customer reads them', () => {
  it('finds each variable once, in order, numbered or named', () => {
    expect(variablesOf('{{2}} then {{1}} then {{2}}')).toEqual(['2', '1']);
    expect(variablesOf('Hello {{ customer_name }}, order {{order}}')).toEqual(['customer_name', 'order']);
    expect(variablesOf('no variables')).toEqual([]);
  });

  it('renders header, body and footer with the values in place', () => {
    const shape = templateShape(reminder);
    expect(shape.header).toEqual({ format: 'TEXT', text: 'Hi {{1}}', variables: ['1'] });
    expect(shape.body.variables).toEqual(['1', '2']);
    expect(renderTemplate(shape, { header: ['Ana'], body: ['Dr. Lima', 'Friday 3pm'] })).toBe(
      'Hi Ana\n\nYour appointment with Dr. Lima is on Friday 3pm. See you, Dr. Lima!\n\nReply STOP to opt out',
    );
  });

  it('says in a sentence when values are missing or empty, and nothing when they fit', () => {
    const shape = templateShape(reminder);
    expect(templateValuesProblem('reminder', shape, { header: ['Ana'], body: ['x'] })).toBe(
      'The template reminder needs 2 values for its body ({{1}}, {{2}}); 1 given',
    );
    expect(templateValuesProblem('reminder', shape, { header: ['Ana'], body: ['x', ' '] })).toBe(
      "The value for {{2}} in the template reminder's body is empty",
    );
    expect(templateValuesProblem('reminder', shape, { header: ['Ana'], body: ['x', 'y'] })).toBeNull();
    expect(templateValuesProblem('hello', templateShape([{ type: 'BODY', text: 'Hi' }]), {})).toBeNull();
  });

  it('leaves no placeholder behind when every value is given, whatever the values hold', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1 }), { minLength: 3, maxLength: 3 }), (values) => {
        const vars = ['1', '2', '3'];
        const out = fillPlaceholders('{{1}}-{{2}}-{{3}}', vars, values);
        expect(out).toBe(values.join('-'));
      }),
    );
  });
});
