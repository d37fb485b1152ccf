// Assign (to me, an agent, a team: assigning to someone else is a transfer), status (resolve,
// reopen, snooze) and labels. Each goes through the store's optimistic ops; a refusal rolls back
// and its reason is shown here.
import type { Conversation, OpResult } from '@parley/sync';
import { useState } from 'react';
import { useApp } from '../../state/app-context.ts';
import { LabelEditor } from './label-editor.tsx';

export function snoozeUntil(choice: string, now: Date): string {
  const d = new Date(now);
  if (choice === '1h') d.setHours(d.getHours() + 1);
  else if (choice === '4h') d.setHours(d.getHours() + 4);
  else if (choice === 'tomorrow') {
    d.setDate(d.getDate() + 1);
    d.setHours(9, 0, 0, 0);
  } else if (choice === 'week') {
    d.setDate(d.getDate() + 7);
    d.setHours(9, 0, 0, 0);
  }
  return d.toISOString();
}

export function ConversationActions({ conversation: c }: { conversation: Conversation }) {
  const { store, directory, session } = useApp();
  const [error, setError] = useState<string | null>(null);
  const run = async (p: Promise<OpResult>) => {
    setError(null);
    const r = await p;
    if (!r.ok) setError(r.error.message);
  };
  const me = session.agent.id;
  const assignValue = c.assigneeId ? `agent:${c.assigneeId}` : c.teamId ? `team:${c.teamId}` : '';

  return (
    <div className="actions">
      {c.assigneeId !== me && (
        <button
          type="button"
          className="btn btn-sm btn-primary"
          onClick={() => void run(store.assign(c.id, { assigneeId: me }))}
        >
          Assign to me
        </button>
      )}
      <label className="sr-only" htmlFor="assign-select">
        Assign or transfer
      </label>
      <select
        id="assign-select"
        className="select-sm"
        value={assignValue}
        onChange={(e) => {
          const [kind, id] = e.target.value.split(':');
          if (!kind) void run(store.assign(c.id, { assigneeId: null }));
          else if (kind === 'agent' && id) void run(store.assign(c.id, { assigneeId: id }));
          else if (kind === 'team' && id) void run(store.assign(c.id, { assigneeId: null, teamId: id }));
        }}
        title={directory.agents.problem ?? 'Assign or transfer'}
      >
        <option value="">Unassigned</option>
        <optgroup label="Agents">
          {directory.agents.items
            .filter((a) => !a.disabled && a.role !== 'bot')
            .map((a) => (
              <option key={a.id} value={`agent:${a.id}`}>
                {a.id === me ? `${a.name} (me)` : a.name}
              </option>
            ))}
          {c.assigneeId && !directory.agents.items.some((a) => a.id === c.assigneeId) && (
            <option value={`agent:${c.assigneeId}`}>Another agent</option>
          )}
        </optgroup>
        {directory.teams.items.length > 0 && (
          <optgroup label="Teams">
            {directory.teams.items.map((t) => (
              <option key={t.id} value={`team:${t.id}`}>
                {t.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      {c.status === 'resolved' || c.status === 'snoozed' ? (
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => void run(store.setStatus(c.id, 'open', null))}
        >
          Reopen
        </button>
      ) : (
        <button
          type="button"
          className="btn btn-sm btn-success"
          onClick={() => void run(store.setStatus(c.id, 'resolved'))}
        >
          Resolve
        </button>
      )}
      {c.status !== 'snoozed' && (
        <>
          <label className="sr-only" htmlFor="snooze-select">
            Snooze
          </label>
          <select
            id="snooze-select"
            className="select-sm"
            value=""
            onChange={(e) => {
              if (e.target.value)
                void run(store.setStatus(c.id, 'snoozed', snoozeUntil(e.target.value, new Date())));
            }}
          >
            <option value="">Snooze…</option>
            <option value="1h">1 hour</option>
            <option value="4h">4 hours</option>
            <option value="tomorrow">Tomorrow 9:00</option>
            <option value="week">Next week</option>
          </select>
        </>
      )}
      <LabelEditor conversation={c} onResult={(r) => void run(r)} />
      {error && (
        <p className="action-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
