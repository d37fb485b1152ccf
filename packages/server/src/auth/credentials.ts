// Sessions (browser, cookie) and API tokens (bearer). Only a SHA-256 of each secret is stored, so a
// database leak yields nothing usable; the secrets are 256 random bits, so a fast hash suffices.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../store/db.ts';
import type { Principal, Role } from './principal.ts';

export const SESSION_COOKIE = 'parley_session';
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');
const secret = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;

export async function createSession(
  q: Queryable,
  agent: { id: string; tenantId: string },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = secret('ps');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await q.query(
    'INSERT INTO sessions (token_hash, agent_id, tenant_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [digest(token), agent.id, agent.tenantId, csrfToken, expiresAt],
  );
  return { token, csrfToken, expiresAt };
}

export async function endSession(q: Queryable, token: string): Promise<void> {
  await q.query('DELETE FROM sessions WHERE token_hash = $1', [digest(token)]);
}

export async function endAgentSessions(q: Queryable, agentId: string, keepToken?: string): Promise<void> {
  await q.query('DELETE FROM sessions WHERE agent_id = $1 AND token_hash IS DISTINCT FROM $2', [
    agentId,
    keepToken ? digest(keepToken) : null,
  ]);
}

/** Revokes every API token of an agent (a revoked token never comes back). */
export async function revokeAgentTokens(q: Queryable, agentId: string): Promise<void> {
  await q.query('UPDATE api_tokens SET revoked_at = now() WHERE agent_id = $1 AND revoked_at IS NULL', [
    agentId,
  ]);
}

export async function principalFromSession(q: Queryable, token: string): Promise<Principal | null> {
  const { rows } = await q.query<{ agent_id: string; tenant_id: string; role: Role; csrf_token: string }>(
    `SELECT s.agent_id, s.tenant_id, a.role, s.csrf_token FROM sessions s JOIN agents a ON a.id = s.agent_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT a.disabled`,
    [digest(token)],
  );
  const r = rows[0];
  return r
    ? { tenantId: r.tenant_id, agentId: r.agent_id, role: r.role, via: 'session', csrfToken: r.csrf_token }
    : null;
}

export interface IssuedToken {
  id: string;
  token: string;
}

export async function createApiToken(
  q: Queryable,
  tenantId: string,
  name: string,
  actsAs: { agentId: string } | { role: Role },
): Promise<IssuedToken> {
  const token = secret('pat');
  const { rows } = await q.query<{ id: string }>(
    'INSERT INTO api_tokens (token_hash, tenant_id, agent_id, role, name) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [
      digest(token),
      tenantId,
      'agentId' in actsAs ? actsAs.agentId : null,
      'role' in actsAs ? actsAs.role : null,
      name,
    ],
  );
  return { id: rows[0]!.id, token };
}

export async function principalFromToken(q: Queryable, token: string): Promise<Principal | null> {
  const { rows } = await q.query<{
    id: string;
    tenant_id: string;
    agent_id: string | null;
    role: Role;
    stale: boolean;
  }>(
    `SELECT t.id, t.tenant_id, t.agent_id, COALESCE(a.role, t.role) AS role,
            t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute' AS stale
     FROM api_tokens t LEFT JOIN agents a ON a.id = t.agent_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (a.id IS NULL OR NOT a.disabled)`,
    [digest(token)],
  );
  const r = rows[0];
  // "Last used" to the minute: a write on every request would cost a commit per API call.
  if (r?.stale) await q.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [r.id]);
  return r
    ? { tenantId: r.tenant_id, agentId: r.agent_id, role: r.role, via: 'token', csrfToken: null }
    : null;
}

/** The stored key of a session or token secret (sessions.token_hash, api_tokens.token_hash). */
export const credentialHash = (secret: string): string => digest(secret);

/**
 * Which of these credentials still authenticate, by the same rules as principalFromSession and
 * principalFromToken: open sockets are checked against it (realtime/credential-check.ts).
 */
export async function liveCredentials(
  q: Queryable,
  hashes: { sessions: readonly string[]; tokens: readonly string[] },
): Promise<Set<string>> {
  if (hashes.sessions.length === 0 && hashes.tokens.length === 0) return new Set();
  const { rows } = await q.query<{ token_hash: string }>(
    `SELECT s.token_hash FROM sessions s JOIN agents a ON a.id = s.agent_id
     WHERE s.token_hash = ANY($1::text[]) AND s.expires_at > now() AND NOT a.disabled
     UNION ALL
     SELECT t.token_hash FROM api_tokens t LEFT JOIN agents a ON a.id = t.agent_id
     WHERE t.token_hash = ANY($2::text[]) AND t.revoked_at IS NULL AND (a.id IS NULL OR NOT a.disabled)`,
    [hashes.sessions, hashes.tokens],
  );
  return new Set(rows.map((r) => r.token_hash));
}

/** Reads the session cookie out of a raw Cookie header (the socket handshake has no parser). */
export function sessionFromCookieHeader(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === SESSION_COOKIE) return decodeURIComponent(v.join('='));
  }
  return null;
}
