// Macros (docs/macros.md): saved lists of actions an agent runs on a conversation with one click.
// A run replays each action through this same API as the caller (their token or session), so a
// macro can do nothing its runner could not do by hand, and each step is walled, validated,
// logged and audited as if clicked.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isAdmin } from '../../auth/principal.ts';
import { assertTenantIds } from '../../auth/tenant-ids.ts';
import { ParleyError } from '../../errors.ts';
import { recordAudit } from '../../inbox/record-audit.ts';
import { callFor, type MacroAction, MacroActionsSchema, macroIds } from '../../macros/macro-actions.ts';
import type { Queryable } from '../../store/db.ts';
import { principal, requireAuth } from '../authenticate.ts';
import { errorResponses } from '../error-responses.ts';
import type { ApiPlugin } from '../plugin.ts';

const idParams = z.object({ id: z.uuid({ message: 'expected a macro id (UUID)' }) });
const runParams = z.object({
  id: z.uuid({ message: 'expected a conversation id (UUID)' }),
  macroId: z.uuid({ message: 'expected a macro id (UUID)' }),
});

const macroSchema = z.object({
  id: z.string(),
  name: z.string(),
  actions: MacroActionsSchema,
  shared: z
    .boolean()
    .describe('Shared with the whole team (made by an owner or admin); else only its author’s'),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
});

const stepSchema = z.object({
  type: z.string(),
  outcome: z.enum(['done', 'unchanged', 'failed', 'not run']),
  status: z.number().int().nullable().describe('HTTP status of the step’s call'),
  message: z.string().nullable(),
});

interface MacroRow {
  id: string;
  name: string;
  actions: MacroAction[];
  shared: boolean;
  created_by: string | null;
  updated_at: Date;
}

const toMacro = (r: MacroRow) => ({
  id: r.id,
  name: r.name,
  actions: r.actions,
  shared: r.shared,
  createdBy: r.created_by,
  updatedAt: r.updated_at.toISOString(),
});

/** A macro the caller may use: shared, or their own. */
async function usableMacro(
  q: Queryable,
  tenantId: string,
  agentId: string | null,
  id: string,
): Promise<MacroRow> {
  const { rows } = await q.query<MacroRow>(
    `SELECT id, name, actions, shared, created_by, updated_at FROM macros
     WHERE tenant_id = $1 AND id = $2 AND (shared OR created_by = $3)`,
    [tenantId, id, agentId],
  );
  if (!rows[0]) throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No macro of yours or your team has this id');
  return rows[0];
}

