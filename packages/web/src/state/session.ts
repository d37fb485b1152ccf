// Who is signed in. The session cookie is httpOnly; the page keeps only the CSRF token it needs
// for unsafe requests, and learns both from GET /api/v1/me on load.
import type { ApiClient } from '../lib/api-client.ts';

export type Role = 'owner' | 'admin' | 'agent' | 'bot';
export type Availability = 'online' | 'away' | 'offline';

export interface Agent {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: Role;
  availability: Availability;
}

export interface Session {
  agent: Agent;
  csrfToken: string | null;
}

export async function loadSession(api: ApiClient): Promise<Session | null> {
  const res = await api.run(api.http.GET('/api/v1/me'));
  if (!res.ok || !res.data.agent) return null;
  return { agent: res.data.agent, csrfToken: res.data.csrfToken };
}

export async function login(
  api: ApiClient,
  email: string,
  password: string,
): Promise<{ ok: true; session: Session } | { ok: false; message: string }> {
  const res = await api.run(api.http.POST('/api/v1/auth/login', { body: { email, password } }));
  if (!res.ok) return { ok: false, message: res.message };
  return { ok: true, session: { agent: res.data.agent, csrfToken: res.data.csrfToken } };
}

export const isAdmin = (a: Agent): boolean => a.role === 'owner' || a.role === 'admin';
