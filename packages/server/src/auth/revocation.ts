// "These credentials may have stopped working": sent after a logout, a token revoked or a password
// change ended sessions, so realtime nodes close the sockets opened with them at once. A hint like
// every pub/sub message (pubsub/port.ts): the node re-reads the truth from the database, and its
// periodic check closes what a lost message left open (realtime/credential-check.ts).
import type { Logger } from '../log/logger.ts';
import type { PubSub } from '../pubsub/port.ts';

export const revocationChannel = (prefix: string): string => `${prefix}_revoked`;

/** Whose sockets to re-check: an agent's, or (agentId null) the tenant's integration tokens'. */
export interface Revocation {
  tenantId: string;
  agentId: string | null;
}

/** Call after the commit that revoked. A failed publish is logged: the periodic check still acts. */
export async function announceRevocation(
  pubsub: PubSub,
  prefix: string,
  who: Revocation,
  log: Pick<Logger, 'warn'>,
): Promise<void> {
  try {
    await pubsub.publish(revocationChannel(prefix), JSON.stringify(who));
  } catch (err) {
    log.warn(
      { err: (err as Error).message, ...who },
      'revocation: not announced; its sockets close at the next periodic check',
    );
  }
}
