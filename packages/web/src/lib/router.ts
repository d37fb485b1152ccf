// A few client-side routes under /app need no router library: the path is the state.
import { useSyncExternalStore } from 'react';

const EVENT = 'parley:navigate';

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (path === location.pathname + location.search) return;
  if (opts.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(EVENT));
}

function subscribe(fn: () => void): () => void {
  window.addEventListener('popstate', fn);
  window.addEventListener(EVENT, fn);
  return () => {
    window.removeEventListener('popstate', fn);
    window.removeEventListener(EVENT, fn);
  };
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

export type Route =
  | { name: 'inbox'; conversationId: string | null }
  | { name: 'admin'; section: AdminSection }
  | { name: 'login' };

export const ADMIN_SECTIONS = ['agents', 'teams', 'channels', 'canned', 'labels', 'scheduling'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export function parseRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] !== 'app') return { name: 'inbox', conversationId: null };
  if (parts[1] === 'login') return { name: 'login' };
  if (parts[1] === 'c' && parts[2]) return { name: 'inbox', conversationId: decodeURIComponent(parts[2]) };
  if (parts[1] === 'admin') {
    const s = ADMIN_SECTIONS.find((x) => x === parts[2]) ?? 'agents';
    return { name: 'admin', section: s };
  }
  return { name: 'inbox', conversationId: null };
}

export const conversationPath = (id: string): string => `/app/c/${encodeURIComponent(id)}`;
