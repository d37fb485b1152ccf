// Scale mode: Socket.IO's classic Redis adapter (pub/sub) carries what must cross nodes — signals
// (typing, presence) and room changes (socketsJoin after a transfer). Log entries do not travel
// through it: every node relays them from the database, so a Redis hiccup cannot lose one. The
// classic adapter fits that role: signals are ephemeral by design, so the Streams adapter's
// replay (its reason to exist) buys nothing here, and the classic one stores nothing per event.
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server } from 'socket.io';

/**
 * Attaches the adapter; the returned function closes its connections. The channel names carry the
 * deployment's prefix (PARLEY_QUEUE_PREFIX): two Parleys sharing one Redis must not answer each
 * other's fetchSockets (presence counts) nor see each other's broadcasts.
 */
export function attachRedisAdapter(io: Server, url: string, prefix: string): () => void {
  const pub = new Redis(url);
  const sub = pub.duplicate();
  io.adapter(createAdapter(pub, sub, { key: `${prefix}#socket.io` }));
  return () => {
    pub.disconnect();
    sub.disconnect();
  };
}
