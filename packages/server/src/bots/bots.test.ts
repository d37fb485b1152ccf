// The bot framework end to end on the embedded default, with the WhatsApp simulator as Meta: the
// scheduling bot answers and books, hands off, steps back for an agent, survives a restart, fails
// over to a person on timeout; a webhook bot gets signed deliveries and answers through the API.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OutboundHarness, startOutboundHarness } from '../outbound/outbound-harness.test-support.ts';
import { type Running, runRoles } from '../runtime/run-roles.ts';
import { BUILTIN_BOTS } from './registry.ts';

const WEEK = [{ start: '08:00', end: '20:00' }];

let h: OutboundHarness;
let botId: string;
let channelId: string;
/** The Parley that runs now: the restart test replaces the harness's. */
let current: Running | null = null;
const db = () => (current ?? h.server.running).ctx.db;

const botReplies = async (waId: string) => h.sim.received().filter((m) => m.to === waId || m.waId === waId);
const lastReplyText = (m: { payload: Record<string, unknown> } | undefined): string => {
  const p = m?.payload as
    | { type?: string; text?: { body: string }; interactive?: { body: { text: string } } }
    | undefined;
  return p?.type === 'text' ? (p.text?.body ?? '') : (p?.interactive?.body.text ?? '');
};
const waitReplies = (waId: string, n: number) =>
  h.waitFor(
    `${n} bot replies to ${waId}`,
    async () => ((await botReplies(waId)).length >= n ? botReplies(waId) : null),
    20_000,
  );
const session = async (waId: string) =>
  (
    await db().query<{ status: string; reason: string | null; assignee_id: string | null }>(
      `SELECT s.status, s.reason, c.assignee_id FROM bot_sessions s JOIN conversations c ON c.id = s.conversation_id
       JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = $1`,
      [waId],
    )
  ).rows[0];

beforeAll(async () => {
  BUILTIN_BOTS['test-slow'] = () => ({ name: 'test-slow', onMessage: () => new Promise(() => undefined) });
  h = await startOutboundHarness({ env: { PARLEY_BOT_TIMEOUT_MS: '700' } });
  const put = await h.api('PUT', '/api/v1/scheduling/settings', {
    zone: 'America/Sao_Paulo',
    hours: { 1: WEEK, 2: WEEK, 3: WEEK, 4: WEEK, 5: WEEK, 6: WEEK, 7: WEEK },
    breaks: {},
    holidays: [],
    horizonDays: 14,
    reminderMinutes: 60,
    reminderTemplate: null,
  });
  expect(put.status).toBe(204);
  expect(
    (await h.api('POST', '/api/v1/scheduling/services', { name: 'Corte', durationMin: 60 })).status,
  ).toBe(201);
  expect((await h.api('POST', '/api/v1/scheduling/staff', { name: 'Ana' })).status).toBe(201);
  const created = await h.api<{ id: string; token: string }>('POST', '/api/v1/bots', {
    kind: 'builtin',
    name: 'Agenda',
    builtin: 'scheduling',
  });
  expect(created.status).toBe(201);
  botId = created.body.id;
  channelId = (await h.server.ctx.db.query<{ id: string }>('SELECT id FROM channels LIMIT 1')).rows[0]!.id;
  expect((await h.api('PUT', `/api/v1/channels/${channelId}/bot`, { botId })).status).toBe(204);
}, 180_000);

afterAll(async () => {
  delete BUILTIN_BOTS['test-slow'];
  await current?.stop();
  await h?.close();
});

