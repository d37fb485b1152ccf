/**
 * Shares one commit among the callers that arrive while the previous commit runs. PGlite commits
 * one transaction at a time (a few thousand a second); grouping is how the embedded gateway still
 * acks thousands of webhooks a second. No timer: a lone request is committed at once.
 */
export function groupCommit<T>(
  commit: (batch: T[]) => Promise<void>,
  maxBatch = 500,
): (item: T) => Promise<void> {
  let waiting: { item: T; resolve: () => void; reject: (err: unknown) => void }[] = [];
  let running = false;

  const flush = async () => {
    running = true;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      try {
        await commit(batch.map((w) => w.item));
        for (const w of batch) w.resolve();
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    running = false;
  };

  return (item) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!running) void flush();
    });
}
