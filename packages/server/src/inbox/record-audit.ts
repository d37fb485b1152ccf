// The audit log: who did what to which thing, and when. Written in the same transaction as the
// change it records, so a rolled-back change leaves no row and a committed one always has its row.
import type { Principal } from '../auth/principal.ts';
import type { Queryable } from '../store/db.ts';

export interface AuditRecord {
  action: string;
  target?: string | null;
  /** Never secrets or message bodies: ids, names, roles, what changed. */
  details?: Record<string, unknown>;
}

export async function recordAudit(q: Queryable, p: Principal, r: AuditRecord): Promise<void> {
  await q.query(
    'INSERT INTO audit_log (tenant_id, actor_id, action, target, details) VALUES ($1, $2, $3, $4, $5)',
    [
      p.tenantId,
      p.agentId,
      r.action,
      r.target ?? null,
      JSON.stringify({ via: p.via, role: p.role, ...r.details }),
    ],
  );
}
