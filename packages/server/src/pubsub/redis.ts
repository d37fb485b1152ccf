import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { Logger } from '../log/logger.ts';
import type { PubSub } from './port.ts';

/**
 * Redis pub/sub: scale mode. `sub` must be a connection of its own (it enters subscriber mode).
 * With a logger, a publish that fails is logged instead of thrown: what is published is a wake-up
 * for changes already committed, which every relay's sweep finds anyway, so a Redis outage must not
 * turn a committed change into an error for its caller. Give `pub` enableOfflineQueue: false so a
 * publish fails at once rather than waiting for Redis to come back.
 */
export function createRedisPubSub(pub: Redis, sub: Redis, log?: Logger): PubSub {
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  sub.on('message', (channel: string, message: string) => bus.emit(channel, message));
  const channels = new Set<string>();
  return {
    // Redis takes 512 MB; a wake-up worth carrying is far smaller.
    maxMessageBytes: 256 * 1024,
    async publish(channel, message) {
      if (!log) {
        await pub.publish(channel, message);
        return;
      }
      try {
        await pub.publish(channel, message);
      } catch (err) {
        log.warn(
          { err: (err as Error).message, channel },
          'pubsub: publish failed; relays sweep the change up',
        );
      }
    },
    async subscribe(channel, handler) {
      bus.on(channel, handler);
      if (!channels.has(channel)) {
        channels.add(channel);
        await sub.subscribe(channel);
      }
      return async () => {
        bus.off(channel, handler);
      };
    },
    async close() {
      bus.removeAllListeners();
      sub.disconnect();
      pub.disconnect();
    },
  };
}
