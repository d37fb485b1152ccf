// An agent's chosen availability (online, away, offline) is a logged change, agent.updated, so
// every client converges on it through the log; live presence (signals) shows it while connected.
import { PRESENCE_STATUSES } from '@parley/sync';
import { z } from 'zod';
import { onCapacityFreed } from '../../assignment/waiting-list.ts';
import { ParleyError } from '../../errors.ts';
import { commitChanges } from '../../events/commit-changes.ts';
import { principal, requireAuth } from '../authenticate.ts';
import type { ApiPlugin } from '../plugin.ts';

const AvailabilitySchema = z.object({ availability: z.enum(PRESENCE_STATUSES) });

export const availabilityRoutes: ApiPlugin = async (app, { ctx }) => {
  const { db } = ctx;
  app.put(
    '/api/v1/me/availability',
    {
      preHandler: requireAuth(db),
      schema: {
        tags: ['agents'],
        summary: 'Choose your availability; logged as agent.updated and shown live as presence',
        body: AvailabilitySchema,
        response: {
          200: AvailabilitySchema.extend({ agentId: z.string(), version: z.number().int() }),
        },
      },
    },
    async (req) => {
      const p = principal(req);
      const agentId = p.agentId;
      if (!agentId)
        throw new ParleyError(
          'PARLEY_ERR_FORBIDDEN',
          'This token acts for no agent: use a personal token or log in',
        );
      const { availability } = req.body;
      const { seqs } = await commitChanges(db, ctx.pubsub, ctx.prefix, p.tenantId, async (q) => {
        await q.query('UPDATE agents SET availability = $3 WHERE id = $1 AND tenant_id = $2', [
          agentId,
          p.tenantId,
          availability,
        ]);
        return {
          value: null,
          entries: [{ type: 'agent.updated', entityId: agentId, data: { availability } }],
        };
      });
      // Coming online frees capacity for conversations waiting under an online-only policy.
      if (availability === 'online') await onCapacityFreed(ctx, p.tenantId, agentId);
      return { agentId, availability, version: seqs[0]! };
    },
  );
};
