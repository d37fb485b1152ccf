// The first run seeds a tenant "Demo", its owner and a channel for the number the fixtures and
// the simulator use, so a newcomer can send a test webhook at once.
import { randomBytes } from 'node:crypto';
import { addChannel, createAgent, createTenant } from '../admin/accounts.ts';
import type { Db } from '../store/db.ts';
import type { SecretBox } from '../store/secret-box.ts';

export const DEMO_PHONE_NUMBER_ID = '106540352242922';
export const DEMO_DISPLAY_NUMBER = '15550783881';
export const DEMO_WABA_ID = '102290129340398';
export const DEFAULT_ADMIN_EMAIL = 'admin@parley.local';

export interface Seeded {
  tenantId: string;
  email: string;
  /** Set only when Parley generated it: shown once, never logged. */
  generatedPassword: string | null;
  channelId: string;
}

export async function seedFirstRun(
  db: Db,
  box: SecretBox,
  admin: { email?: string; password?: string },
): Promise<Seeded | null> {
  return db.tx(async (q) => {
    // Serialises concurrent first runs (several processes starting at once in scale mode).
    await q.query('SELECT pg_advisory_xact_lock(7337002)');
    const { rows } = await q.query<{ n: number }>('SELECT count(*)::int8 AS n FROM tenants');
    if ((rows[0]?.n ?? 0) > 0) return null;
    const tenant = await createTenant(q, 'Demo');
    const email = admin.email ?? DEFAULT_ADMIN_EMAIL;
    const password = admin.password ?? randomBytes(12).toString('base64url');
    await createAgent(q, tenant.id, { email, name: 'Admin', role: 'owner', password });
    const channel = await addChannel(q, box, tenant.id, {
      name: 'Demo number',
      phoneNumberId: DEMO_PHONE_NUMBER_ID,
      displayPhoneNumber: DEMO_DISPLAY_NUMBER,
      wabaId: DEMO_WABA_ID,
      // The simulator's default token, so outbound works against `wa-sim serve` out of the box.
      accessToken: 'sim-token',
    });
    return {
      tenantId: tenant.id,
      email,
      generatedPassword: admin.password ? null : password,
      channelId: channel.id,
    };
  });
}
