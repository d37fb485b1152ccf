// Which tenant a WhatsApp number belongs to, cached so the gateway's hot path makes no database
// round trip. Entries expire quickly (a new channel is routable within seconds even without an
// invalidation), and unknown numbers are remembered briefly so a flood of them stays cheap.
import type { Queryable } from '../store/db.ts';
import type { SecretBox } from '../store/secret-box.ts';

export interface ChannelRoute {
  channelId: string;
  tenantId: string;
  phoneNumberId: string;
  wabaId: string | null;
  appSecret: string | null;
  verifyToken: string | null;
}

export interface ChannelDirectory {
  /** The cached answer without a round trip: undefined when not cached (or expired). */
  cachedByPhoneNumberId(id: string): ChannelRoute | null | undefined;
  cachedByWabaId(id: string): ChannelRoute[] | undefined;
  byPhoneNumberId(id: string): Promise<ChannelRoute | null>;
  byWabaId(id: string): Promise<ChannelRoute[]>;
  byChannelId(id: string): Promise<ChannelRoute | null>;
  invalidate(): void;
}

interface Row {
  id: string;
  tenant_id: string;
  phone_number_id: string;
  waba_id: string | null;
  app_secret_enc: string | null;
  verify_token: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createChannelDirectory(
  db: Queryable,
  box: SecretBox,
  ttlMs = 10_000,
  missTtlMs = 1_000,
): ChannelDirectory {
  const cache = new Map<string, { at: number; ttl: number; value: ChannelRoute[] }>();
  const toRoute = (r: Row): ChannelRoute => ({
    channelId: r.id,
    tenantId: r.tenant_id,
    phoneNumberId: r.phone_number_id,
    wabaId: r.waba_id,
    appSecret: r.app_secret_enc ? box.open(r.app_secret_enc) : null,
    verifyToken: r.verify_token,
  });
  const fresh = (key: string) => {
    const hit = cache.get(key);
    return hit && Date.now() - hit.at < hit.ttl ? hit.value : undefined;
  };
  const lookup = async (key: string, column: 'phone_number_id' | 'waba_id' | 'id', value: string) => {
    const hit = fresh(key);
    if (hit) return hit;
    const now = Date.now();
    const { rows } = await db.query<Row>(
      `SELECT id, tenant_id, phone_number_id, waba_id, app_secret_enc, verify_token FROM channels WHERE ${column} = $1`,
      [value],
    );
    const routes = rows.map(toRoute);
    cache.set(key, { at: now, ttl: routes.length > 0 ? ttlMs : missTtlMs, value: routes });
    return routes;
  };
  return {
    cachedByPhoneNumberId: (id) => {
      const hit = fresh(`p:${id}`);
      return hit ? (hit[0] ?? null) : undefined;
    },
    cachedByWabaId: (id) => fresh(`w:${id}`),
    byPhoneNumberId: async (id) => (await lookup(`p:${id}`, 'phone_number_id', id))[0] ?? null,
    byWabaId: (id) => lookup(`w:${id}`, 'waba_id', id),
    byChannelId: async (id) => (UUID.test(id) ? ((await lookup(`c:${id}`, 'id', id))[0] ?? null) : null),
    invalidate: () => cache.clear(),
  };
}
