// Wake signals: a background tab made visible again, the network back online. Standby is caught by
// the store's own tick (a timer that fires far later than asked means the machine slept).

export interface Lifecycle {
  /** Calls `cb` whenever the page may have missed events; returns an unsubscribe function. */
  onWake(cb: (reason: 'visible' | 'online') => void): () => void;
}

export const noLifecycle: Lifecycle = { onWake: () => () => {} };

/** The browser's `visibilitychange` and `online` events. */
export function browserLifecycle(): Lifecycle {
  return {
    onWake(cb) {
      const doc = (globalThis as { document?: Document }).document;
      const onVisible = () => {
        if (doc?.visibilityState === 'visible') cb('visible');
      };
      const onOnline = () => cb('online');
      doc?.addEventListener('visibilitychange', onVisible);
      globalThis.addEventListener?.('online', onOnline);
      return () => {
        doc?.removeEventListener('visibilitychange', onVisible);
        globalThis.removeEventListener?.('online', onOnline);
      };
    },
  };
}
