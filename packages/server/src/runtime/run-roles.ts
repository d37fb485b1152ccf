// Composes the roles of one process. `start` runs them all; `gateway`, `worker`, `realtime` and
// `api` run one each, so each can be scaled on its own. The realtime and worker roles load their
// modules when they run, so a process loads only what its roles use.
import type { Server as HttpServer } from 'node:http';
import type { Server as IoServer } from 'socket.io';
import { createHttpApp } from '../api/http-app.ts';
import type { AppContext } from '../app-context.ts';
import { openBlobStore } from '../blob/open-blob-store.ts';
import type { Config } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { createMetrics } from '../metrics/registry.ts';
import type { Presence } from '../realtime/presence.ts';
import { type Seeded, seedFirstRun } from '../seed/first-run.ts';
import type { Service } from '../services/service.ts';
import { migrate } from '../store/migrate.ts';
import { createSecretBox } from '../store/secret-box.ts';
import { createChannelDirectory } from '../webhook/channel-directory.ts';
import { drainHttp } from './drain-http.ts';
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
      const { createRealtimeRole } = await import('../realtime/realtime-role.ts');
      const realtime = createRealtimeRole(ctx, server);
      io = realtime.io;
      presence = realtime.presence;
      closeAdapter = realtime.closeAdapter;
      services.push(...realtime.services);
    }
    if (all || role === 'worker') {
      const { createWorkerServices } = await import('./worker-services.ts');
      services.push(...createWorkerServices(ctx, presence));
    }
    for (const s of services) await s.start();
    const port = await listen(server, config.PORT, config.HOST);
    log.info({ role, mode: config.mode, port }, 'parley is running');

    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= (async () => {
        // Stop taking new work first (HTTP requests in flight finish, sockets go elsewhere), then
        // each service finishes or hands back what it holds, then connections close.
        log.info({ role }, 'draining: no new connections; finishing requests and work in hand');
        await drainHttp(server, io, config.PARLEY_DRAIN_TIMEOUT_MS, log);
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
