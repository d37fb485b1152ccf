// The agent's normalised state and the rules for folding one log entry or one snapshot row into it.
// Pure: no I/O. What needs I/O (fetch a conversation we hear of but do not hold, reload a thread
// that became visible again) is asked for through `StateEffects`.
import { mergePatch } from './merge-patch.ts';
import {
  type Conversation,
  ConversationSchema,
  type LogEntry,
  type Message,
  MessageSchema,
  type Note,
  NoteSchema,
  VISIBLE_TO_YOU,
} from './protocol.ts';

export interface Transfer {
  assigneeId: string | null;
  teamId: string | null;
}

export interface ConversationRecord {
  value: Conversation;
  /** False once an entry said `visibleToYou: false`: kept only so an open thread can say where it went. */
  visible: boolean;
  /** True when we know we missed hidden entries (it became visible again): replace from any snapshot. */
  stale: boolean;
  transfer: Transfer | null;
}

export interface ThreadRecord {
  messages: Map<string, Message>;
  notes: Map<string, Note>;
}

/** A loose entity known only from its log entries (contacts, agents, mentions have no snapshot). */
export type LooseEntity = Readonly<Record<string, unknown>> & { id: string; version: number };

export interface StateEffects {
  touch(key: string): void;
  hydrate(conversationId: string): void;
  reloadThread(conversationId: string): void;
}

export type ApplyOutcome = 'applied' | 'stale' | 'ignored';

export const keys = {
  conversation: (id: string) => `conv:${id}`,
  thread: (id: string) => `thread:${id}`,
  contacts: 'contacts',
  agents: 'agents',
  mentions: 'mentions',
} as const;

export class EntityState {
  readonly conversations = new Map<string, ConversationRecord>();
  /** Threads that are open or loading; messages of other conversations are not kept. */
  readonly threads = new Map<string, ThreadRecord>();
  readonly messageConversation = new Map<string, string>();
  readonly contacts = new Map<string, LooseEntity>();
  readonly agents = new Map<string, LooseEntity>();
  readonly mentions = new Map<string, LooseEntity>();
  readonly unread = new Map<string, number>();
  /** Seq of the last inbound message counted into `unread` (or of the row the count came from). */
  private readonly unreadMark = new Map<string, number>();

  constructor(private readonly fx: StateEffects) {}

  /** Idempotent per entry: applying it again (a replay over a fresh row) changes nothing twice. */
  apply(logged: LogEntry): ApplyOutcome {
    // data.updatedAt is when the entry committed (the latency statistics read it), not a field of
    // the entity: snapshot rows have no such field, and a row must look the same however it came.
    const { updatedAt: _committedAt, ...data } = logged.data;
    const entry = { ...logged, data };
    switch (entry.type) {
      case 'conversation.created':
      case 'conversation.updated':
        return this.applyConversation(entry);
      case 'message.created':
      case 'message.updated':
        return this.applyMessage(entry);
      case 'note.created':
        return this.applyNote(entry);
      case 'contact.updated':
        return applyLoose(this.contacts, entry, () => this.fx.touch(keys.contacts));
      case 'agent.updated':
        return applyLoose(this.agents, entry, () => this.fx.touch(keys.agents));
      case 'mention.created':
        return applyLoose(this.mentions, entry, () => this.fx.touch(keys.mentions));
    }
  }

  /**
   * Folds a snapshot row in; true when it replaced what was held (then replay recorded entries).
   * `asOf` is the cursor of the snapshot the row comes from: its unreadCount counts every inbound
   * message up to there. (Its version is no such bound: Parley logs a batch's conversation entry
   * before the batch's messages.) Without it, the row's version stands in.
   */
  putConversation(row: Conversation, visible = true, asOf?: number): boolean {
    const held = this.conversations.get(row.id);
    if (held && !held.stale && held.value.version >= row.version) return false;
    const { unreadCount, ...value } = row;
    const transfer = visible ? null : { assigneeId: value.assigneeId, teamId: value.teamId };
    this.conversations.set(row.id, { value, visible, stale: false, transfer });
    if (unreadCount !== undefined) {
      this.unread.set(row.id, unreadCount);
      this.unreadMark.set(row.id, Math.max(row.version, asOf ?? 0));
    }
    this.fx.touch(keys.conversation(row.id));
    this.fx.touch(keys.thread(row.id));
    return true;
  }

  /**
   * An agent's fields as read with a snapshot whose cursor is `asOf`: entries up to it are in them,
   * later ones apply over them (agents have no version of their own on the REST side).
   */
  putAgent(id: string, fields: Readonly<Record<string, unknown>>, asOf: number): void {
    const held = this.agents.get(id);
    this.agents.set(id, { ...held, ...fields, id, version: Math.max(held?.version ?? 0, asOf) });
    this.fx.touch(keys.agents);
  }

  putMessage(row: Message): boolean {
    const thread = this.threads.get(row.conversationId);
    if (!thread) return false;
    const held = thread.messages.get(row.id);
    if (held && held.version >= row.version) return false;
    thread.messages.set(row.id, row);
    this.messageConversation.set(row.id, row.conversationId);
    this.fx.touch(keys.thread(row.conversationId));
    return true;
  }

  putNote(row: Note): boolean {
    const thread = this.threads.get(row.conversationId);
    if (!thread) return false;
    const held = thread.notes.get(row.id);
    if (held && held.version >= row.version) return false;
    thread.notes.set(row.id, row);
    this.fx.touch(keys.thread(row.conversationId));
    return true;
  }

