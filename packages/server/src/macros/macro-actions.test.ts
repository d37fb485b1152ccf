import { describe, expect, it } from 'vitest';
import { callFor, type MacroContext, renderMacroText } from './macro-actions.ts';

const ctx: MacroContext = {
  conversationId: 'c1',
  labels: ['billing', 'vip'],
  contactName: 'Ana Souza',
  agentName: 'Bia',
  runId: 'run12345',
  now: Date.parse('2026-12-03T12:00:00Z'),
};

describe('macro actions as API calls', () => {
  it('fills the contact and agent names, and an unknown one with nothing', () => {
    expect(renderMacroText('Olá {{contact.name}}, aqui é {{ agent.name }}.', ctx)).toBe(
      'Olá Ana Souza, aqui é Bia.',
    );
    expect(renderMacroText('Hi {{contact.name}}!', { contactName: null, agentName: null })).toBe('Hi !');
    expect(renderMacroText('{{contact.phone}} stays', ctx)).toBe('{{contact.phone}} stays');
  });

  it('merges labels with the current ones, and changes nothing when they are already so', () => {
    expect(callFor({ type: 'addLabels', labels: ['Urgent', 'vip'] }, 0, ctx)).toEqual({
      method: 'PUT',
      url: '/api/v1/conversations/c1/labels',
      body: { labels: ['billing', 'urgent', 'vip'] },
    });
    expect(callFor({ type: 'addLabels', labels: [' VIP '] }, 0, ctx)).toBeNull();
    expect(callFor({ type: 'removeLabels', labels: ['BILLING'] }, 0, ctx)?.body).toEqual({ labels: ['vip'] });
    expect(callFor({ type: 'removeLabels', labels: ['other'] }, 0, ctx)).toBeNull();
  });

  it('gives each send a client id from the run and the step, so a retried run sends once', () => {
    const a = callFor({ type: 'sendText', body: 'Oi {{contact.name}}' }, 2, ctx);
    expect(a).toEqual({
      method: 'POST',
      url: '/api/v1/conversations/c1/messages',
      body: { clientId: 'macro-run12345-2', kind: 'text', body: { body: 'Oi Ana Souza' } },
    });
    expect(callFor({ type: 'sendText', body: 'x' }, 3, ctx)?.body.clientId).toBe('macro-run12345-3');
  });

  it('assigns, transfers to a team, sets status and snoozes through the routes an agent uses', () => {
    expect(callFor({ type: 'assign', agentId: null }, 0, ctx)?.body).toEqual({ assigneeId: null });
    expect(callFor({ type: 'assignTeam', teamId: 't1' }, 0, ctx)?.body).toEqual({
      assigneeId: null,
      teamId: 't1',
    });
    expect(callFor({ type: 'setStatus', status: 'resolved' }, 0, ctx)?.url).toBe(
      '/api/v1/conversations/c1/status',
    );
    expect(callFor({ type: 'snooze', minutes: 90 }, 0, ctx)?.body).toEqual({
      status: 'snoozed',
      snoozedUntil: '2026-12-03T13:30:00.000Z',
    });
  });
});
