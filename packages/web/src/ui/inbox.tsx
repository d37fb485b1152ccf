// The agent's working screen: the conversation list beside the open thread.
import type { ListQuery } from '@parley/sync';
import { useEffect, useRef } from 'react';
import { defaultView } from '../lib/list-query.ts';
import { useCounts } from '../state/inbox-counts.tsx';
import { ConversationList } from './list/conversation-list.tsx';
import { ThreadPane } from './thread/thread-pane.tsx';

export function Inbox({
  conversationId,
  query,
  onQuery,
  chosen,
}: {
  conversationId: string | null;
  query: ListQuery;
  onQuery(q: ListQuery, byAgent?: boolean): void;
  /** Whether the agent picked the list (else it follows the counts to where new work is). */
  chosen: boolean;
}) {
  const counts = useCounts();
  const placed = useRef(chosen);
  useEffect(() => {
    if (placed.current || !counts) return;
    placed.current = true;
    const view = defaultView(counts);
    if (view !== query.view) onQuery({ ...query, view }, false);
  }, [counts, query, onQuery]);
  return (
    <div className={`inbox ${conversationId ? 'has-thread' : ''}`}>
      <ConversationList query={query} onQuery={onQuery} selectedId={conversationId} />
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
