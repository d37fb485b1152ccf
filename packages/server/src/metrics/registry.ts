// Prometheus metrics. One registry per running Parley (tests start several in one process).
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  webhookRequests: Counter<'outcome'>;
  webhookAckSeconds: Histogram<'outcome'>;
  quarantined: Counter<'reason'>;
  ingested: Counter<'kind'>;
  ingestLagSeconds: Histogram;
  jobsFailed: Counter<'outcome'>;
  queueDepth: Gauge<'queue'>;
  queueOldestSeconds: Gauge<'queue'>;
  queueDead: Gauge<'queue'>;
  realtimeSockets: Gauge;
  relayedEntries: Counter;
  relayLagSeconds: Histogram;
  outboundSends: Counter<'outcome'>;
  followups: Counter<'outcome'>;
  setAside: Counter<'reason'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'parley_process_' });
  const m = (cfg: { name: string; help: string; labelNames?: readonly string[] }) => ({
    ...cfg,
    registers: [registry],
  });
  return {
    registry,
    webhookRequests: new Counter(
      m({ name: 'parley_webhook_requests_total', help: 'Webhook POSTs by outcome', labelNames: ['outcome'] }),
    ) as Counter<'outcome'>,
    webhookAckSeconds: new Histogram({
      ...m({
        name: 'parley_webhook_ack_seconds',
        help: 'Time from request to answer',
        labelNames: ['outcome'],
      }),
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
    }) as Histogram<'outcome'>,
    quarantined: new Counter(
      m({ name: 'parley_quarantined_total', help: 'Signed payloads kept aside', labelNames: ['reason'] }),
    ) as Counter<'reason'>,
    ingested: new Counter(
      m({ name: 'parley_ingested_total', help: 'Inbound items stored', labelNames: ['kind'] }),
    ) as Counter<'kind'>,
    ingestLagSeconds: new Histogram({
      ...m({ name: 'parley_ingest_lag_seconds', help: 'Time from webhook ack to commit of its effects' }),
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5, 30],
    }),
    jobsFailed: new Counter(
      m({ name: 'parley_jobs_failed_total', help: 'Failed job attempts', labelNames: ['outcome'] }),
    ) as Counter<'outcome'>,
    queueDepth: new Gauge(
      m({ name: 'parley_queue_depth', help: 'Jobs waiting', labelNames: ['queue'] }),
    ) as Gauge<'queue'>,
    queueOldestSeconds: new Gauge(
      m({
        name: 'parley_queue_oldest_seconds',
        help: 'Age of the oldest waiting job',
        labelNames: ['queue'],
      }),
    ) as Gauge<'queue'>,
    queueDead: new Gauge(
      m({ name: 'parley_queue_dead', help: 'Dead-lettered jobs', labelNames: ['queue'] }),
    ) as Gauge<'queue'>,
    realtimeSockets: new Gauge(
      m({ name: 'parley_realtime_sockets', help: 'Connected sockets on this node' }),
    ),
    relayedEntries: new Counter(
      m({ name: 'parley_relayed_entries_total', help: 'Event-log entries pushed to sockets' }),
    ),
    relayLagSeconds: new Histogram({
      ...m({
        name: 'parley_relay_lag_seconds',
        help: 'Time from an event-log entry committing to its push to this node’s sockets',
      }),
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 30],
    }),
    outboundSends: new Counter(
      m({
        name: 'parley_outbound_sends_total',
        help: 'Outbound sends settled, by outcome: accepted, failed (for good), unknown (may have reached Meta)',
        labelNames: ['outcome'],
      }),
    ) as Counter<'outcome'>,
    followups: new Counter(
      m({
        name: 'parley_followups_total',
        help: 'Runs of after-commit followups (assignment, bots, media) by outcome: done, retry, parked',
        labelNames: ['outcome'],
      }),
    ) as Counter<'outcome'>,
    setAside: new Counter(
      m({
        name: 'parley_ingest_set_aside_total',
        help: 'Webhook items the worker could not use, kept in quarantine (unreadable_*) or as channel events (meta_errors)',
        labelNames: ['reason'],
      }),
    ) as Counter<'reason'>,
  };
}