describe('bots', () => {
  it('answers a new conversation first, books on a button reply, and shows it in the .ics feed', async () => {
    await h.sim.sendText('5511900000001', 'quero marcar amanhã às 15h', { name: 'Maria' });
    const [ask] = await waitReplies('5511900000001', 1);
    expect(lastReplyText(ask)).toMatch(/^Corte em .* às 15:00\. Posso confirmar\?$/);
    await h.sim.sendMessage('button_reply', '5511900000001', {
      replyId: 'yes',
      title: 'Sim, confirmar',
      name: 'Maria',
    });
    const replies = await waitReplies('5511900000001', 2);
    expect(lastReplyText(replies[1])).toMatch(/^Confirmado! Corte em .* às 15:00\. Até lá!$/);
    const appts = await h.api<{ items: { service: string; contactName: string }[] }>(
      'GET',
      '/api/v1/scheduling/appointments',
    );
    expect(appts.body.items).toMatchObject([{ service: 'Corte', contactName: 'Maria' }]);
    const settings = await h.api<{ icsPath: string }>('GET', '/api/v1/scheduling/settings');
    const ics = await fetch(h.server.baseUrl + settings.body.icsPath);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await ics.text()).toMatch(/BEGIN:VEVENT[\s\S]*SUMMARY:Corte — Maria[\s\S]*END:VEVENT/);
    const bad = await fetch(`${h.server.baseUrl}${settings.body.icsPath.replace(/token=.*/, 'token=wrong')}`);
    expect(bad.status).toBe(404);
    // The bot's replies appear in the thread as the bot's (authored by its agent).
    const authors = await db().query<{ role: string }>(
      `SELECT a.role FROM messages m JOIN agents a ON a.id = m.author_id JOIN conversations c ON c.id = m.conversation_id
       JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = '5511900000001' AND m.direction = 'out'`,
    );
    expect(authors.rows.map((r) => r.role)).toEqual(['bot', 'bot']);
  });

  it('hands off to a person when asked, and stays quiet afterwards', async () => {
    await h.sim.sendText('5511900000002', 'quero falar com um atendente');
    const [reply] = await waitReplies('5511900000002', 1);
    expect(lastReplyText(reply)).toBe('Certo! Vou chamar alguém da equipe para falar com você. 🙂');
    await h.waitFor('handed off', async () => (await session('5511900000002'))?.status === 'handed_off');
    expect(await session('5511900000002')).toMatchObject({
      reason: 'the customer asked for a person',
      assignee_id: null,
    });
    await h.sim.sendText('5511900000002', 'oi?');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await botReplies('5511900000002')).toHaveLength(1);
  });

  it('hands a voice note to a person for real: assignment picks someone or queues the conversation', async () => {
    expect(
      (await h.api('PUT', `/api/v1/channels/${channelId}/assignment`, { policy: 'round_robin' })).status,
    ).toBe(200);
    try {
      await h.sim.sendMessage('voice', '5511900000016');
      const [reply] = await waitReplies('5511900000016', 1);
      expect(lastReplyText(reply)).toBe(
        'Ainda não consigo ouvir áudios. Vou chamar alguém da equipe para falar com você.',
      );
      const where = async () =>
        (
          await db().query<{ role: string | null; waiting: string | null }>(
            `SELECT a.role, w.conversation_id AS waiting FROM conversations c JOIN contacts k ON k.id = c.contact_id
             LEFT JOIN agents a ON a.id = c.assignee_id LEFT JOIN assignment_waiting w ON w.conversation_id = c.id
             WHERE k.wa_id = '5511900000016'`,
          )
        ).rows[0];
      await h.waitFor('assigned to a person or waiting', async () => {
        const w = await where();
        return (w?.role != null && w.role !== 'bot') || w?.waiting != null;
      });
      expect((await session('5511900000016'))?.reason).toBe('the customer sent a voice message');
    } finally {
      await h.api('PUT', `/api/v1/channels/${channelId}/assignment`, { policy: 'manual' });
    }
  });

  it('refuses invalid scheduling settings with a sentence, and still reads settings saved before zones were checked', async () => {
    const valid = {
      zone: 'America/Sao_Paulo',
      hours: { 1: WEEK },
      breaks: {},
      holidays: [],
      horizonDays: 14,
      reminderMinutes: 60,
      reminderTemplate: null,
    };
    const mars = await h.api<{ error: { code: string; message: string } }>(
      'PUT',
      '/api/v1/scheduling/settings',
      { ...valid, zone: 'Mars/Olympus' },
    );
    expect(mars.status).toBe(400);
    expect(mars.body.error.message).toMatch(/"Mars\/Olympus" is not a time zone we know: use an IANA name/);
    const backwards = await h.api<{ error: { message: string } }>('PUT', '/api/v1/scheduling/settings', {
      ...valid,
      hours: { 1: [{ start: '18:00', end: '09:00' }] },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toMatch(/a range must end after it starts \(18:00–09:00\)/);
    const holiday = await h.api('PUT', '/api/v1/scheduling/settings', { ...valid, holidays: ['2026-02-30'] });
    expect(holiday.status).toBe(400);
    // A zone stored before the check (or by hand) is answered, not a 500.
    const tenantId = (
      await db().query<{ tenant_id: string }>('SELECT tenant_id FROM channels WHERE id = $1', [channelId])
    ).rows[0]!.tenant_id;
    const before = await db().query<{ zone: string }>(
      'SELECT zone FROM sched_settings WHERE tenant_id = $1',
      [tenantId],
    );
    await db().query("UPDATE sched_settings SET zone = 'Mars/Olympus' WHERE tenant_id = $1", [tenantId]);
    try {
      const read = await h.api<{ zone: string }>('GET', '/api/v1/scheduling/settings');
      expect(read.status).toBe(200);
      expect(read.body.zone).toBe('Mars/Olympus');
    } finally {
      await db().query('UPDATE sched_settings SET zone = $2 WHERE tenant_id = $1', [
        tenantId,
        before.rows[0]!.zone,
      ]);
    }
  });

  it('steps back when an agent takes the conversation over', async () => {
    const conv = await h.customerWrites('5511900000003', 'oi');
    await waitReplies('5511900000003', 1);
    const me = (await h.api<{ agent: { id: string } }>('GET', '/api/v1/me')).body.agent.id;
    expect((await h.api('POST', `/api/v1/conversations/${conv}/assign`, { assigneeId: me })).status).toBe(
      200,
    );
    await h.sim.sendText('5511900000003', 'quero marcar amanhã');
    await h.waitFor('taken over', async () => (await session('5511900000003'))?.status === 'taken_over');
    expect(await botReplies('5511900000003')).toHaveLength(1);
  });

  it('hands over to a person, with an apology, when the bot does not answer in time', async () => {
    const slow = await h.api<{ id: string }>('POST', '/api/v1/bots', {
      kind: 'builtin',
      name: 'Slow',
      builtin: 'test-slow',
    });
    await h.api('PUT', `/api/v1/channels/${channelId}/bot`, { botId: slow.body.id });
    try {
      await h.sim.sendText('5511900000005', 'hello?');
      const [reply] = await waitReplies('5511900000005', 1);
      expect(lastReplyText(reply)).toBe(
        'Desculpe, tive um problema. Alguém da equipe vai te responder aqui em instantes.',
      );
      await h.waitFor('handed off', async () => (await session('5511900000005'))?.status === 'handed_off');
      expect((await session('5511900000005'))?.reason).toMatch(
        /^the bot failed: the bot did not answer within 700 ms$/,
      );
    } finally {
      await h.api('PUT', `/api/v1/channels/${channelId}/bot`, { botId });
    }
  });
});

