// The open conversation: header with actions, the messages, who is typing, and the composer. When
// the conversation is transferred away (or otherwise leaves this agent's sight) it says so.
import { useEffect, useState } from 'react';
import { contactLabel } from '../../lib/format.ts';
import { navigate } from '../../lib/router.ts';
import { useApp } from '../../state/app-context.ts';
import { agentName, teamName } from '../../state/directory.ts';
import { useThread, useTyping } from '../../state/store-hooks.ts';
import { Composer } from '../composer/composer.tsx';
import { ContactPanel } from './contact-panel.tsx';
import { ConversationActions } from './conversation-actions.tsx';
import { ThreadMessages } from './thread-messages.tsx';

export function ThreadPane({ conversationId }: { conversationId: string }) {
  const { store, directory, session } = useApp();
  const { snap, loadOlder } = useThread(store, conversationId);
  const [panel, setPanel] = useState(false);
  const c = snap.conversation;
  const unread = c?.unreadCount ?? 0;

  // Reading the thread clears its unread badge (also for messages arriving while it is open),
  // once things settle: a busy conversation should not cost one request per message.
  useEffect(() => {
    if (unread === 0 || snap.status !== 'ready' || snap.transferred || document.hidden) return;
    const t = setTimeout(() => void store.markRead(conversationId), 400);
    return () => clearTimeout(t);
  }, [unread, snap.status, snap.transferred, store, conversationId]);

  const transferredTo = snap.transferred
    ? snap.transferred.assigneeId
      ? agentName(directory, snap.transferred.assigneeId)
      : (teamName(directory, snap.transferred.teamId) ?? 'someone else')
    : null;

  return (
    <section
      className="thread-pane"
      aria-label={c ? `Conversation with ${contactLabel(c.contact)}` : 'Conversation'}
    >
      <header className="thread-head">
        <button type="button" className="btn btn-ghost btn-sm back" onClick={() => navigate('/app')}>
          ← <span className="sr-only">Back to the list</span>
        </button>
        <div className="thread-title">
          <h2>{c ? contactLabel(c.contact) : 'Loading…'}</h2>
          {c && (
            <span className="thread-sub">
              {c.contact.phone ?? (c.contact.waId ? `+${c.contact.waId}` : '')} ·{' '}
              <span className={`chip chip-status-${c.status}`}>{c.status}</span> ·{' '}
              {c.assigneeId === session.agent.id
                ? 'Assigned to you'
                : `Assigned: ${agentName(directory, c.assigneeId)}`}
            </span>
          )}
        </div>
        {c && !snap.transferred && <ConversationActions conversation={c} />}
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          aria-pressed={panel}
          aria-controls="contact-panel"
          onClick={() => setPanel((p) => !p)}
        >
          Contact
        </button>
      </header>
      {snap.transferred && (
        <div className="banner banner-warn" role="alert" data-testid="transferred-banner">
          This conversation was transferred to {transferredTo}. You can no longer see new activity here.
          <button type="button" className="btn btn-sm" onClick={() => navigate('/app')}>
            Back to the list
          </button>
        </div>
      )}
      {snap.error && !snap.transferred && (
        <div className="banner banner-error" role="alert">
          {snap.error.message}
        </div>
      )}
      <div className="thread-body">
        <div className="thread-main">
          <ThreadMessages snap={snap} loadOlder={loadOlder} />
          <TypingLine conversationId={conversationId} />
          {c && !snap.transferred && <Composer conversation={c} />}
        </div>
        {panel && c && <ContactPanel conversation={c} onClose={() => setPanel(false)} />}
      </div>
    </section>
  );
}

function TypingLine({ conversationId }: { conversationId: string }) {
  const { store, directory, session } = useApp();
  const ids = useTyping(store, conversationId).filter((id) => id !== session.agent.id);
  return (
    <div className="typing" aria-live="polite">
      {ids.length > 0 &&
        `${ids.map((id) => agentName(directory, id)).join(', ')} ${ids.length === 1 ? 'is' : 'are'} typing…`}
    </div>
  );
}
