// Decides where a verified payload goes: each tenant it names gets it on its lane; what cannot be
// routed is quarantined (kept, acked, replayable). Shared by the gateway and quarantine replay.

import { routeEnvelope } from '../ingest/route-envelope.ts';
import type { IngestQueue } from '../queue/port.ts';
import type { Queryable } from '../store/db.ts';
import { findUnstorable, mayCarryUnstorable } from '../text/unstorable-text.ts';
import type { ChannelDirectory, ChannelRoute } from './channel-directory.ts';
import { quarantine } from './quarantine.ts';

export type Admission =
  | { outcome: 'enqueued'; lanes: string[]; unknown: string[] }
  | { outcome: 'quarantined'; reason: string };

export interface AdmitDeps {
  db: Queryable;
  queue: IngestQueue;
  channels: ChannelDirectory;
}

/** The payload as the worker receives it: the raw body and, for channel URLs, the channel. */
export interface IngestJob {
  body: string;
  receivedAt: number;
  channelId: string | null;
}

/** `keep: false` (replay) decides anew without writing another quarantine row. */
export async function admitPayload(
  deps: AdmitDeps,
  body: string,
  viaChannel: ChannelRoute | null,
  opts: { keep: boolean } = { keep: true },
): Promise<Admission> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return keep(deps, opts.keep, 'not_json', viaChannel?.channelId ?? null, body);
  }
  // The worker replaces characters the database cannot hold; the payload as Meta signed it is kept.
  if (opts.keep && mayCarryUnstorable(body) && findUnstorable(parsed) !== null)
    await quarantine(deps.db, 'replaced_characters', viaChannel?.channelId ?? null, body, { settled: true });
  const routes = routeEnvelope(parsed);
  if (!routes) return keep(deps, opts.keep, 'not_an_envelope', viaChannel?.channelId ?? null, body);

  const tenants = new Set<string>();
  const unknown: string[] = [];
  if (viaChannel) {
    // A channel's own URL speaks for its number and WABA only: a payload naming any other (even
    // another number of the same tenant) is kept in quarantine whole, never stored under it.
    const foreign = [
      ...routes.phoneNumberIds.filter((id) => id !== viaChannel.phoneNumberId),
      ...(viaChannel.wabaId
        ? routes.wabaIds.filter((id) => id !== viaChannel.wabaId).map((id) => `waba:${id}`)
        : []),
    ];
    if (foreign.length > 0)
      return keep(deps, opts.keep, `foreign_number:${foreign.join(',')}`, viaChannel.channelId, body);
    tenants.add(viaChannel.tenantId);
  } else {
    // The cache answers without awaiting on the hot path; only a miss costs a database round trip.
    const { channels } = deps;
    for (const id of routes.phoneNumberIds) {
      const cached = channels.cachedByPhoneNumberId(id);
      const ch = cached === undefined ? await channels.byPhoneNumberId(id) : cached;
      if (ch) tenants.add(ch.tenantId);
      else unknown.push(id);
    }
    // Fields such as template status name only the WhatsApp Business account.
    for (const id of routes.wabaIds)
      for (const ch of channels.cachedByWabaId(id) ?? (await channels.byWabaId(id))) tenants.add(ch.tenantId);
    if (tenants.size === 0 && unknown.length === 0) unknown.push(...routes.wabaIds.map((id) => `waba:${id}`));
  }
  // A number nobody here knows is kept whole, so nothing is lost if it is added later and replayed.
  if (unknown.length > 0 && opts.keep)
    await quarantine(deps.db, `unknown_number:${unknown.join(',')}`, viaChannel?.channelId ?? null, body);
  if (tenants.size === 0) return { outcome: 'quarantined', reason: 'unknown_number' };
  const job: IngestJob = { body, receivedAt: Date.now(), channelId: viaChannel?.channelId ?? null };
  const payload = JSON.stringify(job);
  await deps.queue.append([...tenants].map((lane) => ({ lane, payload })));
  return { outcome: 'enqueued', lanes: [...tenants], unknown };
}

async function keep(
  deps: AdmitDeps,
  write: boolean,
  reason: string,
  hint: string | null,
  body: string,
): Promise<Admission> {
  if (write) await quarantine(deps.db, reason, hint, body);
  return { outcome: 'quarantined', reason };
}
