// What every screen of a signed-in agent reaches: the session, the sync store, the REST client and
// the directory. Provided once by the signed-in shell.
import type { SyncStore } from '@parley/sync';
import { createContext, useContext } from 'react';
import type { ApiClient } from '../lib/api-client.ts';
import type { Directory } from './directory.ts';
import type { Session } from './session.ts';

export interface AppContextValue {
  session: Session;
  store: SyncStore;
  api: ApiClient;
  directory: Directory;
  logout(): void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp() outside the signed-in shell');
  return v;
}
