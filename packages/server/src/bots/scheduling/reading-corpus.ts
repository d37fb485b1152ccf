// The reading corpus (fixtures/scheduling/reading-corpus.json) and how a reader is scored on it:
// a case passes when every field its expectation lists equals what the reader answered. Shared by
// the accuracy test and the benchmark that prints accuracy per kind.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Understanding } from './understand.ts';

const CaseSchema = z.object({
  text: z.string(),
  kind: z.enum(['date', 'time', 'intent', 'language', 'combined']),
  clock: z.string(),
  expect: z
    .object({
      intent: z.string(),
      language: z.string().nullable(),
      date: z.string().nullable(),
      dateEnd: z.string().nullable(),
      time: z.string().nullable(),
      partOfDay: z.string().nullable(),
    })
    .partial(),
});
const CorpusSchema = z.object({
  clocks: z.record(z.string(), z.object({ now: z.iso.datetime(), zone: z.string() })),
  cases: z.array(CaseSchema),
});

export type CorpusCase = z.infer<typeof CaseSchema>;
export type Corpus = z.infer<typeof CorpusSchema>;

export function loadReadingCorpus(): Corpus {
  const url = new URL('../../../../../fixtures/scheduling/reading-corpus.json', import.meta.url);
  return CorpusSchema.parse(JSON.parse(readFileSync(url, 'utf8')));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An understanding in the corpus's own notation, for comparison and for failure messages. */
export function asCorpusReading(u: Understanding): Required<CorpusCase['expect']> {
  const day = (d: Understanding['date']) => (d ? `${d.year}-${pad(d.month)}-${pad(d.day)}` : null);
  return {
    intent: u.intent,
    language: u.language,
    date: day(u.date),
    dateEnd: day(u.dateEnd),
    time: u.time ? `${pad(u.time.hour)}:${pad(u.time.minute)}` : null,
    partOfDay: u.partOfDay,
  };
}

/** The fields of the expectation the reading got wrong (empty when it passes). */
export function misses(c: CorpusCase, u: Understanding): string[] {
  const got = asCorpusReading(u);
  return Object.entries(c.expect)
    .filter(([k, v]) => got[k as keyof typeof got] !== v)
    .map(([k, v]) => `${k}: expected ${v}, read ${got[k as keyof typeof got]}`);
}

export interface Score {
  kind: string;
  total: number;
  passed: number;
}

/** Accuracy per kind and overall of a reader on the corpus. */
export async function scoreReader(
  corpus: Corpus,
  read: (text: string, now: Date, zone: string) => Promise<Understanding> | Understanding,
): Promise<{ scores: Score[]; failures: { case: CorpusCase; misses: string[] }[] }> {
  const byKind = new Map<string, Score>();
  const failures: { case: CorpusCase; misses: string[] }[] = [];
  for (const c of corpus.cases) {
    const clock = corpus.clocks[c.clock];
    if (!clock) throw new Error(`corpus case "${c.text}" names an unknown clock ${c.clock}`);
    const u = await read(c.text, new Date(clock.now), clock.zone);
    const m = misses(c, u);
    const s = byKind.get(c.kind) ?? { kind: c.kind, total: 0, passed: 0 };
    s.total++;
    if (m.length === 0) s.passed++;
    else failures.push({ case: c, misses: m });
    byKind.set(c.kind, s);
  }
  const all = [...byKind.values()];
  const total = all.reduce((n, s) => n + s.total, 0);
  const passed = all.reduce((n, s) => n + s.passed, 0);
  return { scores: [...all, { kind: 'all', total, passed }], failures };
}
