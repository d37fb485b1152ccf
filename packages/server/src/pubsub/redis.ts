import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { PubSub } from './port.ts';

/** Redis pub/sub: scale mode. `sub` must be a connection of its own (it enters subscriber mode). */
export function createRedisPubSub(pub: Redis, sub: Redis): PubSub {
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  sub.on('message', (channel: string, message: string) => bus.emit(channel, message));
  const channels = new Set<string>();
  return {
    // Redis takes 512 MB; a wake-up worth carrying is far smaller.
    maxMessageBytes: 256 * 1024,
    async publish(channel, message) {
      await pub.publish(channel, message);
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