describe('bots across a restart', () => {
  it('continues a conversation after Parley restarts, from the state in the database', async () => {
    await h.sim.sendText('5511900000004', 'book tomorrow at 10am');
    const [ask] = await waitReplies('5511900000004', 1);
    expect(lastReplyText(ask)).toMatch(/at 10:00 AM\. Shall I confirm it\?$/);
    // Stop every role and start again on the same data folder and port: nothing survives in memory.
    const before = h.server.running;
    await before.stop();
    current = await runRoles('start', { ...before.ctx.config, PORT: before.port }, pino({ level: 'silent' }));
    await h.sim.sendText('5511900000004', 'yes');
    const replies = await waitReplies('5511900000004', 2);
    expect(lastReplyText(replies[1])).toMatch(/^Confirmed! Corte on .* at 10:00 AM\. See you then!$/);
  });
});

describe('webhook bots', () => {
  let server: Server;
  const deliveries: { body: Record<string, unknown>; signed: boolean }[] = [];
  let failFirst = true;
  let secret = '';
  let token = '';

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => {
        raw += c.toString();
      });
      req.on('end', async () => {
        const ts = String(req.headers['x-parley-timestamp']);
        const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.${raw}`).digest('hex')}`;
        const body = JSON.parse(raw) as { conversationId: string; message: { text: string } };
        deliveries.push({ body, signed: req.headers['x-parley-signature'] === expected });
        // The first delivery fails: Parley must retry it.
        if (failFirst) {
          failFirst = false;
          res.writeHead(500).end();
          return;
        }
        res.writeHead(200).end();
        await fetch(`${h.server.baseUrl}/api/v1/conversations/${body.conversationId}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            kind: 'text',
            clientId: `echo-${Date.now()}`,
            body: { body: `echo: ${body.message.text}` },
          }),
        });
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const created = await h.api<{ id: string; token: string; secret: string }>('POST', '/api/v1/bots', {
      kind: 'webhook',
      name: 'Echo',
      webhookUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`,
    });
    secret = created.body.secret;
    token = created.body.token;
    await h.api('PUT', `/api/v1/channels/${channelId}/bot`, { botId: created.body.id });
  });
  afterAll(async () => {
    await h.api('PUT', `/api/v1/channels/${channelId}/bot`, { botId });
    server.close();
  });

  it('posts signed events, retries a failed delivery, and the bot answers with its token', async () => {
    await h.sim.sendText('5511900000006', 'ping');
    const [reply] = await waitReplies('5511900000006', 1);
    expect(lastReplyText(reply)).toBe('echo: ping');
    expect(deliveries.length).toBeGreaterThanOrEqual(2);
    expect(deliveries.every((d) => d.signed)).toBe(true);
    // A bot token reaches only what a bot may do.
    const notes = await fetch(`${h.server.baseUrl}/api/v1/agents`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(notes.status).toBe(403);
  });
});
