// PostgreSQL text and jsonb cannot hold U+0000, and jsonb refuses a lone UTF-16 surrogate. JSON
// can carry both ("\u0000", "\ud800"), so one such character in a webhook used to fail the whole
// delivery, and in a request body it came back as a 500. Deliveries get them replaced by U+FFFD
// (their raw bytes are kept apart); requests are refused with a 400 that says which field.

/** U+0000 or a surrogate that is not half of a pair (in a `u` regex a pair is one code point). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what this looks for.
const UNSTORABLE = /\u0000|\p{Cs}/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above.
const UNSTORABLE_ALL = /\u0000|\p{Cs}/gu;

export const REPLACEMENT = '\uFFFD';

export const hasUnstorable = (s: string): boolean => UNSTORABLE.test(s);

export const replaceInText = (s: string): string => s.replace(UNSTORABLE_ALL, REPLACEMENT);

/**
 * Cheap test on a JSON text before parsing it: true when it may carry an unstorable character,
 * raw or escaped. False answers are exact; true ones are checked by walking the parsed value.
 */
export const mayCarryUnstorable = (json: string): boolean =>
  hasUnstorable(json) || /\\u0000|\\u[dD][89a-fA-F]/.test(json);

/** The value with every unstorable character of every string (keys too) replaced; `replaced` counts them. */
export function replaceUnstorable(value: unknown): { value: unknown; replaced: number } {
  let replaced = 0;
  const fix = (s: string): string =>
    hasUnstorable(s)
      ? s.replace(UNSTORABLE_ALL, () => {
          replaced++;
          return REPLACEMENT;
        })
      : s;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return fix(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) out[fix(k)] = walk(item);
      return out;
    }
    return v;
  };
  const out = walk(value);
  return { value: out, replaced };
}

/** The path of the first string (or key) holding an unstorable character, or null. */
export function findUnstorable(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return hasUnstorable(value) ? path || '.' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnstorable(value[i], `${path}[${i}]`);
      if (hit) return hit;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (hasUnstorable(k)) return `${path}.${k.replace(UNSTORABLE_ALL, REPLACEMENT)}`;
      const hit = findUnstorable(v, `${path}.${k}`);
      if (hit) return hit;
    }
  }
  return null;
}
