import type { Conversation, OpResult } from '@parley/sync';
import { useState } from 'react';
import { useApp } from '../../state/app-context.ts';

export function toggleLabel(labels: readonly string[], name: string): string[] {
  return labels.includes(name) ? labels.filter((l) => l !== name) : [...labels, name].sort();
}

export function LabelEditor({
  conversation: c,
  onResult,
}: {
  conversation: Conversation;
  onResult(p: Promise<OpResult>): void;
}) {
  const { store, directory } = useApp();
  const [open, setOpen] = useState(false);
  const [fresh, setFresh] = useState('');
  const known = [...new Set([...directory.labels.items.map((l) => l.name), ...c.labels])].sort();
  const set = (labels: string[]) => onResult(store.setLabels(c.id, labels));
  return (
    <div className="popover-wrap">
      <button type="button" className="btn btn-sm" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Labels{c.labels.length > 0 ? ` (${c.labels.length})` : ''}
      </button>
      {open && (
        <fieldset className="popover" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <legend className="sr-only">Labels of this conversation</legend>
          {known.length === 0 && <p className="muted">No labels yet.</p>}
          {known.map((l) => (
            <label key={l} className="check">
              <input
                type="checkbox"
                checked={c.labels.includes(l)}
                onChange={() => set(toggleLabel(c.labels, l))}
              />
              {l}
            </label>
          ))}
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              const name = fresh.trim();
              if (name && !c.labels.includes(name)) set([...c.labels, name].sort());
              setFresh('');
            }}
          >
            <label className="sr-only" htmlFor="new-label">
              New label
            </label>
            <input
              id="new-label"
              placeholder="Add a label"
              value={fresh}
              onChange={(e) => setFresh(e.target.value)}
            />
          </form>
        </fieldset>
      )}
    </div>
  );
}
