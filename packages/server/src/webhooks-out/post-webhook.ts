// The HTTP call of a delivery, through the one guarded fetch (net/guarded-fetch.ts): no loopback,
// private or metadata address (unless PARLEY_FETCH_ALLOW lets one in), checked when connecting so
// DNS rebinding does not get past it, redirects never followed, and failure reasons that name no
// address or port.
import type { GuardedFetch } from '../net/guarded-fetch.ts';
import type { PostWebhook } from './deliver.ts';

export function createPostWebhook(guarded: GuardedFetch): PostWebhook {
  return async (url, body, headers, timeoutMs) => {
    const res = await guarded(url, { method: 'POST', body, headers, timeoutMs });
    // Only the status decides; an endless answer must not hold the worker.
    await res.body?.cancel();
    return { status: res.status };
  };
}
