// The sync core's Transport for this page: same-origin, the session cookie, and the session's CSRF
// token on every request (the server checks it on unsafe methods). A 401 means the session ended.
import { createHttpTransport, type Transport } from '@parley/sync';

export interface BrowserTransportOptions {
  csrfToken: () => string | null;
  onUnauthorized?: () => void;
}

export function browserTransport(o: BrowserTransportOptions): Transport {
  const inner = createHttpTransport({
    baseUrl: '',
    headers: (): Record<string, string> => {
      const t = o.csrfToken();
      return t ? { 'x-csrf-token': t } : {};
    },
  });
  return {
    async request(method, path, body) {
      const res = await inner.request(method, path, body);
      if (res.status === 401 && !path.startsWith('/api/v1/auth/')) o.onUnauthorized?.();
      return res;
    },
    connect: (h) => inner.connect(h),
  };
}
