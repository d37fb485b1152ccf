import { expect, it } from 'vitest';
import { normaliseLabels } from './labels.ts';
import { mentionTargets } from './mentions.ts';

it('labels are trimmed, lower-cased, kept once each and sorted, so equal sets compare equal', () => {
  expect(normaliseLabels([' VIP', 'vip', 'Billing ', '', '  '])).toEqual(['billing', 'vip']);
  expect(normaliseLabels(['b', 'a']).join()).toBe(normaliseLabels(['A', 'B']).join());
});

it('a note notifies each mentioned agent once, and never its author', () => {
  expect(mentionTargets(['ann', 'bob', 'ann', 'me'], 'me')).toEqual(['ann', 'bob']);
  expect(mentionTargets(['ann'], null)).toEqual(['ann']);
});
