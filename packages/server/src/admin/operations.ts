// Instance administration, defined once: the CLI runs these against the database directly, or
// through the running server's admin API (POST /api/v1/admin/<name>) when an embedded server holds
// the data folder.
import { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { enableSchedulingBot } from '../bots/scheduling/enable-scheduling.ts';
import { timeZoneSchema } from '../bots/scheduling/time-zone.ts';
import { ParleyError } from '../errors.ts';
import { migrate } from '../store/migrate.ts';
import { admitPayload } from '../webhook/admit-payload.ts';
import { listQuarantine } from '../webhook/quarantine.ts';
import { addChannel, createAgent, createTenant } from './accounts.ts';

export type AdminDeps = Pick<AppContext, 'db' | 'queue' | 'box' | 'channels' | 'config'>;

export interface AdminOperation<I extends z.ZodType = z.ZodType> {
  name: string;
  summary: string;
  input: I;
  run(deps: AdminDeps, input: z.output<I>): Promise<unknown>;
}

const op = <I extends z.ZodType>(o: AdminOperation<I>): AdminOperation<I> => o;

const tenantRef = z.string().min(1).describe('Tenant id, or its exact name');

async function resolveTenant(deps: AdminDeps, ref: string): Promise<string> {
  const { rows } = await deps.db.query<{ id: string }>(
    'SELECT id FROM tenants WHERE id::text = $1 OR name = $1 ORDER BY created_at LIMIT 2',
    [ref],
  );
  if (rows.length === 0)
    throw new ParleyError('PARLEY_ERR_NOT_FOUND', `no tenant has the id or name "${ref}"`);
  if (rows.length > 1)
    throw new ParleyError('PARLEY_ERR_CONFLICT', `several tenants are named "${ref}": use the id`);
  return rows[0]!.id;
}

export const ADMIN_OPERATIONS = [
  op({
    name: 'migrate',
    summary: 'Apply pending database migrations',
    input: z.object({}),
    run: (deps) => migrate(deps.db),
  }),
  op({
    name: 'backup',
    summary: 'Copy the embedded data folder (database, secrets, media) to a file, consistent while running',
    input: z.object({ file: z.string().min(1).describe('Absolute path of the backup file to write') }),
    run: async (deps, i) => {
      const { backupDataDir } = await import('../store/backup.ts');
      return backupDataDir(deps.db, deps.config.PARLEY_DATA_DIR, i.file);
    },
  }),
  op({
    name: 'tenant-create',
    summary: 'Create a tenant (a business, or an agency client)',
    input: z.object({ name: z.string().min(1).max(200) }),
    run: (deps, i) => deps.db.tx((q) => createTenant(q, i.name)),
  }),
  op({
    name: 'tenant-list',
    summary: 'List tenants',
    input: z.object({}),
    run: async (deps) =>
      (await deps.db.query('SELECT id, name, created_at AS "createdAt" FROM tenants ORDER BY created_at'))
        .rows,
  }),
  op({
    name: 'agent-create',
    summary: 'Create an agent; prints a generated password when none is given',
    input: z.object({
      tenant: tenantRef,
      email: z.email(),
      name: z.string().min(1),
      role: z.enum(['owner', 'admin', 'agent']).default('agent'),
      password: z.string().min(8).optional(),
    }),
    run: async (deps, i) => {
      const tenantId = await resolveTenant(deps, i.tenant);
      const a = await deps.db.tx((q) => createAgent(q, tenantId, i));
      return { id: a.id, tenantId, email: i.email, role: i.role, generatedPassword: a.password };
    },
  }),
  op({
    name: 'channel-add',
    summary: 'Connect a WhatsApp number (Cloud API phone number id) to a tenant',
    input: z.object({
      tenant: tenantRef,
      name: z.string().min(1),
      phoneNumberId: z.string().regex(/^\d+$/, 'expected the numeric phone number id from Meta'),
      displayPhoneNumber: z.string().optional(),
      wabaId: z.string().optional(),
      accessToken: z.string().optional(),
      appSecret: z.string().optional(),
      verifyToken: z.string().optional(),
    }),
    run: async (deps, i) => {
      const tenantId = await resolveTenant(deps, i.tenant);
      const c = await deps.db.tx((q) => addChannel(q, deps.box, tenantId, i));
      deps.channels.invalidate();
      return { id: c.id, tenantId, verifyToken: c.verifyToken, webhookPath: `/webhooks/whatsapp/${c.id}` };
    },
  }),
  op({
    name: 'queue-stats',
    summary: 'Lanes, depth, age of the oldest job, and dead letters of the ingest queue',
    input: z.object({}),
    run: (deps) => deps.queue.stats(),
  }),
  op({
    name: 'queue-dead',
    summary: 'List dead-lettered jobs',
    input: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) }),
    run: (deps, i) => deps.queue.dead(i.limit),
  }),
  op({
    name: 'queue-replay',
    summary: 'Put dead-lettered jobs back in their lanes (all of them, or the ids given)',
    input: z.object({ ids: z.array(z.string()).optional() }),
    run: async (deps, i) => ({ replayed: await deps.queue.replayDead(i.ids) }),
  }),
  op({
    name: 'quarantine-list',
    summary: 'List quarantined webhook payloads (signed, but not routable or parseable)',
    input: z.object({
      limit: z.coerce.number().int().min(1).max(1000).default(50),
      all: z.boolean().default(false),
    }),
    run: async (deps, i) =>
      (await listQuarantine(deps.db, i.limit, i.all)).map((p) => ({
        ...p,
        body: p.body.length > 300 ? `${p.body.slice(0, 300)}…` : p.body,
      })),
  }),
  op({
    name: 'quarantine-replay',
    summary: 'Route quarantined payloads again (after adding a channel, or fixing a bug)',
    input: z.object({ ids: z.array(z.coerce.number().int()).optional() }),
    run: async (deps, i) => {
      const items = (await listQuarantine(deps.db, 10_000)).filter((p) => !i.ids || i.ids.includes(p.id));
      const results = [];
      deps.channels.invalidate();
      for (const p of items) {
        const viaChannel = p.channelHint ? await deps.channels.byChannelId(p.channelHint) : null;
        // Routing decides anew without quarantining the payload twice; only an enqueue marks it replayed.
        const admission = await admitPayload(deps, p.body, viaChannel, { keep: false });
        if (admission.outcome === 'enqueued')
          await deps.db.query('UPDATE quarantine SET replayed_at = now() WHERE id = $1', [p.id]);
        results.push({ id: p.id, outcome: admission.outcome });
      }
      return { results };
    },
  }),
  op({
    name: 'bot-scheduling',
    summary:
      'Put the scheduling bot in front of every channel of a tenant (with default hours, a service and staff if none are set)',
    input: z.object({ tenant: tenantRef, zone: timeZoneSchema.default('America/Sao_Paulo') }),
    run: async (deps, i) => {
      const tenantId = await resolveTenant(deps, i.tenant);
      return deps.db.tx((q) => enableSchedulingBot(q, deps.box, tenantId, i.zone));
    },
  }),
] as const;

export const adminOperation = (name: string): AdminOperation | undefined =>
  ADMIN_OPERATIONS.find((o) => o.name === name) as AdminOperation | undefined;
