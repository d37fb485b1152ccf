import { performance } from 'node:perf_hooks';
import * as hdr from 'hdr-histogram-js';
import { tenantPhoneNumberIds, toChannel } from './channels.ts';
import { createAgent, request } from './http-request.ts';
import { newWamid } from './ids.ts';
import { dueCount, intendedAt, type Stream, streamTotal } from './load-schedule.ts';
import {
  buildContact,
  buildEnvelope,
  buildMessagesValue,
  buildTextMessage,
  messagesChange,
} from './payload-builders.ts';
import { signBody } from './sign.ts';
import type { Channel } from './webhook-types.ts';

// The load generator: signed inbound text webhooks at a fixed rate (open loop), spread over tenants
// (phone_number_ids) and conversations (customer numbers), over keep-alive connections.

export interface LoadOptions {
  webhookUrl: string;
  appSecret: string;
  /** Requests a second, across all tenants. */
  rate: number;
  durationMs: number;
  /** A count (the seeded number plus generated ones) or the exact phone_number_ids. */
  tenants?: number | string[];
  /** Distinct customers across all tenants (default 1000). */
  conversations?: number;
  /** Sockets in the keep-alive pool (default 64). */
  connections?: number;
  /** Deadline per request, from its intended send time (default 10 s). */
  timeoutMs?: number;
  /** An extra stream for one tenant: the noisy neighbour of a fairness test. */
  burst?: { phoneNumberId?: string; rate: number; startMs?: number; durationMs?: number };
  onProgress?: (progress: LoadProgress) => void;
  progressIntervalMs?: number;
  /** Keep every sent wamid with its tenant and intended time (for end-to-end lag measurements). */
  recordSent?: boolean;
}

export interface LoadProgress {
  elapsedMs: number;
  sent: number;
  ok: number;
  errors: number;
  inFlight: number;
  p99Ms: number;
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export interface LoadStats {
  intendedRate: number;
  sent: number;
  ok: number;
  errors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
  /** Length of the send schedule. */
  durationMs: number;
  /** The whole run, including the wait for the last answers. */
  wallMs: number;
  achievedRate: number;
  latencyMs: LatencySummary;
  perTenant: Record<string, { sent: number; ok: number; errors: number } & LatencySummary>;
  tenants: string[];
  sentMessages?: Array<{ id: string; phoneNumberId: string; from: string; intendedAt: number }>;
}

type Histogram = ReturnType<typeof hdr.build>;
const newHistogram = (): Histogram =>
  hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
  });

/** Histograms hold integer microseconds; summaries are in milliseconds. */
function summarize(h: Histogram): LatencySummary {
  // hdr reports a bucket's upper edge, which can lie a hair above the true maximum.
  const at = (p: number) => (h.totalCount ? Math.min(h.getValueAtPercentile(p), h.maxValue) / 1000 : 0);
  return {
    p50: at(50),
    p90: at(90),
    p99: at(99),
    p999: at(99.9),
    max: h.totalCount ? h.maxValue / 1000 : 0,
    mean: h.totalCount ? h.mean / 1000 : 0,
  };
}

/** Customer wa_ids are 1650555 + a 4-digit index, so conversation i is the same customer every run. */
function customerOf(index: number): string {
  return `1650555${String(index).padStart(4, '0')}`;
}

