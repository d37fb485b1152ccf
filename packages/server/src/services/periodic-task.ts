// A background chore as a Service: runs `task` every `intervalMs`, one run at a
// time in this process (the next run is scheduled when the last one ends, so a slow run never
// overlaps itself), logs a run that throws and goes on, and on stop waits for a run in progress.
// The first run comes one interval after start, not at start: a process that starts and stops at
// once (a CLI command, a test server) makes no calls to Meta.
import type { Logger } from '../log/logger.ts';
import type { Service } from './service.ts';

export function createPeriodicTask(
  name: string,
  intervalMs: number,
  task: () => Promise<void>,
  log: Logger,
): Service {
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> | null = null;
  let stopped = true;

  const schedule = () => {
    timer = setTimeout(() => {
      timer = null;
      inFlight = task()
        .catch((err: unknown) =>
          log.error({ err: (err as Error).message, task: name }, `${name}: run failed`),
        )
        .finally(() => {
          inFlight = null;
          if (!stopped) schedule();
        });
    }, intervalMs);
    timer.unref();
  };

  return {
    name,
    async start() {
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await inFlight;
    },
  };
}
