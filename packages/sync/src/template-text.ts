// A WhatsApp message template as the customer reads it. The dashboard shows a field per variable
// and a preview from this; the server refuses a send with the wrong number of values (Meta would
// fail it later with error 132000) and stores the rendered text, so the sent bubble shows what the
// customer read, not the template's name. Components are as Meta lists them (HEADER, BODY, FOOTER).

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export type HeaderFormat = 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'LOCATION';

export interface TemplateShape {
  header: { format: HeaderFormat; text: string | null; variables: string[] } | null;
  body: { text: string; variables: string[] };
  footer: string | null;
}

export interface TemplateValues {
  header?: readonly string[];
  body?: readonly string[];
}

interface RawComponent {
  type?: unknown;
  format?: unknown;
  text?: unknown;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Placeholder names in order of first appearance ({{1}}, {{2}} or named {{customer_name}}). */
export function variablesOf(text: string): string[] {
  const seen: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) if (m[1] && !seen.includes(m[1])) seen.push(m[1]);
  return seen;
}

export function templateShape(components: readonly unknown[]): TemplateShape {
  const find = (type: string) =>
    components.find((c): c is RawComponent => String((c as RawComponent)?.type ?? '').toUpperCase() === type);
  const header = find('HEADER');
  const bodyText = str(find('BODY')?.text) ?? '';
  const headerText = str(header?.text);
  return {
    header: header
      ? {
          format: (String(header.format ?? 'TEXT').toUpperCase() as HeaderFormat) ?? 'TEXT',
          text: headerText,
          variables: headerText ? variablesOf(headerText) : [],
        }
      : null,
    body: { text: bodyText, variables: variablesOf(bodyText) },
    footer: str(find('FOOTER')?.text),
  };
}

/** `text` with each placeholder replaced by the value at its variable's position. */
export function fillPlaceholders(
  text: string,
  variables: readonly string[],
  values: readonly string[],
): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const i = variables.indexOf(name);
    const v = i >= 0 ? values[i] : undefined;
    return v !== undefined && v !== '' ? v : whole;
  });
}

/** The text the customer reads: header, body and footer, each on its own paragraph. */
export function renderTemplate(shape: TemplateShape, values: TemplateValues): string {
  const parts: string[] = [];
  if (shape.header?.text)
    parts.push(fillPlaceholders(shape.header.text, shape.header.variables, values.header ?? []));
  parts.push(fillPlaceholders(shape.body.text, shape.body.variables, values.body ?? []));
  if (shape.footer) parts.push(shape.footer);
  return parts.filter((p) => p.length > 0).join('\n\n');
}

/** Why these values cannot fill the template, as a sentence; null when they fit. */
export function templateValuesProblem(
  name: string,
  shape: TemplateShape,
  values: TemplateValues,
): string | null {
  const check = (where: 'header' | 'body', want: readonly string[], given: readonly string[] = []) => {
    if (given.length !== want.length)
      return `The template ${name} needs ${want.length} value${want.length === 1 ? '' : 's'} for its ${where} (${want
        .map((v) => `{{${v}}}`)
        .join(', ')}); ${given.length} given`;
    const empty = given.findIndex((v) => v.trim() === '');
    return empty >= 0 ? `The value for {{${want[empty]}}} in the template ${name}'s ${where} is empty` : null;
  };
  return (
    check('header', shape.header?.variables ?? [], values.header) ??
    check('body', shape.body.variables, values.body)
  );
}