export async function runLoad(options: LoadOptions): Promise<LoadStats> {
  const ids = Array.isArray(options.tenants) ? options.tenants : tenantPhoneNumberIds(options.tenants ?? 1);
  const channels: Channel[] = ids.map((phoneNumberId) => toChannel({ phoneNumberId }));
  const perTenantCustomers = Math.max(1, Math.floor((options.conversations ?? 1000) / channels.length));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const agent = createAgent(options.webhookUrl, options.connections ?? 64);
  const burstChannel = options.burst
    ? channels.find((c) => c.phoneNumberId === (options.burst?.phoneNumberId ?? ids[0]))
    : undefined;
  if (options.burst && !burstChannel)
    throw new Error(`burst tenant ${options.burst.phoneNumberId} is not one of the tenants`);

  const base: Stream = { rate: options.rate, startMs: 0, durationMs: options.durationMs };
  const burst: Stream | undefined = options.burst
    ? {
        rate: options.burst.rate,
        startMs: options.burst.startMs ?? 0,
        durationMs: options.burst.durationMs ?? options.durationMs - (options.burst.startMs ?? 0),
      }
    : undefined;

  const all = newHistogram();
  const tenantStats = new Map(ids.map((id) => [id, { sent: 0, ok: 0, errors: 0, h: newHistogram() }]));
  const statusCounts: Record<string, number> = {};
  const sentMessages: NonNullable<LoadStats['sentMessages']> = [];
  let sent = 0;
  let ok = 0;
  let errors = 0;
  let timeouts = 0;
  let inFlight = 0;
  const outstanding = new Set<Promise<void>>();
  const wallStart = Date.now();
  const start = performance.now();

  function fire(channel: Channel, customerIndex: number, intendedMs: number): void {
    const from = customerOf(customerIndex);
    const id = newWamid(from);
    const message = buildTextMessage({ from, id, at: wallStart + intendedMs, body: `load ${sent}` });
    const value = buildMessagesValue(channel, {
      contacts: [buildContact(from, `Customer ${customerIndex}`)],
      messages: [message],
    });
    const body = JSON.stringify(buildEnvelope([messagesChange(channel, value)]));
    const tenant = tenantStats.get(channel.phoneNumberId);
    if (!tenant) return;
    sent++;
    tenant.sent++;
    inFlight++;
    if (options.recordSent)
      sentMessages.push({
        id,
        phoneNumberId: channel.phoneNumberId,
        from,
        intendedAt: wallStart + intendedMs,
      });
    const deadline = Math.max(1, intendedMs + timeoutMs - (performance.now() - start));
    const p = request(options.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signBody(body, options.appSecret),
      },
      body,
      timeoutMs: deadline,
      agent,
      discardBody: true,
    })
      .then((answer) => {
        statusCounts[answer.status] = (statusCounts[answer.status] ?? 0) + 1;
        if (answer.status >= 200 && answer.status < 300) {
          const us = Math.max(1, Math.round((performance.now() - start - intendedMs) * 1000));
          all.recordValue(us);
          tenant.h.recordValue(us);
          ok++;
          tenant.ok++;
        } else {
          errors++;
          tenant.errors++;
        }
      })
      .catch((error: NodeJS.ErrnoException) => {
        errors++;
        tenant.errors++;
        if (/timeout/.test(error.message)) timeouts++;
        else {
          // Network failures are counted by their code (ECONNREFUSED, ECONNRESET, …) beside HTTP statuses.
          const key = error.code ?? 'error';
          statusCounts[key] = (statusCounts[key] ?? 0) + 1;
        }
      })
      .finally(() => {
        inFlight--;
        outstanding.delete(p);
      });
    outstanding.add(p);
  }

  let baseSent = 0;
  let burstSent = 0;
  let lastProgress = 0;
  const interval = options.progressIntervalMs ?? 1000;
  const endMs = Math.max(options.durationMs, burst ? burst.startMs + burst.durationMs : 0);
  const baseTotal = streamTotal(base);
  const burstTotal = burst ? streamTotal(burst) : 0;
  while (baseSent < baseTotal || burstSent < burstTotal) {
    const elapsed = performance.now() - start;
    for (const due = dueCount(base, elapsed); baseSent < due; baseSent++) {
      const channel = channels[baseSent % channels.length] as Channel;
      const tenantIndex = baseSent % channels.length;
      const customer =
        tenantIndex * perTenantCustomers + (Math.floor(baseSent / channels.length) % perTenantCustomers);
      fire(channel, customer, intendedAt(base, baseSent));
    }
    if (burst && burstChannel) {
      const tenantIndex = channels.indexOf(burstChannel);
      for (const due = dueCount(burst, elapsed); burstSent < due; burstSent++) {
        fire(
          burstChannel,
          tenantIndex * perTenantCustomers + (burstSent % perTenantCustomers),
          intendedAt(burst, burstSent),
        );
      }
    }
    if (options.onProgress && elapsed - lastProgress >= interval) {
      lastProgress = elapsed;
      options.onProgress({ elapsedMs: elapsed, sent, ok, errors, inFlight, p99Ms: summarize(all).p99 });
    }
    if (elapsed > endMs + timeoutMs) break;
    // Yield to the event loop so answers are read; 1 ms timers keep the schedule within a ms.
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.allSettled([...outstanding]);
  const wallMs = performance.now() - start;
  agent.destroy();
  const perTenant: LoadStats['perTenant'] = {};
  for (const [id, t] of tenantStats)
    perTenant[id] = { sent: t.sent, ok: t.ok, errors: t.errors, ...summarize(t.h) };
  return {
    intendedRate: Math.round(((baseTotal + burstTotal) / Math.max(1, endMs)) * 1000),
    sent,
    ok,
    errors,
    timeouts,
    statusCounts,
    durationMs: endMs,
    wallMs,
    achievedRate: (sent / Math.max(1, endMs)) * 1000,
    latencyMs: summarize(all),
    perTenant,
    tenants: ids,
    ...(options.recordSent && { sentMessages }),
  };
}
