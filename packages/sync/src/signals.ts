// Ephemeral state from `"signal"` events: who is typing where, who is online. Never logged, so it
// is kept apart from versioned entities and simply expires.
import type { Clock, TimerId } from './clock.ts';
import { PresenceSignalDataSchema, SignalSchema, TYPING_TTL_MS, TypingSignalDataSchema } from './protocol.ts';

export const typingKey = (conversationId: string) => `typing:${conversationId}`;
export const PRESENCE_KEY = 'presence';

export class SignalState {
  private readonly typing = new Map<string, Map<string, TimerId>>();
  private readonly typingCache = new Map<string, string[]>();
  readonly online = new Map<string, boolean>();

  constructor(
    private readonly clock: Clock,
    private readonly touch: (key: string) => void,
    private readonly tenantId: () => string | null,
  ) {}

  /** Returns false when the payload is not a signal of ours. */
  receive(payload: unknown): boolean {
    const s = SignalSchema.safeParse(payload);
    const tenant = this.tenantId();
    if (!s.success || (tenant !== null && s.data.tenantId !== tenant)) return false;
    if (s.data.type === 'typing') {
      const d = TypingSignalDataSchema.safeParse(s.data.data);
      if (d.success) this.setTyping(d.data.conversationId, d.data.agentId);
      return d.success;
    }
    const p = PresenceSignalDataSchema.safeParse(s.data.data);
    if (p.success) {
      this.online.set(p.data.agentId, p.data.online);
      this.touch(PRESENCE_KEY);
    }
    return p.success;
  }

  typingIn(conversationId: string): readonly string[] {
    return this.typingCache.get(conversationId) ?? [];
  }

  private setTyping(conversationId: string, agentId: string): void {
    let agents = this.typing.get(conversationId);
    if (!agents) {
      agents = new Map();
      this.typing.set(conversationId, agents);
    }
    const prev = agents.get(agentId);
    if (prev !== undefined) this.clock.clearTimeout(prev);
    agents.set(
      agentId,
      this.clock.setTimeout(() => {
        agents.delete(agentId);
        this.refresh(conversationId);
      }, TYPING_TTL_MS),
    );
    if (prev === undefined) this.refresh(conversationId);
  }

  private refresh(conversationId: string): void {
    const agents = [...(this.typing.get(conversationId)?.keys() ?? [])].sort();
    this.typingCache.set(conversationId, agents);
    this.touch(typingKey(conversationId));
  }
}
