// Creating tenants, agents and channels: used by the first run, the CLI and the admin API.
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../auth/passwords.ts';
import type { Role } from '../auth/principal.ts';
import type { Queryable } from '../store/db.ts';
import type { SecretBox } from '../store/secret-box.ts';

export async function createTenant(q: Queryable, name: string): Promise<{ id: string; name: string }> {
  const { rows } = await q.query<{ id: string }>('INSERT INTO tenants (name) VALUES ($1) RETURNING id', [
    name,
  ]);
  const id = rows[0]!.id;
  await q.query('INSERT INTO tenant_counters (tenant_id) VALUES ($1)', [id]);
  return { id, name };
}

export interface NewAgent {
  email: string;
  name: string;
  role: Role;
  password?: string;
}

export async function createAgent(
  q: Queryable,
  tenantId: string,
  a: NewAgent,
): Promise<{ id: string; password: string | null }> {
  const password = a.password ?? (a.role === 'bot' ? null : randomBytes(9).toString('base64url'));
  const { rows } = await q.query<{ id: string }>(
    'INSERT INTO agents (tenant_id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [tenantId, a.email, a.name, a.role, password ? await hashPassword(password) : null],
  );
  return { id: rows[0]!.id, password: a.password ? null : password };
}

export interface NewChannel {
  name: string;
  phoneNumberId: string;
  displayPhoneNumber?: string | null;
  wabaId?: string | null;
  accessToken?: string | null;
  appSecret?: string | null;
  verifyToken?: string | null;
}

export async function addChannel(
  q: Queryable,
  box: SecretBox,
  tenantId: string,
  c: NewChannel,
): Promise<{ id: string; verifyToken: string }> {
  const verifyToken = c.verifyToken ?? randomBytes(12).toString('hex');
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO channels (tenant_id, name, phone_number_id, display_phone_number, waba_id, access_token_enc, app_secret_enc, verify_token)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      tenantId,
      c.name,
      c.phoneNumberId,
      c.displayPhoneNumber ?? null,
      c.wabaId ?? null,
      c.accessToken ? box.seal(c.accessToken) : null,
      c.appSecret ? box.seal(c.appSecret) : null,
      verifyToken,
    ],
  );
  return { id: rows[0]!.id, verifyToken };
}
