// The scheduling bot's deterministic reader on the reading corpus (fixtures/scheduling): accuracy
// per kind of phrasing (dates, times, intents, languages, all together) and the time one reading
// takes. Set BENCH_SHOW_MISSES=1 to list the phrasings it reads wrong.
import { performance } from 'node:perf_hooks';
import { loadReadingCorpus, scoreReader } from '../packages/server/src/bots/scheduling/reading-corpus.ts';
import { understand } from '../packages/server/src/bots/scheduling/understand.ts';
import { machineNote, printTable } from './support/table.ts';

const corpus = loadReadingCorpus();
const { scores, failures } = await scoreReader(corpus, understand);

// Speed: every phrasing read 20 times after a warm-up round.
const clock = (c: (typeof corpus.cases)[number]) => corpus.clocks[c.clock]!;
for (const c of corpus.cases) understand(c.text, new Date(clock(c).now), clock(c).zone);
const rounds = 20;
const t0 = performance.now();
for (let r = 0; r < rounds; r++)
  for (const c of corpus.cases) understand(c.text, new Date(clock(c).now), clock(c).zone);
const perReadingUs = ((performance.now() - t0) * 1000) / (rounds * corpus.cases.length);

printTable(
  'Scheduling bot: the deterministic reader on the reading corpus',
  ['kind', 'phrasings', 'read right', 'accuracy'],
  scores.map((s) => [s.kind, s.total, s.passed, `${((100 * s.passed) / s.total).toFixed(1)}%`]),
  [
    `one reading takes ${perReadingUs.toFixed(1)} µs on average`,
    'target: at least 95% in every kind',
    machineNote(),
  ],
);
if (process.env['BENCH_SHOW_MISSES'])
  for (const f of failures)
    process.stdout.write(`- ${f.case.clock} "${f.case.text}": ${f.misses.join('; ')}\n`);
