// The 24-hour customer-service window: free text may be sent only while it is open; after that
// only approved templates (Meta's rule, enforced by the server too).

export interface WindowState {
  open: boolean;
  /** Short label for the list, e.g. "23h left", "12m left", "closed". */
  label: string;
  /** Under an hour left: worth the agent's attention. */
  urgent: boolean;
  /** A sentence for the composer when free text is not allowed. */
  reason: string | null;
}

export function windowState(expiresAt: string | null, now: number): WindowState {
  if (!expiresAt)
    return {
      open: false,
      label: 'no window',
      urgent: false,
      reason: 'The customer has not written yet, so only a template can start this conversation.',
    };
  const left = Date.parse(expiresAt) - now;
  if (!(left > 0))
    return {
      open: false,
      label: 'closed',
      urgent: false,
      reason:
        'The 24-hour window closed: WhatsApp allows only an approved template until the customer writes again.',
    };
  const mins = Math.floor(left / 60_000);
  const label = mins >= 60 ? `${Math.floor(mins / 60)}h left` : `${Math.max(mins, 1)}m left`;
  return { open: true, label, urgent: mins < 60, reason: null };
}
