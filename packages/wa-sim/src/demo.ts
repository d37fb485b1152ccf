import { DEMO_CUSTOMERS, DEMO_REPLIES } from './demo-script.ts';
import { pick, type Random } from './rng.ts';
import type { Simulator } from './simulator.ts';

// Demo mode: customers write every few seconds, and answer (or react to) the agents' replies, so a
// staging Parley pointed at `wa-sim serve --demo` shows a live inbox.

export interface DemoOptions {
  intervalMs: number;
  /** How long a customer takes to answer an agent (default 1.5–4.5 s, like a person typing). */
  replyDelayMs?: { min: number; max: number };
  random?: Random;
  log?: (line: string) => void;
}

export interface Demo {
  start(): void;
  stop(): void;
}

export function createDemo(sim: Simulator, options: DemoOptions): Demo {
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => {});
  const replyDelay = options.replyDelayMs ?? { min: 1500, max: 4500 };
  const progress = new Map(DEMO_CUSTOMERS.map((c) => [c.waId, 0]));
  const timers = new Set<NodeJS.Timeout>();
  let turn = 0;
  let unsubscribe: (() => void) | undefined;

  function report(
    what: string,
    promise: Promise<{ delivery: { state: string; attempts: unknown[] } }>,
  ): void {
    promise
      .then(({ delivery }) =>
        log(`demo: ${what} → ${delivery.state} after ${delivery.attempts.length} attempt(s)`),
      )
      .catch((error: Error) => log(`demo: ${what} failed: ${error.message}`));
  }

  function tick(): void {
    const customer = DEMO_CUSTOMERS[turn % DEMO_CUSTOMERS.length];
    turn++;
    if (!customer) return;
    const index = progress.get(customer.waId) ?? 0;
    const step = customer.steps[index % customer.steps.length];
    progress.set(customer.waId, index + 1);
    if (!step) return;
    report(
      `${customer.name} sends ${step.type}`,
      sim.sendMessage(step.type, customer.waId, { ...step.input, name: customer.name }),
    );
  }

  function later(ms: number, task: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      task();
    }, ms);
    timers.add(timer);
  }

  return {
    start() {
      if (timers.size > 0) return;
      const every = setInterval(tick, options.intervalMs);
      timers.add(every);
      later(200, tick);
      // A template review finishing is part of a business's day too.
      later(options.intervalMs * 3, () => {
        sim.sendTemplateStatus({ name: 'seasonal_promo', event: 'APPROVED' }).then(
          (d) => log(`demo: template seasonal_promo APPROVED → ${d.state}`),
          (e: Error) => log(`demo: template status failed: ${e.message}`),
        );
      });
      unsubscribe = sim.onOutbound((message) => {
        const customer = DEMO_CUSTOMERS.find((c) => c.waId === message.waId);
        if (!customer || message.type === 'reaction') return;
        later(replyDelay.min + random() * (replyDelay.max - replyDelay.min), () => {
          if (random() < 0.3) {
            report(
              `${customer.name} reacts`,
              sim.sendMessage('reaction', customer.waId, {
                messageId: message.id,
                emoji: pick(['👍', '❤️', '🙏'], random),
                name: customer.name,
              }),
            );
          } else {
            report(
              `${customer.name} answers`,
              sim.sendText(customer.waId, pick(DEMO_REPLIES, random), {
                name: customer.name,
                context: { from: sim.channels[0]?.displayPhoneNumber ?? '', id: message.id },
              }),
            );
          }
        });
      });
    },
    stop() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      unsubscribe?.();
    },
  };
}
