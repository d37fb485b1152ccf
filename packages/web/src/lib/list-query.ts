// Which list the agent looks at. Their last choice is kept per browser; until they choose, the list
// opens where new work is: their own open conversations, else the unassigned ones, else all.
import type { ListQuery, ListView } from '@parley/sync';
import { readKept, writeKept } from './kept-value.ts';

const KEY = 'parley:list-query';
const VIEWS: readonly ListView[] = ['mine', 'unassigned', 'team', 'all'];

/** Open conversations first: resolved and snoozed ones are behind the status filter. */
export const FIRST_QUERY: ListQuery = { view: 'mine', status: 'open' };

export function savedQuery(storage?: Pick<Storage, 'getItem'>): ListQuery | null {
  const q = readKept(KEY, storage) as ListQuery | null;
  return q && typeof q === 'object' && VIEWS.includes(q.view) ? q : null;
}

export const saveQuery = (q: ListQuery, storage?: Pick<Storage, 'setItem'>): void =>
  writeKept(KEY, q, storage);

/** The first list with something in it, in the order an agent works: mine, unassigned, all. */
export function defaultView(counts: { mine: number; unassigned: number }): ListView {
  if (counts.mine > 0) return 'mine';
  if (counts.unassigned > 0) return 'unassigned';
  return 'all';
}
