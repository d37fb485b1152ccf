import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from '../log/logger.ts';
import type { PubSub } from './port.ts';

/**
 * LISTEN/NOTIFY: PostgreSQL-only mode, several processes on one database. One dedicated
 * connection listens; a dropped connection is re-established and listeners re-attached.
 */
export function createPostgresPubSub(url: string, publishVia: pg.Pool, log?: Logger): PubSub {
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  const channels = new Set<string>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;

  const connect = (): Promise<pg.Client> => {
    if (client) return Promise.resolve(client);
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString: url });
      c.on('notification', (n) => bus.emit(n.channel, n.payload ?? ''));
      c.on('error', (err) => {
        log?.warn({ err: err.message }, 'pubsub: LISTEN connection lost, reconnecting');
        client = null;
        connecting = null;
        if (!closed) setTimeout(() => void reattach(), 500);
      });
      await c.connect();
      for (const ch of channels) await c.query(`LISTEN ${c.escapeIdentifier(ch)}`);
      client = c;
      connecting = null;
      return c;
    })();
    return connecting;
  };
  const reattach = async () => {
    try {
      await connect();
    } catch (err) {
      log?.warn({ err: (err as Error).message }, 'pubsub: reconnect failed, retrying');
      if (!closed) setTimeout(() => void reattach(), 1000);
    }
  };

  return {
    // NOTIFY payloads must stay under 8,000 bytes.
    maxMessageBytes: 7000,
    async publish(channel, message) {
      await publishVia.query('SELECT pg_notify($1, $2)', [channel, message]);
    },
    async subscribe(channel, handler) {
      bus.on(channel, handler);
      if (!channels.has(channel)) {
        channels.add(channel);
        const c = await connect();
        await c.query(`LISTEN ${c.escapeIdentifier(channel)}`);
      }
      return async () => {
        bus.off(channel, handler);
      };
    },
    async close() {
      closed = true;
      bus.removeAllListeners();
      await client?.end();
    },
  };
}
