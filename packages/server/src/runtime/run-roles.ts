// Composes the roles of one process. `start` runs them all; `gateway`, `worker`, `realtime` and
// `api` run one each, so each can be scaled on its own. Every role shares the same modules.
import type { Server as HttpServer } from 'node:http';
import type { Server as IoServer } from 'socket.io';
import { createHttpApp } from '../api/http-app.ts';
import type { AppContext } from '../app-context.ts';
import { createAssignmentRole } from '../assignment/assignment-role.ts';
import { openBlobStore } from '../blob/open-blob-store.ts';
import { createBotHook } from '../bots/bot-hook.ts';
import { botSettings } from '../bots/bot-settings.ts';
import { createBotWorker } from '../bots/bot-worker.ts';
import { createReminderService } from '../bots/scheduling/reminders.ts';
import type { Config } from '../config/env.ts';
import { createSnoozeWaker } from '../inbox/snooze-waker.ts';
import { createIngestWorker } from '../ingest/ingest-worker.ts';
import type { Logger } from '../log/logger.ts';
import { createMetrics } from '../metrics/registry.ts';
import { createMediaHook } from '../outbound/media-hook.ts';
import { createOutboundService } from '../outbound/outbound-service.ts';
import type { Presence } from '../realtime/presence.ts';
import { createRealtimeRole } from '../realtime/realtime-role.ts';
import { type Seeded, seedFirstRun } from '../seed/first-run.ts';
import type { Service } from '../services/service.ts';
import { migrate } from '../store/migrate.ts';
import { createSecretBox } from '../store/secret-box.ts';
import { createChannelDirectory } from '../webhook/channel-directory.ts';
import { loadInstanceSecrets } from './instance-secrets.ts';
import { openBackends, StartupError } from './open-backends.ts';

export type Role = 'start' | 'gateway' | 'worker' | 'realtime' | 'api';

export interface Running {
  ctx: AppContext;
  http: HttpServer;
  io: IoServer | null;
  /** Live presence, in processes that run the realtime role. */
  presence: Presence | null;
  port: number;
  seeded: Seeded | null;
  stop(): Promise<void>;
}

function listen(server: HttpServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new StartupError(
              `port ${port} is already in use: stop what is using it, or set PORT to another port`,
            )
          : new StartupError(`cannot listen on ${host}:${port}: ${err.message}`),
      );
    });
    server.listen(port, host, () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : port);
    });
  });
}

export async function runRoles(role: Role, config: Config, log: Logger): Promise<Running> {
  const secrets = loadInstanceSecrets(config);
  const backends = await openBackends(config, log);
  const box = createSecretBox(secrets.secretKey);
  const ctx: AppContext = {
    config,
    ...backends,
    prefix: config.PARLEY_QUEUE_PREFIX,
    channels: createChannelDirectory(backends.db, box),
    blobs: openBlobStore(config),
    box,
    appSecret: secrets.appSecret,
    verifyToken: secrets.verifyToken,
    adminToken: secrets.adminToken || null,
    metrics: createMetrics(),
    log,
  };
  const services: Service[] = [];
  let io: IoServer | null = null;
  let presence: Presence | null = null;
  let http: HttpServer | null = null;
  let closeAdapter: (() => void) | null = null;
  try {
    const { applied } = await migrate(ctx.db);
    if (applied.length > 0) log.info({ applied }, 'database migrated');
    const seeded = await seedFirstRun(ctx.db, box, {
      email: config.PARLEY_ADMIN_EMAIL,
      password: config.PARLEY_ADMIN_PASSWORD,
    });

    const all = role === 'start';
    const { app, server } = await createHttpApp(ctx, {
      gateway: all || role === 'gateway',
      api: all || role === 'api',
    });
    http = server;
    if (all || role === 'realtime') {
      const realtime = createRealtimeRole(ctx, server);
      io = realtime.io;
      presence = realtime.presence;
      closeAdapter = realtime.closeAdapter;
      services.push(...realtime.services);
    }
    if (all || role === 'worker') {
      const assignment = createAssignmentRole(ctx, presence);
      services.push(
        createIngestWorker({
          db: ctx.db,
          queue: ctx.queue,
          pubsub: ctx.pubsub,
          prefix: ctx.prefix,
          concurrency: config.PARLEY_WORKER_CONCURRENCY,
          // The bot hook goes first: a conversation a bot takes is not one for assignment.
          hooks: [createBotHook(ctx), createMediaHook(ctx.outbound), assignment.hook],
          metrics: ctx.metrics,
          log,
        }),
      );
      services.push(createOutboundService(ctx));
      services.push(createBotWorker({ ...ctx, queue: ctx.bots, ...botSettings(config, log) }));
      services.push(createReminderService(ctx));
      services.push(assignment.service);
      services.push(createSnoozeWaker(ctx));
    }
    for (const s of services) await s.start();
    const port = await listen(server, config.PORT, config.HOST);
    log.info({ role, mode: config.mode, port }, 'parley is running');

    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= (async () => {
        // Stop taking new work first, drain what is in hand, then close connections.
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 5000).unref();
        });
        io?.disconnectSockets(true);
        for (const s of [...services].reverse()) await s.stop();
        await new Promise<void>((resolve) => (io ? io.close(() => resolve()) : resolve()));
        closeAdapter?.();
        await app.close();
        await backends.close();
      })();
      return stopping;
    };
    return { ctx, http: server, io, presence, port, seeded, stop };
  } catch (err) {
    for (const s of services) {
      await s
        .stop()
        .catch((e: unknown) =>
          log.warn({ err: (e as Error).message, service: s.name }, 'stop after a failed start failed too'),
        );
    }
    http?.close();
    closeAdapter?.();
    await backends.close();
    throw err;
  }
}
