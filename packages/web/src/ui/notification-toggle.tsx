import { useState } from 'react';

/** Browsers ask for notification permission only after a click, so the agent opts in here. */
export function NotificationToggle() {
  const supported = typeof Notification !== 'undefined';
  const [perm, setPerm] = useState(supported ? Notification.permission : 'denied');
  if (!supported || perm !== 'default') return null;
  return (
    <button
      type="button"
      className="btn btn-ghost btn-sm"
      onClick={() => void Notification.requestPermission().then(setPerm)}
    >
      Enable notifications
    </button>
  );
}
