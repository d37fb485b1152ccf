import { describe, expect, it } from 'vitest';
import { loadReadingCorpus, scoreReader } from './reading-corpus.ts';
import { understand } from './understand.ts';

describe('scheduling bot: the reading corpus', () => {
  const corpus = loadReadingCorpus();

  it('holds at least 300 phrasings across dates, times, intents and languages, on several clocks', () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(300);
    expect(new Set(corpus.cases.map((c) => c.kind))).toEqual(
      new Set(['date', 'time', 'intent', 'language', 'combined']),
    );
    expect(new Set(Object.values(corpus.clocks).map((c) => c.zone)).size).toBeGreaterThanOrEqual(3);
  });

  it('is read right at least 95% of the time by the deterministic reader, in every kind', async () => {
    const { scores, failures } = await scoreReader(corpus, understand);
    const report = failures.map((f) => `${f.case.clock} "${f.case.text}": ${f.misses.join('; ')}`);
    for (const s of scores)
      expect(s.passed / s.total, `${s.kind}\n${report.join('\n')}`).toBeGreaterThanOrEqual(0.95);
  });
});
