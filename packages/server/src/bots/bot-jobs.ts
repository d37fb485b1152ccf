// Jobs on the bots queue: one per customer message a bot must answer. The lane is the tenant, so
// a tenant's bot work never holds up another tenant's, and never the ingest lanes.
import { z } from 'zod';

export const BotJobSchema = z.object({ conversationId: z.uuid(), messageId: z.uuid() });
export type BotJob = z.infer<typeof BotJobSchema>;

export const botJob = (tenantId: string, job: BotJob) => ({ lane: tenantId, payload: JSON.stringify(job) });
