// The agent's working screen: the conversation list beside the open thread.
import type { ListQuery } from '@parley/sync';
import { useState } from 'react';
import { ConversationList } from './list/conversation-list.tsx';
import { ThreadPane } from './thread/thread-pane.tsx';

const TAB_KEY = 'parley:list-query';

function savedQuery(): ListQuery {
  try {
    const q = JSON.parse(localStorage.getItem(TAB_KEY) ?? 'null') as ListQuery | null;
    if (q && ['mine', 'unassigned', 'team', 'all'].includes(q.view)) return q;
  } catch {
    // a broken saved value falls back to the default
  }
  return { view: 'mine' };
}

export function Inbox({ conversationId }: { conversationId: string | null }) {
  const [query, setQuery] = useState<ListQuery>(savedQuery);
  const change = (q: ListQuery) => {
    setQuery(q);
    try {
      localStorage.setItem(TAB_KEY, JSON.stringify(q));
    } catch {
      // not saved: the tab resets on reload, nothing else is lost
    }
  };
  return (
    <div className={`inbox ${conversationId ? 'has-thread' : ''}`}>
      <ConversationList query={query} onQuery={change} selectedId={conversationId} />
      {conversationId ? (
        <ThreadPane key={conversationId} conversationId={conversationId} />
      ) : (
        <section className="thread-empty" aria-label="No conversation open">
          <div>
            <h2>Pick a conversation</h2>
            <p>Use ↑ and ↓ in the list, Enter to open. New customer messages appear here live.</p>
          </div>
        </section>
      )}
    </div>
  );
}
