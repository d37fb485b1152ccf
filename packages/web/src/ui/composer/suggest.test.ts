import { describe, expect, it } from 'vitest';
import type { DirAgent } from '../../state/directory.ts';
import { applyMention, cannedSuggestions, mentionedIds, mentionSuggestions } from './suggest.ts';

const canned = [
  { id: '1', shortcode: 'hello', body: 'Hello! How can we help?' },
  { id: '2', shortcode: 'hours', body: 'We open 9–18.' },
  { id: '3', shortcode: 'refund', body: 'Refunds take 5 days.' },
];
const agent = (id: string, name: string): DirAgent => ({
  id,
  name,
  email: `${name.toLowerCase().replace(' ', '.')}@x.test`,
  role: 'agent',
  availability: 'online',
  teamIds: [],
});
const agents = [agent('me', 'Me Myself'), agent('a2', 'Bea Agent'), agent('a3', 'Carl Brown')];

describe('canned responses by /shortcode', () => {
  it('offers the responses whose shortcode starts with what follows the slash', () => {
    expect(cannedSuggestions('/ho', canned).map((s) => s.label)).toEqual(['/hours']);
    expect(cannedSuggestions('/', canned)).toHaveLength(3);
    expect(cannedSuggestions('/h', canned)[0]?.insert).toBe('Hello! How can we help?');
  });

  it('offers nothing once the draft is more than a shortcode', () => {
    expect(cannedSuggestions('/hello there', canned)).toEqual([]);
    expect(cannedSuggestions('say /hello', canned)).toEqual([]);
  });
});

describe('@mentions in notes', () => {
  it('offers other agents matching the text after @, never the author', () => {
    const s = mentionSuggestions('ping @b', 7, agents, 'me');
    expect(s.map((x) => x.label)).toEqual(['Bea Agent', 'Carl Brown']);
    expect(mentionSuggestions('@me', 3, agents, 'me').map((x) => x.id)).not.toContain('me');
  });

  it('needs the @ to start a word (an email address is not a mention)', () => {
    expect(mentionSuggestions('write to bea@x', 14, agents, 'me')).toEqual([]);
  });

  it('replaces the partial mention and keeps the rest of the text', () => {
    const [bea] = mentionSuggestions('ask @be about it', 7, agents, 'me');
    expect(bea).toBeDefined();
    const r = applyMention('ask @be about it', 7, bea!);
    expect(r.text).toBe('ask @Bea Agent  about it');
    expect(r.caret).toBe('ask @Bea Agent '.length);
  });

  it('sends only the mentions still present in the final text', () => {
    const chosen = new Map([
      ['a2', 'Bea Agent'],
      ['a3', 'Carl Brown'],
    ]);
    expect(mentionedIds('thanks @Bea Agent', chosen)).toEqual(['a2']);
  });
});
