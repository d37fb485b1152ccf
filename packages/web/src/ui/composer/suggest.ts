// What the composer offers while the agent types: canned responses after a leading "/", agents
// after an "@" in a note. Pure, so the keyboard behaviour is tested without a browser.
import type { CannedResponse, DirAgent } from '../../state/directory.ts';

export type Suggestion =
  | { kind: 'canned'; id: string; label: string; detail: string; insert: string }
  | { kind: 'mention'; id: string; label: string; detail: string; insert: string };

/** `/sho` (the whole draft so far) → canned responses whose shortcode starts with `sho`. */
export function cannedSuggestions(text: string, canned: readonly CannedResponse[]): Suggestion[] {
  const m = /^\/(\S*)$/.exec(text);
  if (!m) return [];
  const q = (m[1] ?? '').toLowerCase();
  return canned
    .filter((c) => c.shortcode.toLowerCase().startsWith(q))
    .slice(0, 8)
    .map((c) => ({ kind: 'canned', id: c.id, label: `/${c.shortcode}`, detail: c.body, insert: c.body }));
}

/** The "@partial" just before the caret, if any. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)@([\p{L}\p{N}._-]*)$/u.exec(before);
  if (!m) return null;
  return { start: caret - (m[2]?.length ?? 0) - 1, query: (m[2] ?? '').toLowerCase() };
}

export function mentionSuggestions(
  text: string,
  caret: number,
  agents: readonly DirAgent[],
  me: string,
): Suggestion[] {
  const q = mentionQuery(text, caret);
  if (!q) return [];
  return agents
    .filter((a) => a.id !== me && !a.disabled && a.role !== 'bot')
    .filter((a) => a.name.toLowerCase().includes(q.query) || a.email.toLowerCase().startsWith(q.query))
    .slice(0, 8)
    .map((a) => ({ kind: 'mention', id: a.id, label: a.name, detail: a.email, insert: `@${a.name} ` }));
}

/** Replaces "@partial" before the caret with the chosen mention; returns the new text and caret. */
export function applyMention(text: string, caret: number, s: Suggestion): { text: string; caret: number } {
  const q = mentionQuery(text, caret);
  if (!q) return { text, caret };
  const next = text.slice(0, q.start) + s.insert + text.slice(caret);
  return { text: next, caret: q.start + s.insert.length };
}

/** Mentioned agents still named in the final text (a mention deleted while editing is dropped). */
export function mentionedIds(text: string, chosen: ReadonlyMap<string, string>): string[] {
  return [...chosen].filter(([, name]) => text.includes(`@${name}`)).map(([id]) => id);
}
