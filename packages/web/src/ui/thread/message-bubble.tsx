// One row of the thread: a customer message, an agent's reply (with delivery ticks, or the failure
// reason and Retry), or a private note.
import type { Message, ThreadItem } from '@parley/sync';
import { memo, useState } from 'react';
import { messageTime } from '../../lib/format.ts';
import { useApp } from '../../state/app-context.ts';
import { agentName } from '../../state/directory.ts';
import { DeliveryTicks } from './delivery-ticks.tsx';
import { MessageBody } from './message-body.tsx';
import { messageSummary } from './thread-rows.ts';

export const MessageBubble = memo(function MessageBubble({
  item,
  reactions,
  quoted,
}: {
  item: ThreadItem;
  reactions: string[];
  quoted?: Message | null | undefined;
}) {
  const { directory, store, session, api } = useApp();
  const [retryError, setRetryError] = useState<string | null>(null);
  if (item.itemType === 'note') {
    const n = item.note;
    return (
      <div className="note" data-testid="note">
        <div className="note-head">
          <span className="note-tag">Private note</span>
          <span>{n.authorId === session.agent.id ? 'You' : agentName(directory, n.authorId)}</span>
          <time dateTime={n.createdAt}>{messageTime(n.createdAt)}</time>
        </div>
        <p className="msg-text">{n.body}</p>
      </div>
    );
  }
  const m = item.message;
  const out = m.direction === 'out';
  const status = item.optimistic ? (item.optimistic.state === 'failed' ? 'failed' : 'pending') : m.status;
  const failure =
    status === 'failed'
      ? (item.optimistic?.error?.message ?? m.error?.title ?? 'WhatsApp did not accept this message.')
      : status === 'unknown'
        ? 'Parley could not confirm WhatsApp got this message.'
        : null;
  const retry = async () => {
    setRetryError(null);
    if (item.optimistic && m.clientId) {
      store.retry(m.clientId);
      return;
    }
    // A send WhatsApp refused: the server retries it under the same message (its status moves on).
    // Never as a new message: that would send the customer a second copy if the first got through.
    const res = await api.run(
      api.http.POST('/api/v1/conversations/{id}/messages/{messageId}/retry', {
        params: { path: { id: m.conversationId, messageId: m.id } },
      }),
    );
    if (!res.ok) setRetryError(res.message);
  };
  return (
    <div
      className={`msg ${out ? 'msg-out' : 'msg-in'} ${status === 'failed' ? 'msg-failed' : ''} ${reactions.length > 0 ? 'msg-reacted' : ''}`}
      data-testid="message"
      data-status={status}
      data-client-id={m.clientId ?? undefined}
    >
      <div className="bubble">
        {out && m.authorId && (
          <span className="msg-author">
            {m.authorId === session.agent.id ? 'You' : agentName(directory, m.authorId)}
          </span>
        )}
        {quoted !== undefined && (
          <blockquote className="quote">
            {quoted ? messageSummary(quoted) : 'Replying to an earlier message'}
          </blockquote>
        )}
        <MessageBody message={m} />
        <span className="msg-meta">
          <time dateTime={m.createdAt}>{messageTime(m.createdAt)}</time>
          {out && <DeliveryTicks status={status} />}
        </span>
        {reactions.length > 0 && (
          <span className="reactions" data-testid="reactions">
            <span className="sr-only">Reactions: </span>
            {reactions.join(' ')}
          </span>
        )}
      </div>
      {failure && (
        <div className="msg-failure" role="alert">
          <span className="failure-reason" data-testid="failure-reason">
            {failure}
          </span>
          {retryError && <span className="failure-reason">{retryError}</span>}
          {(item.optimistic || out) && (
            <button type="button" className="btn btn-sm btn-danger" onClick={() => void retry()}>
              Retry
            </button>
          )}
          {item.optimistic && m.clientId && (
            <button
              type="button"
              className="btn btn-sm btn-ghost"
              onClick={() => store.discard(m.clientId ?? '')}
            >
              Discard
            </button>
          )}
        </div>
      )}
    </div>
  );
});
