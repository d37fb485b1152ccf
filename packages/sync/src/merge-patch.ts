// The one merge rule of the sync protocol (docs/contracts.md, "Realtime and sync on the wire"), shared by
// the server (which folds patches into rows) and every client (which folds them into its store).
// It differs from RFC 7386 in one place on purpose: `null` sets the field to null instead of
// removing the key, because our entities spell "no value" as null and must keep their shape.

export type PatchObject = Readonly<Record<string, unknown>>;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Folds `patch` into `target` without mutating either: a present field sets, `null` clears (sets
 * null), an absent (or `undefined`) field keeps, nested plain objects merge, arrays are replaced whole.
 * Returns `target` itself when the patch changes nothing, so views can skip a re-render by identity.
 */
export function mergePatch<T extends object>(target: T, patch: PatchObject): T {
  let out: Record<string, unknown> | null = null;
  const src = target as Record<string, unknown>;
  for (const key of Object.keys(patch)) {
    // A patch is data from the wire; `__proto__` as an own key would re-parent the result.
    if (key === '__proto__') continue;
    const next = patch[key];
    if (next === undefined) continue;
    const prev = src[key];
    const merged = isPlainObject(next) ? mergePatch(isPlainObject(prev) ? prev : {}, next) : next;
    if (Object.is(merged, prev) || (Array.isArray(next) && sameArray(prev, next))) continue;
    out ??= { ...src };
    out[key] = Array.isArray(merged) ? [...merged] : merged;
  }
  return (out ?? target) as T;
}

function sameArray(prev: unknown, next: readonly unknown[]): boolean {
  if (!Array.isArray(prev) || prev.length !== next.length) return false;
  return next.every((v, i) => v === prev[i]);
}
