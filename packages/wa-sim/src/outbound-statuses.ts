import { DEFAULT_WINDOW_MS } from './defaults.ts';
import { newConversationId } from './ids.ts';
import type { Random } from './rng.ts';
import type { ReceivedMessage } from './sim-state.ts';
import { conversationFor, type PricingCategory, pricingFor } from './status-details.ts';
import { planStatuses, type StatusTiming } from './status-lifecycle.ts';
import { pricingCategory, type Template } from './templates.ts';
import type { StatusName, WebhookError, WebhookStatus } from './webhook-types.ts';

// What happens after the Graph API accepts a send: the status webhooks of that message, at their
// planned times, each with the conversation and pricing objects Meta attaches.

export interface StatusToSend {
  messageId: string;
  recipientId: string;
  status: StatusName;
  phoneNumberId: string;
  errors?: WebhookError[];
  conversation?: WebhookStatus['conversation'];
  pricing?: WebhookStatus['pricing'];
  bizOpaqueCallbackData?: string;
}

export interface OutboundStatusOptions {
  timing: StatusTiming;
  random: Random;
  now(): number;
  templates(): readonly Template[];
  /** Deliver the `sent` status before the Graph answer (chaos.earlyStatus). */
  earlyStatus: boolean;
  send(status: StatusToSend): Promise<unknown>;
}

export interface OutboundStatuses {
  /** Plans the statuses of an accepted send; resolves at once, or after `sent` with earlyStatus. */
  accepted(message: ReceivedMessage, failure?: WebhookError): Promise<void>;
  /** Resolves when no status is scheduled or being sent. */
  idle(): Promise<void>;
  stop(): void;
}

export function createOutboundStatuses(options: OutboundStatusOptions): OutboundStatuses {
  const timers = new Set<NodeJS.Timeout>();
  const pending = new Set<Promise<unknown>>();
  const conversations = new Map<string, { id: string; expiresAt: number; category: PricingCategory }>();

  function later(ms: number, task: () => Promise<unknown>): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      // A failed delivery is already recorded by the sender; nothing more to do here.
      const p = task().catch(() => {});
      pending.add(p);
      void p.finally(() => pending.delete(p));
    }, ms);
    timers.add(timer);
  }

  /** Meta opens a conversation (its own id, 24 h expiry) with the first message of a category. */
  function conversationOf(message: ReceivedMessage, category: PricingCategory) {
    const key = `${message.phoneNumberId}:${message.waId}`;
    const open = conversations.get(key);
    if (open && open.expiresAt > options.now() && open.category === category) return open;
    const fresh = { id: newConversationId(), expiresAt: options.now() + DEFAULT_WINDOW_MS, category };
    conversations.set(key, fresh);
    return fresh;
  }

  function statusFor(
    message: ReceivedMessage,
    status: StatusName,
    errors?: WebhookError[],
  ): Promise<unknown> {
    const name =
      message.type === 'template' ? (message.payload.template as { name?: unknown }).name : undefined;
    const template = name === undefined ? undefined : options.templates().find((t) => t.name === name);
    const category: PricingCategory = template ? pricingCategory(template) : 'service';
    const opaque = message.payload.biz_opaque_callback_data;
    // Meta attaches conversation and pricing to sent and delivered, not to read or failed.
    const conversation =
      status === 'sent' || status === 'delivered' ? conversationOf(message, category) : undefined;
    return options.send({
      messageId: message.id,
      recipientId: message.waId,
      status,
      phoneNumberId: message.phoneNumberId,
      ...(errors && { errors }),
      ...(typeof opaque === 'string' && { bizOpaqueCallbackData: opaque }),
      ...(conversation && {
        conversation: conversationFor(
          conversation.id,
          category,
          status === 'sent' ? conversation.expiresAt : undefined,
        ),
        pricing: pricingFor(category),
      }),
    });
  }

  return {
    async accepted(message, failure) {
      const plan = planStatuses(options.timing, options.random, failure);
      const [first, ...rest] = plan;
      if (options.earlyStatus && first) {
        // The status overtakes the Graph answer: Parley learns of the wamid from the webhook first.
        await statusFor(message, first.status, first.errors);
        for (const step of rest)
          later(step.afterMs - first.afterMs, () => statusFor(message, step.status, step.errors));
        return;
      }
      for (const step of plan) later(step.afterMs, () => statusFor(message, step.status, step.errors));
    },
    async idle() {
      while (timers.size > 0 || pending.size > 0) {
        await Promise.allSettled([...pending]);
        if (timers.size > 0) await new Promise((r) => setTimeout(r, 5));
      }
    },
    stop() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
