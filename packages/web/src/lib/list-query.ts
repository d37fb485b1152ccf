// Which list the agent looks at. Their last choice is kept per browser; until they choose, the list
// opens where new work is: their own open conversations, else the unassigned ones, else all.
import type { ListQuery, ListView } from '@parley/sync';

const KEY = 'parley:list-query';
const VIEWS: readonly ListView[] = ['mine', 'unassigned', 'team', 'all'];

/** Open conversations first: resolved and snoozed ones are behind the status filter. */
export const FIRST_QUERY: ListQuery = { view: 'mine', status: 'open' };

export function savedQuery(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): ListQuery | null {
  try {
    const q = JSON.parse(storage?.getItem(KEY) ?? 'null') as ListQuery | null;
    if (q && VIEWS.includes(q.view)) return q;
  } catch {
    // a broken saved value falls back to the default
  }
  return null;
}

export function saveQuery(
  q: ListQuery,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
) {
  try {
    storage?.setItem(KEY, JSON.stringify(q));
  } catch {
    // not saved: the tab resets on reload, nothing else is lost
  }
}

/** The first list with something in it, in the order an agent works: mine, unassigned, all. */
export function defaultView(counts: { mine: number; unassigned: number }): ListView {
  if (counts.mine > 0) return 'mine';
  if (counts.unassigned > 0) return 'unassigned';
  return 'all';
}