export const macrosRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;
  const auth = requireAuth(db);

  const checkIds = (tenantId: string, actions: readonly MacroAction[]) => {
    const { agentIds, teamIds } = macroIds(actions);
    return assertTenantIds(db, tenantId, [
      { field: 'actions.agentId', kind: 'activeAgent', ids: agentIds },
      { field: 'actions.teamId', kind: 'team', ids: teamIds },
    ]);
  };

  app.get(
    '/api/v1/macros',
    {
      preHandler: auth,
      schema: {
        tags: ['macros'],
        summary: 'Macros you may run: the team’s shared ones and your own',
        response: { ...errorResponses, 200: z.object({ macros: z.array(macroSchema) }) },
      },
    },
    async (req) => {
      const p = principal(req);
      const { rows } = await db.query<MacroRow>(
        `SELECT id, name, actions, shared, created_by, updated_at FROM macros
         WHERE tenant_id = $1 AND (shared OR created_by = $2) ORDER BY lower(name), id`,
        [p.tenantId, p.agentId],
      );
      return { macros: rows.map(toMacro) };
    },
  );

  app.post(
    '/api/v1/macros',
    {
      preHandler: auth,
      schema: {
        tags: ['macros'],
        summary: 'Save a macro: personal, or shared with the team (owners and admins)',
        body: z.object({
          name: z.string().trim().min(1).max(80),
          actions: MacroActionsSchema,
          shared: z.boolean().default(false),
        }),
        response: { ...errorResponses, 201: macroSchema },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      if (req.body.shared && !isAdmin(p))
        throw new ParleyError(
          'PARLEY_ERR_FORBIDDEN',
          'Only owners and admins may share a macro with the team',
        );
      if (!p.agentId && !req.body.shared)
        throw new ParleyError(
          'PARLEY_ERR_VALIDATION',
          'An integration token has no agent to own a personal macro; share it',
        );
      await checkIds(p.tenantId, req.body.actions);
      const row = await db.tx(async (q) => {
        const { rows } = await q.query<MacroRow>(
          `INSERT INTO macros (tenant_id, name, actions, shared, created_by) VALUES ($1, $2, $3, $4, $5)
           RETURNING id, name, actions, shared, created_by, updated_at`,
          [p.tenantId, req.body.name, JSON.stringify(req.body.actions), req.body.shared, p.agentId],
        );
        await recordAudit(q, p, {
          action: 'macro.create',
          target: `macro:${rows[0]!.id}`,
          details: { shared: req.body.shared },
        });
        return rows[0]!;
      });
      return reply.code(201).send(toMacro(row));
    },
  );

  app.put(
    '/api/v1/macros/:id',
    {
      preHandler: auth,
      schema: {
        tags: ['macros'],
        summary: 'Change a macro (its author, or an owner or admin for shared ones)',
        params: idParams,
        body: z.object({ name: z.string().trim().min(1).max(80), actions: MacroActionsSchema }),
        response: { ...errorResponses, 200: macroSchema },
      },
    },
    async (req) => {
      const p = principal(req);
      await checkIds(p.tenantId, req.body.actions);
      const row = await db.tx(async (q) => {
        const m = await usableMacro(q, p.tenantId, p.agentId, req.params.id);
        if (m.shared && !isAdmin(p))
          throw new ParleyError('PARLEY_ERR_FORBIDDEN', 'Only owners and admins may change a shared macro');
        const { rows } = await q.query<MacroRow>(
          `UPDATE macros SET name = $3, actions = $4, updated_at = now() WHERE tenant_id = $1 AND id = $2
           RETURNING id, name, actions, shared, created_by, updated_at`,
          [p.tenantId, m.id, req.body.name, JSON.stringify(req.body.actions)],
        );
        await recordAudit(q, p, { action: 'macro.update', target: `macro:${m.id}` });
        return rows[0]!;
      });
      return toMacro(row);
    },
  );

  app.delete(
    '/api/v1/macros/:id',
    {
      preHandler: auth,
      schema: {
        tags: ['macros'],
        summary: 'Delete a macro (its author, or an owner or admin for shared ones)',
        params: idParams,
        response: { ...errorResponses, 204: z.null() },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      await db.tx(async (q) => {
        const m = await usableMacro(q, p.tenantId, p.agentId, req.params.id);
        if (m.shared && !isAdmin(p))
          throw new ParleyError('PARLEY_ERR_FORBIDDEN', 'Only owners and admins may delete a shared macro');
        await q.query('DELETE FROM macros WHERE tenant_id = $1 AND id = $2', [p.tenantId, m.id]);
        await recordAudit(q, p, { action: 'macro.delete', target: `macro:${m.id}` });
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/conversations/:id/macros/:macroId/run',
    {
      preHandler: auth,
      schema: {
        tags: ['macros'],
        summary: 'Run a macro on a conversation, step by step as you',
        description:
          'Each action is the API call you would make by hand, in order; the run stops at the first step that fails ' +
          '(the steps after it are "not run") and the answer says which and why. Send the same runId to retry a run: ' +
          'its messages are sent once.',
        params: runParams,
        body: z
          .object({
            runId: z
              .string()
              .regex(/^[A-Za-z0-9_-]{8,64}$/)
              .optional(),
          })
          .default({}),
        response: {
          ...errorResponses,
          200: z.object({
            macroId: z.string(),
            runId: z.string(),
            ok: z.boolean(),
            steps: z.array(stepSchema),
          }),
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const macro = await usableMacro(db, p.tenantId, p.agentId, req.params.macroId);
      // The caller's own credentials: the steps run with exactly their rights.
      const headers: Record<string, string> = {};
      for (const h of ['authorization', 'cookie', 'x-csrf-token'] as const) {
        const v = req.headers[h];
        if (typeof v === 'string') headers[h] = v;
      }
      const call = async (method: 'GET' | 'POST' | 'PUT', url: string, body?: Record<string, unknown>) => {
        const res = await app.inject({ method, url, headers, ...(body ? { payload: body } : {}) });
        return { status: res.statusCode, json: res.json() as Record<string, unknown> };
      };
      const conv = await call('GET', `/api/v1/conversations/${req.params.id}`);
      if (conv.status !== 200)
        throw new ParleyError('PARLEY_ERR_NOT_FOUND', 'No conversation you can see has this id');
      const c = conv.json.conversation as { labels: string[]; contact: { name: string | null } };
      const me = p.agentId
        ? (await db.query<{ name: string }>('SELECT name FROM agents WHERE id = $1', [p.agentId])).rows[0]
            ?.name
        : null;
      const runId = req.body.runId ?? randomUUID();
      let labels = c.labels;
      const steps: z.infer<typeof stepSchema>[] = [];
      let failed = false;
      for (const [i, action] of macro.actions.entries()) {
        if (failed) {
          steps.push({ type: action.type, outcome: 'not run', status: null, message: null });
          continue;
        }
        const todo = callFor(action, i, {
          conversationId: req.params.id,
          labels,
          contactName: c.contact.name,
          agentName: me ?? null,
          runId,
          now: Date.now(),
        });
        if (!todo) {
          steps.push({ type: action.type, outcome: 'unchanged', status: null, message: null });
          continue;
        }
        const res = await call(todo.method, todo.url, todo.body);
        if (res.status >= 200 && res.status < 300) {
          const after = (res.json.conversation as { labels?: string[] } | undefined)?.labels;
          if (after) labels = after;
          steps.push({ type: action.type, outcome: 'done', status: res.status, message: null });
        } else {
          failed = true;
          const error = res.json.error as { message?: string } | undefined;
          steps.push({
            type: action.type,
            outcome: 'failed',
            status: res.status,
            message: error?.message ?? null,
          });
        }
      }
      await recordAudit(db, p, {
        action: 'macro.run',
        target: `conversation:${req.params.id}`,
        details: { macroId: macro.id, ok: !failed, runId },
      });
      return { macroId: macro.id, runId, ok: !failed, steps };
    },
  );
};
