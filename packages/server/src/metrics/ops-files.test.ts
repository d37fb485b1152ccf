// The alert rules and the Grafana dashboard in ops/ name only metrics that /metrics exports, so a
// renamed metric cannot leave an alert silently watching nothing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMetrics } from './registry.ts';

const read = (path: string) => readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8');
async function exported(): Promise<Set<string>> {
  const { registry } = createMetrics();
  const names = new Set<string>();
  for (const m of await registry.getMetricsAsJSON()) {
    names.add(m.name);
    if (String(m.type) === 'histogram')
      for (const s of ['_bucket', '_sum', '_count']) names.add(`${m.name}${s}`);
  }
  return names;
}

const namedIn = (text: string) => [...new Set(text.match(/\bparley_[a-z0-9_]+/g) ?? [])];

describe('ops files', () => {
  for (const file of ['ops/prometheus/parley-alerts.yml', 'ops/grafana/parley-dashboard.json']) {
    it(`${file} names only exported metrics`, async () => {
      const names = await exported();
      const text = read(file);
      if (file.endsWith('.json')) expect(JSON.parse(text)).toHaveProperty('panels');
      const used = namedIn(text);
      expect(used.length).toBeGreaterThan(5);
      expect(used.filter((n) => !names.has(n))).toEqual([]);
    });
  }

  it('the alert rules cover queue lag, dead letters, webhook 401 and 5xx, relay lag, unknown and failed sends', () => {
    const rules = read('ops/prometheus/parley-alerts.yml');
    for (const needed of [
      'parley_queue_oldest_seconds',
      'parley_queue_dead',
      'outcome="bad_signature"',
      'outcome="unavailable"',
      'parley_relay_lag_seconds_bucket',
      'parley_outbound_sends_total{outcome="unknown"}',
      'parley_outbound_sends_total{outcome="failed"}',
    ]) {
      expect(rules).toContain(needed);
    }
  });

  it('the gateway counts 401 and 503 answers under the outcomes the rules watch', () => {
    const gateway = read('packages/server/src/webhook/gateway.ts');
    expect(gateway).toContain("done('bad_signature')");
    expect(gateway).toContain("done('unavailable')");
  });
});
