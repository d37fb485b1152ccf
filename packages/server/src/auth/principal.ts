export type Role = 'owner' | 'admin' | 'agent' | 'bot';

/** Who is asking: an agent (session or personal token) or an integration acting for a tenant. */
export interface Principal {
  tenantId: string;
  agentId: string | null;
  role: Role;
  via: 'session' | 'token';
  /** Set for sessions: unsafe methods must echo it in x-csrf-token. */
  csrfToken: string | null;
}

export const isAdmin = (p: Pick<Principal, 'role'>): boolean => p.role === 'owner' || p.role === 'admin';