  openThread(conversationId: string): void {
    if (!this.threads.has(conversationId))
      this.threads.set(conversationId, { messages: new Map(), notes: new Map() });
  }

  /** Forgets a thread's rows (closed, or stale after a visibility flip). */
  dropThread(conversationId: string): void {
    const t = this.threads.get(conversationId);
    if (!t) return;
    for (const id of t.messages.keys()) this.messageConversation.delete(id);
    this.threads.delete(conversationId);
    this.fx.touch(keys.thread(conversationId));
  }

  /** Everything goes (re-snapshot); open threads stay open but empty until reloaded. */
  clear(): void {
    const gone = [...this.conversations.keys()];
    for (const t of this.threads.values()) {
      t.messages.clear();
      t.notes.clear();
    }
    this.conversations.clear();
    this.messageConversation.clear();
    this.unread.clear();
    this.unreadMark.clear();
    // Touch only once cleared: a scheduler that flushes at once would derive lists from the old rows.
    for (const id of gone) this.fx.touch(keys.conversation(id));
    for (const id of this.threads.keys()) this.fx.touch(keys.thread(id));
  }

  private applyConversation(entry: LogEntry): ApplyOutcome {
    const { [VISIBLE_TO_YOU]: visibleToYou, ...patch } = entry.data;
    const held = this.conversations.get(entry.entityId);
    if (!held) {
      const full = ConversationSchema.safeParse({ ...patch, id: entry.entityId, version: entry.version });
      if (entry.type === 'conversation.created' && full.success && visibleToYou !== false) {
        this.putConversation(full.data);
        return 'applied';
      }
      // A patch of a conversation we never held (it scrolled in, or was just given to us): fetch it.
      if (visibleToYou !== false) this.fx.hydrate(entry.entityId);
      if (visibleToYou === true && this.threads.has(entry.entityId)) this.fx.reloadThread(entry.entityId);
      return 'ignored';
    }
    if (entry.version <= held.value.version) return 'stale';
    held.value = { ...mergePatch(held.value, patch), version: entry.version };
    if (visibleToYou === false) {
      held.visible = false;
      held.transfer = { assigneeId: held.value.assigneeId, teamId: held.value.teamId };
    } else if (visibleToYou === true) {
      // It comes back after entries we were not shown: our copy and its thread are out of date.
      held.visible = true;
      held.transfer = null;
      held.stale = true;
      this.fx.hydrate(entry.entityId);
      if (this.threads.has(entry.entityId)) this.fx.reloadThread(entry.entityId);
    }
    this.fx.touch(keys.conversation(entry.entityId));
    this.fx.touch(keys.thread(entry.entityId));
    return 'applied';
  }

  /** The agent read it: nothing up to the current cursor counts any more. */
  markRead(conversationId: string, cursor: number): void {
    this.unread.set(conversationId, 0);
    this.unreadMark.set(conversationId, cursor);
    this.fx.touch(keys.conversation(conversationId));
  }

  private applyMessage(entry: LogEntry): ApplyOutcome {
    const convId =
      this.messageConversation.get(entry.entityId) ??
      (typeof entry.data['conversationId'] === 'string' ? entry.data['conversationId'] : undefined);
    if (convId === undefined) return 'ignored';
    if (entry.type === 'message.created' && entry.data['direction'] === 'in')
      this.countUnread(convId, entry.seq);
    const thread = this.threads.get(convId);
    if (!thread) return 'ignored';
    const held = thread.messages.get(entry.entityId);
    if (held && entry.version <= held.version) return 'stale';
    const merged = { ...mergePatch(held ?? {}, entry.data), id: entry.entityId, version: entry.version };
    const row = MessageSchema.safeParse(merged);
    // A patch of a message on a page we have not loaded: the page will bring it when loaded.
    if (!row.success) return 'ignored';
    thread.messages.set(entry.entityId, row.data);
    this.messageConversation.set(entry.entityId, convId);
    this.fx.touch(keys.thread(convId));
    return 'applied';
  }

  // A row's count covers every inbound message up to its snapshot's cursor (putConversation); later
  // ones are counted once each, however often their entry is replayed.
  private countUnread(convId: string, seq: number): void {
    const conv = this.conversations.get(convId);
    if (!conv?.visible || seq <= (this.unreadMark.get(convId) ?? 0)) return;
    this.unread.set(convId, (this.unread.get(convId) ?? 0) + 1);
    this.unreadMark.set(convId, seq);
    this.fx.touch(keys.conversation(convId));
  }

  private applyNote(entry: LogEntry): ApplyOutcome {
    const row = NoteSchema.safeParse({ ...entry.data, id: entry.entityId, version: entry.version });
    if (!row.success) return 'ignored';
    const thread = this.threads.get(row.data.conversationId);
    if (!thread) return 'ignored';
    const held = thread.notes.get(row.data.id);
    if (held && entry.version <= held.version) return 'stale';
    thread.notes.set(row.data.id, row.data);
    this.fx.touch(keys.thread(row.data.conversationId));
    return 'applied';
  }
}

function applyLoose(table: Map<string, LooseEntity>, entry: LogEntry, touch: () => void): ApplyOutcome {
  const held = table.get(entry.entityId);
  if (held && entry.version <= held.version) return 'stale';
  table.set(entry.entityId, {
    ...mergePatch(held ?? {}, entry.data),
    id: entry.entityId,
    version: entry.version,
  });
  touch();
  return 'applied';
}
