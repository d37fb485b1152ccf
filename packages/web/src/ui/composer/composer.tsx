// Reply or private note. Enter sends, Shift+Enter is a new line; the draft of each conversation
// is kept across navigation and reload. "/" offers canned responses, "@" in a note offers agents.
// With the 24-hour window closed, free text is disabled (saying why) and templates are offered.
import type { Conversation } from '@parley/sync';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { draftStore } from '../../lib/drafts.ts';
import { lengthLabel, nearLimit, tooLong, tooLongMessage } from '../../lib/text-limit.ts';
import { windowState } from '../../lib/window-countdown.ts';
import { useApp } from '../../state/app-context.ts';
import { useNow } from '../../state/store-hooks.ts';
import { FormError } from '../form-error.tsx';
import { AttachButton } from './attach-button.tsx';
import {
  applyMention,
  cannedSuggestions,
  mentionedIds,
  mentionSuggestions,
  type Suggestion,
} from './suggest.ts';
import { TemplatePicker } from './template-picker.tsx';

type Mode = 'reply' | 'note';

export function Composer({ conversation: c }: { conversation: Conversation }) {
  const { store, directory, session, api } = useApp();
  const drafts = useMemo(() => draftStore(session.agent.id), [session.agent.id]);
  const [mode, setMode] = useState<Mode>('reply');
  const draftKey = mode === 'note' ? `${c.id}:note` : c.id;
  const [text, setText] = useState(() => drafts.get(c.id));
  const [caret, setCaret] = useState(0);
  const [pick, setPick] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const mentions = useRef(new Map<string, string>());
  const box = useRef<HTMLTextAreaElement>(null);
  const now = useNow(30_000);
  const win = windowState(c.windowExpiresAt, now);
  const closed = mode === 'reply' && !win.open;

  useEffect(() => {
    setText(drafts.get(draftKey));
    mentions.current.clear();
  }, [drafts, draftKey]);

  const suggestions: Suggestion[] =
    mode === 'reply'
      ? cannedSuggestions(text, directory.canned.items)
      : mentionSuggestions(text, caret, directory.agents.items, session.agent.id);

  const update = (next: string, nextCaret = next.length) => {
    setText(next);
    setCaret(nextCaret);
    setPick(0);
    drafts.set(draftKey, next);
  };

  const choose = (s: Suggestion) => {
    if (s.kind === 'canned') update(s.insert);
    else {
      mentions.current.set(s.id, s.label);
      const r = applyMention(text, caret, s);
      update(r.text, r.caret);
      requestAnimationFrame(() => box.current?.setSelectionRange(r.caret, r.caret));
    }
    box.current?.focus();
  };

  const send = async () => {
    const body = text.trim();
    if (!body || closed) return;
    // WhatsApp takes at most 4,096 characters of text: refuse here, keeping every character typed,
    // rather than queue a send the server can only refuse.
    if (mode === 'reply' && tooLong(body)) {
      setError(tooLongMessage(body));
      return;
    }
    setError(null);
    if (mode === 'reply') {
      store.send(c.id, body);
      update('');
      return;
    }
    const ids = mentionedIds(body, mentions.current);
    update('');
    const res = await api.run(
      api.http.POST('/api/v1/conversations/{id}/notes', {
        params: { path: { id: c.id } },
        body: { body, mentions: ids },
      }),
    );
    if (!res.ok) {
      // Keep the note: put it back so nothing typed is lost.
      update(body);
      setError(`The note was not saved: ${res.message}`);
    } else mentions.current.clear();
  };

  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (suggestions.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const d = e.key === 'ArrowDown' ? 1 : -1;
        setPick((p) => (p + d + suggestions.length) % suggestions.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        const s = suggestions[pick];
        if (s) choose(s);
        return;
      }
      if (e.key === 'Escape') {
        setCaret(-1);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void send();
    }
  };

  const id = `composer-${c.id}`;
  return (
    <div className={`composer ${mode === 'note' ? 'composer-note' : ''}`}>
      <div className="composer-tabs" role="tablist" aria-label="Write">
        <button type="button" role="tab" aria-selected={mode === 'reply'} onClick={() => setMode('reply')}>
          Reply
        </button>
        <button type="button" role="tab" aria-selected={mode === 'note'} onClick={() => setMode('note')}>
          Private note
        </button>
        {mode === 'reply' && (
          <span
            className={`window ${win.open ? (win.urgent ? 'window-urgent' : 'window-open') : 'window-closed'}`}
          >
            24h window: {win.label}
          </span>
        )}
      </div>
      {closed && (
        <div className="composer-closed">
          <p id={`${id}-reason`} className="muted" data-testid="window-closed-reason">
            {win.reason}
          </p>
          <TemplatePicker conversation={c} />
        </div>
      )}
      {suggestions.length > 0 && (
        <div className="suggest" role="listbox" id={`${id}-suggest`} aria-label="Suggestions">
          {suggestions.map((s, i) => (
            <div
              key={s.id}
              id={`${id}-s-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === pick}
              className={i === pick ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(s);
              }}
            >
              <strong>{s.label}</strong> <span className="muted">{s.detail}</span>
            </div>
          ))}
        </div>
      )}
      <div className="composer-row">
        {mode === 'reply' && <AttachButton conversation={c} disabled={closed} />}
        <label htmlFor={id} className="sr-only">
          {mode === 'note' ? 'Private note (only agents see it)' : 'Reply to the customer'}
        </label>
        <textarea
          ref={box}
          id={id}
          data-testid="composer"
          rows={2}
          value={text}
          disabled={closed}
          aria-describedby={closed ? `${id}-reason` : undefined}
          aria-activedescendant={suggestions.length > 0 ? `${id}-s-${pick}` : undefined}
          placeholder={
            closed
              ? 'Free text is disabled: the 24-hour window is closed'
              : mode === 'note'
                ? 'Write a private note — @ to mention an agent'
                : 'Type a reply — Enter to send, Shift+Enter for a new line, / for canned responses'
          }
          onChange={(e) => {
            update(e.target.value, e.target.selectionStart);
            if (mode === 'reply') store.typing(c.id);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKey}
        />
        {mode === 'reply' && nearLimit(text) && (
          <output
            className={`length-count ${tooLong(text.trim()) ? 'length-over' : ''}`}
            data-testid="length-count"
          >
            {lengthLabel(text)}
          </output>
        )}
        <button
          type="button"
          className="btn btn-primary"
          disabled={closed || text.trim() === ''}
          onClick={() => void send()}
        >
          {mode === 'note' ? 'Add note' : 'Send'}
        </button>
      </div>
      <FormError message={error} />
    </div>
  );
}
