// The HTTP call of a delivery: a POST that never follows a redirect (a receiver cannot bounce our
// signed request to an address of its choosing) and gives up after the timeout.
import type { PostWebhook } from './deliver.ts';

export const postWebhook: PostWebhook = async (url, body, headers, timeoutMs) => {
  const res = await fetch(url, {
    method: 'POST',
    body,
    headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  // The body is not read: only the status decides, and an endless answer must not hold the worker.
  await res.body?.cancel();
  return { status: res.status };
};
