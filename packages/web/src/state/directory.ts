// The tenant's people and vocabulary (agents, teams, labels, canned responses, templates), fetched
// over REST: the sync store does not hold them yet. Each list says when its route is missing.
import { useCallback, useEffect, useState } from 'react';
import type { Answered, ApiClient, ApiResult } from '../lib/api-client.ts';
import type { Availability, Role } from './session.ts';

export interface DirAgent {
  id: string;
  name: string;
  email: string;
  role: Role;
  availability: Availability;
  disabled?: boolean;
  teamIds: string[];
}
export interface DirTeam {
  id: string;
  name: string;
  memberIds: string[];
}
export interface DirLabel {
  id?: string;
  name: string;
  color?: string | null;
}
export interface CannedResponse {
  id: string;
  shortcode: string;
  body: string;
}
export type Template = Answered<'/api/v1/channels/{id}/templates', 'get'>['templates'][number];

export interface Loaded<T> {
  items: T[];
  /** Why the list is empty when it is not for want of items (route missing, error). */
  problem: string | null;
}

export interface Directory {
  agents: Loaded<DirAgent>;
  teams: Loaded<DirTeam>;
  labels: Loaded<DirLabel>;
  canned: Loaded<CannedResponse>;
  refresh(): void;
}

const none = <T>(): Loaded<T> => ({ items: [], problem: null });

export function toLoaded<D, T>(res: ApiResult<D>, pick: (data: D) => T[]): Loaded<T> {
  if (!res.ok) return { items: [], problem: res.message };
  return { items: pick(res.data), problem: null };
}

export function useDirectory(api: ApiClient): Directory {
  const [state, setState] = useState({
    agents: none<DirAgent>(),
    teams: none<DirTeam>(),
    labels: none<DirLabel>(),
    canned: none<CannedResponse>(),
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    // After the first list and thread requests: the directory only names people and offers choices.
    const idle = globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 50));
    const load = () =>
      Promise.all([
        api.run(api.http.GET('/api/v1/agents')),
        api.run(api.http.GET('/api/v1/teams')),
        api.run(api.http.GET('/api/v1/labels')),
        api.run(api.http.GET('/api/v1/canned-responses')),
      ]);
    idle(
      () => {
        void load().then(([a, t, l, c]) => {
          if (!live) return;
          setState({
            agents: toLoaded(a, (d) => d.items),
            teams: toLoaded(t, (d) => d.items),
            labels: toLoaded(l, (d) => d.labels),
            canned: toLoaded(c, (d) => d.items),
          });
        });
      },
      { timeout: 500 },
    );
    return () => {
      live = false;
    };
  }, [api, tick]);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, refresh };
}

export function agentName(dir: Directory, id: string | null): string {
  if (!id) return 'Unassigned';
  return dir.agents.items.find((a) => a.id === id)?.name ?? 'Another agent';
}

export function teamName(dir: Directory, id: string | null): string | null {
  if (!id) return null;
  return dir.teams.items.find((t) => t.id === id)?.name ?? 'a team';
}
