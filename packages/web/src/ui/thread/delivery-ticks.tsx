import type { MessageStatus } from '@parley/sync';

const TICKS: Partial<Record<MessageStatus, { mark: string; label: string }>> = {
  pending: { mark: '🕓', label: 'Sending' },
  unknown: { mark: '?', label: 'Not confirmed by WhatsApp yet' },
  sent: { mark: '✓', label: 'Sent' },
  delivered: { mark: '✓✓', label: 'Delivered' },
  read: { mark: '✓✓', label: 'Read' },
  failed: { mark: '!', label: 'Failed' },
};

export function DeliveryTicks({ status }: { status: MessageStatus }) {
  const t = TICKS[status];
  if (!t) return null;
  return (
    <span className={`ticks ticks-${status}`} data-status={status} title={t.label}>
      <span aria-hidden="true">{t.mark}</span>
      <span className="sr-only">{t.label}</span>
    </span>
  );
}
