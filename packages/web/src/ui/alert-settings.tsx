// The agent's alert preferences, opened from the header: a chime and desktop notifications for new
// customer messages they may answer. Browsers ask for notification permission only after a click,
// so turning desktop notifications on asks then.
import { useState } from 'react';
import type { AlertPrefs } from '../lib/alert-prefs.ts';

export function AlertSettings({ prefs, onChange }: { prefs: AlertPrefs; onChange(p: AlertPrefs): void }) {
  const [open, setOpen] = useState(false);
  const supported = typeof Notification !== 'undefined';
  const [perm, setPerm] = useState(supported ? Notification.permission : 'denied');
  const setDesktop = (on: boolean) => {
    onChange({ ...prefs, desktop: on });
    if (on && supported && perm === 'default') void Notification.requestPermission().then(setPerm);
  };
  return (
    <div className="alert-settings">
      <button
        type="button"
        className="btn btn-ghost btn-sm"
        aria-expanded={open}
        aria-controls="alert-settings"
        onClick={() => setOpen(!open)}
        title="Alerts"
      >
        <span aria-hidden="true">{prefs.sound || prefs.desktop ? '🔔' : '🔕'}</span>
        <span className="sr-only">Alerts</span>
      </button>
      {open && (
        <fieldset id="alert-settings" className="popover">
          <legend className="sr-only">Alerts</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={prefs.sound}
              onChange={(e) => onChange({ ...prefs, sound: e.target.checked })}
            />
            Sound for new messages
          </label>
          <label className="check">
            <input type="checkbox" checked={prefs.desktop} onChange={(e) => setDesktop(e.target.checked)} />
            Desktop notifications
          </label>
          {prefs.desktop && perm === 'denied' && (
            <p className="muted small">
              This browser blocks notifications for this site: allow them in its settings.
            </p>
          )}
        </fieldset>
      )}
    </div>
  );
}
