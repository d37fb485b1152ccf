import { MESSAGE_STATUSES, type MessageStatus } from '@parley/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isForward, mergeStatus, statusFromWebhook } from './status-merge.ts';

const anyStatus = fc.constantFrom(...MESSAGE_STATUSES);
const fold = (start: MessageStatus, statuses: MessageStatus[]) => statuses.reduce(mergeStatus, start);
const OUTBOUND_ORDER: MessageStatus[] = ['pending', 'unknown', 'sent', 'delivered', 'failed', 'read'];

describe('mergeStatus', () => {
  it('moves an outbound message forward through sent, delivered, read', () => {
    expect(fold('pending', ['sent', 'delivered', 'read'])).toBe('read');
  });

  it('does not downgrade delivered to a late sent', () => {
    expect(mergeStatus('delivered', 'sent')).toBe('delivered');
    expect(isForward('delivered', 'sent')).toBe(false);
  });

  it('lets failed win over sent and delivered', () => {
    expect(mergeStatus('sent', 'failed')).toBe('failed');
    expect(mergeStatus('delivered', 'failed')).toBe('failed');
  });

  it('keeps read when a failed arrives for a message already read', () => {
    expect(mergeStatus('read', 'failed')).toBe('read');
    expect(mergeStatus('failed', 'read')).toBe('read');
  });

  it('never moves failed back to pending (a retry resets the status itself)', () => {
    expect(mergeStatus('failed', 'pending')).toBe('failed');
  });

  it('leaves an inbound message received', () => {
    for (const status of MESSAGE_STATUSES) expect(mergeStatus('received', status)).toBe('received');
  });

  it('reports a repeat as not forward', () => {
    for (const status of MESSAGE_STATUSES) expect(isForward(status, status)).toBe(false);
  });

  it('ranks outbound statuses pending < unknown < sent < delivered < failed < read', () => {
    OUTBOUND_ORDER.forEach((lower, i) => {
      for (const higher of OUTBOUND_ORDER.slice(i + 1)) {
        expect([isForward(lower, higher), isForward(higher, lower)]).toEqual([true, false]);
      }
    });
  });

  it('gives the same result for any order of arrival', () => {
    fc.assert(
      fc.property(
        anyStatus,
        fc.array(anyStatus, { maxLength: 12 }),
        fc.infiniteStream(fc.nat()),
        (start, statuses, seeds) => {
          const shuffled = [...statuses];
          // Fisher–Yates driven by fast-check, so a failing order shrinks and replays.
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = seeds.next().value % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          }
          expect(fold(start, shuffled)).toBe(fold(start, statuses));
        },
      ),
    );
  });

  it('never moves backward, one status at a time', () => {
    fc.assert(
      fc.property(anyStatus, fc.array(anyStatus, { maxLength: 12 }), (start, statuses) => {
        let current = start;
        for (const incoming of statuses) {
          const next = mergeStatus(current, incoming);
          expect(next === current || isForward(current, next)).toBe(true);
          expect(isForward(next, current)).toBe(false);
          current = next;
        }
      }),
    );
  });

  it('is commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(anyStatus, anyStatus, anyStatus, (a, b, c) => {
        expect(mergeStatus(a, b)).toBe(mergeStatus(b, a));
        expect(mergeStatus(mergeStatus(a, b), c)).toBe(mergeStatus(a, mergeStatus(b, c)));
        expect(mergeStatus(a, a)).toBe(a);
      }),
    );
  });
});

describe('statusFromWebhook', () => {
  it.each([
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'read'],
    ['failed', 'failed'],
    ['deleted', null],
    ['played', 'unknown'],
  ])('maps Meta status %s to %s', (meta, parley) => {
    expect(statusFromWebhook(meta)).toBe(parley);
  });
});
