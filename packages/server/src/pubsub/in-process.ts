import { EventEmitter } from 'node:events';
import type { PubSub } from './port.ts';

/** One process: the embedded default. */
export function createInProcessPubSub(): PubSub {
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  return {
    maxMessageBytes: Number.POSITIVE_INFINITY,
    async publish(channel, message) {
      bus.emit(channel, message);
    },
    async subscribe(channel, handler) {
      bus.on(channel, handler);
      return async () => {
        bus.off(channel, handler);
      };
    },
    async close() {
      bus.removeAllListeners();
    },
  };
}
