import type { Conversation } from '@parley/sync';
import { memo } from 'react';
import { contactLabel, hueOf, initials, listTime } from '../../lib/format.ts';
import { windowState } from '../../lib/window-countdown.ts';
import { useApp } from '../../state/app-context.ts';
import { agentName } from '../../state/directory.ts';

export const ROW_HEIGHT = 78;

export const ConversationRow = memo(function ConversationRow({
  conversation: c,
  top,
  now,
  selected,
  active,
  onOpen,
}: {
  conversation: Conversation;
  top: number;
  now: number;
  selected: boolean;
  active: boolean;
  onOpen(id: string): void;
}) {
  const { directory, session } = useApp();
  const name = contactLabel(c.contact);
  const unread = c.unreadCount ?? 0;
  const win = windowState(c.windowExpiresAt, now);
  const assignee = c.assigneeId === session.agent.id ? 'You' : agentName(directory, c.assigneeId);
  return (
    <div
      id={`conv-${c.id}`}
      role="option"
      aria-selected={selected}
      tabIndex={-1}
      className={`row ${selected ? 'row-selected' : ''} ${active ? 'row-active' : ''} ${unread > 0 ? 'row-unread' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onClick={() => onOpen(c.id)}
      onKeyDown={undefined}
      data-conversation-id={c.id}
    >
      <span
        className="avatar"
        style={{ backgroundColor: `hsl(${hueOf(c.contact.id)} 45% 42%)` }}
        aria-hidden="true"
      >
        {initials(c.contact.name ?? c.contact.phone)}
      </span>
      <div className="row-main">
        <div className="row-line">
          <span className="row-name">{name}</span>
          <time className="row-time" dateTime={c.lastMessageAt ?? undefined}>
            {listTime(c.lastMessageAt, now)}
          </time>
        </div>
        <div className="row-line">
          <span className="row-preview">{c.lastMessagePreview ?? 'No messages yet'}</span>
          {unread > 0 && (
            <span className="badge" data-testid="unread-badge">
              <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
              <span className="sr-only">{unread} unread</span>
            </span>
          )}
        </div>
        <div className="row-meta">
          {c.status !== 'open' && <span className={`chip chip-status-${c.status}`}>{c.status}</span>}
          {c.labels.slice(0, 2).map((l) => (
            <span key={l} className="chip">
              {l}
            </span>
          ))}
          <span
            className={`window ${win.open ? (win.urgent ? 'window-urgent' : 'window-open') : 'window-closed'}`}
            title="24-hour customer-service window"
          >
            {win.label}
          </span>
          <span className="row-assignee" title={`Assigned: ${assignee}`}>
            {c.assigneeId ? (
              <span
                className="avatar avatar-xs"
                style={{ backgroundColor: `hsl(${hueOf(c.assigneeId)} 35% 50%)` }}
              >
                <span aria-hidden="true">{initials(agentName(directory, c.assigneeId))}</span>
                <span className="sr-only">Assigned to {assignee}</span>
              </span>
            ) : (
              <span className="unassigned">Unassigned</span>
            )}
          </span>
        </div>
      </div>
    </div>
  );
});
