// Builds a tenant with everything the inbox has, straight through the database (fast, and
// independent of the routes under test): an owner, an agent in a team that is a member of one
// channel, a loner agent with no memberships, a second channel nobody is a member of, a contact and
// conversation on each channel with an inbound text message, a note, a canned response and a
// personal API token per agent. Every text carries `marker`, so a leak is easy to find.
import { randomInt } from 'node:crypto';
import { addChannel, createAgent, createTenant } from '../admin/accounts.ts';
import type { AppContext } from '../app-context.ts';
import { createApiToken } from '../auth/credentials.ts';
import { appendEntries } from '../events/event-log.ts';
import type { Queryable } from '../store/db.ts';

export interface FixtureAgent {
  id: string;
  email: string;
  password: string;
  token: string;
  tokenId: string;
}

export interface TenantFixture {
  tenantId: string;
  marker: string;
  owner: FixtureAgent;
  /** Member of `teamId`, which is a member of `channelId`. */
  agent: FixtureAgent;
  /** In no team and no channel: sees only what is assigned to them. */
  loner: FixtureAgent;
  teamId: string;
  channelId: string;
  hiddenChannelId: string;
  contactId: string;
  hiddenContactId: string;
  conversationId: string;
  /** On hiddenChannelId, unassigned: only owners and admins see it. */
  hiddenConversationId: string;
  messageId: string;
  hiddenMessageId: string;
  noteId: string;
  cannedId: string;
  labelName: string;
  /** The scheduling bot's rows (007_bots.sql): its routes are walled like every other. */
  serviceId: string;
  staffId: string;
  icsToken: string;
  /** A paused outgoing-webhook subscription with one delivered delivery in its log. */
  webhookId: string;
  webhookDeliveryId: string;
  /** A shared macro that labels and notes. */
  macroId: string;
}

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

async function agent(
  q: Queryable,
  tenantId: string,
  role: 'owner' | 'agent',
  email: string,
): Promise<FixtureAgent> {
  const password = `pw-${digits(8)}`;
  const { id } = await createAgent(q, tenantId, { email, name: email.split('@')[0]!, role, password });
  const t = await createApiToken(q, tenantId, `${email} token`, { agentId: id });
  return { id, email, password, token: t.token, tokenId: t.id };
}

async function conversation(
  q: Queryable,
  tenantId: string,
  channelId: string,
  contactId: string,
  text: string,
) {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO conversations (tenant_id, channel_id, contact_id, last_message_at, last_message_preview, last_inbound_at)
     VALUES ($1, $2, $3, now(), $4, now()) RETURNING id`,
    [tenantId, channelId, contactId, text],
  );
  const conversationId = rows[0]!.id;
  const m = await q.query<{ id: string }>(
    `INSERT INTO messages (tenant_id, conversation_id, direction, kind, body, status, wa_message_id)
     VALUES ($1, $2, 'in', 'text', $3, 'received', $4) RETURNING id`,
    [tenantId, conversationId, JSON.stringify({ kind: 'text', body: text }), `wamid.${digits(20)}`],
  );
  return { conversationId, messageId: m.rows[0]!.id };
}

export async function createTenantFixture(ctx: AppContext, label: string): Promise<TenantFixture> {
  const marker = `${label.toLowerCase()}marker${digits(6)}`;
  return ctx.db.tx(async (q) => {
    const tenant = await createTenant(q, `Tenant ${label} ${marker}`);
    const tenantId = tenant.id;
    const owner = await agent(q, tenantId, 'owner', `owner-${marker}@parley.test`);
    const member = await agent(q, tenantId, 'agent', `agent-${marker}@parley.test`);
    const loner = await agent(q, tenantId, 'agent', `loner-${marker}@parley.test`);
    const team = await q.query<{ id: string }>(
      'INSERT INTO teams (tenant_id, name) VALUES ($1, $2) RETURNING id',
      [tenantId, `Team ${marker}`],
    );
    const teamId = team.rows[0]!.id;
    await q.query('INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)', [teamId, member.id]);
    const channel = await addChannel(q, ctx.box, tenantId, {
      name: `Channel ${marker}`,
      phoneNumberId: digits(15),
      accessToken: `token-${marker}`,
      appSecret: `secret-${marker}`,
    });
    const hidden = await addChannel(q, ctx.box, tenantId, {
      name: `Hidden ${marker}`,
      phoneNumberId: digits(15),
    });
    await q.query('INSERT INTO channel_members (channel_id, team_id) VALUES ($1, $2)', [channel.id, teamId]);
    const contact = async (name: string) =>
      (
        await q.query<{ id: string }>(
          'INSERT INTO contacts (tenant_id, wa_id, name, phone) VALUES ($1, $2, $3, $2) RETURNING id',
          [tenantId, digits(12), name],
        )
      ).rows[0]!.id;
    const contactId = await contact(`Customer ${marker}`);
    const hiddenContactId = await contact(`Hidden customer ${marker}`);
    const visible = await conversation(q, tenantId, channel.id, contactId, `hello ${marker} shared-word`);
    const secret = await conversation(
      q,
      tenantId,
      hidden.id,
      hiddenContactId,
      `secret ${marker} shared-word`,
    );
    const note = await q.query<{ id: string }>(
      'INSERT INTO notes (tenant_id, conversation_id, author_id, body) VALUES ($1, $2, $3, $4) RETURNING id',
      [tenantId, visible.conversationId, owner.id, `note ${marker}`],
    );
    const canned = await q.query<{ id: string }>(
      'INSERT INTO canned_responses (tenant_id, shortcode, body) VALUES ($1, $2, $3) RETURNING id',
      [tenantId, 'greet', `Hi from ${marker}`],
    );
    // A catalogue label named after the marker, so a listing that leaks it is caught.
    await q.query('INSERT INTO labels (tenant_id, name) VALUES ($1, $2)', [tenantId, `label-${marker}`]);
    const icsToken = `ics-${marker}`;
    await q.query('INSERT INTO sched_settings (tenant_id, ics_token) VALUES ($1, $2)', [tenantId, icsToken]);
    const service = await q.query<{ id: string }>(
      "INSERT INTO sched_services (tenant_id, name, duration_min) VALUES ($1, 'Haircut', 30) RETURNING id",
      [tenantId],
    );
    const staff = await q.query<{ id: string }>(
      "INSERT INTO sched_staff (tenant_id, name) VALUES ($1, 'Sam') RETURNING id",
      [tenantId],
    );
    const webhook = await q.query<{ id: string }>(
      `INSERT INTO webhook_subscriptions (tenant_id, url, description, event_types, secret_enc, active)
       VALUES ($1, 'https://hooks.example.com/parley', $2, '{agent.updated}', $3, false) RETURNING id`,
      [tenantId, `hook ${marker}`, ctx.box.seal(`whsec_${marker}`)],
    );
    const delivery = await q.query<{ id: string }>(
      `INSERT INTO webhook_deliveries (tenant_id, subscription_id, seq, event_type, order_key, payload, status)
       VALUES ($1, $2, 1, 'agent.updated', $3, $4, 'delivered') RETURNING id`,
      [tenantId, webhook.rows[0]!.id, owner.id, JSON.stringify({ marker })],
    );
    const macro = await q.query<{ id: string }>(
      `INSERT INTO macros (tenant_id, name, actions, shared, created_by) VALUES ($1, $2, $3, true, $4) RETURNING id`,
      [
        tenantId,
        `macro ${marker}`,
        JSON.stringify([
          { type: 'addLabels', labels: ['followup'] },
          { type: 'addNote', body: `macro ${marker}` },
        ]),
        owner.id,
      ],
    );
    // One entry in the log, so a snapshot's cursor is above 0 like a tenant's in use.
    await appendEntries(q, tenantId, [
      { type: 'agent.updated', entityId: owner.id, data: { name: 'owner' } },
    ]);
    return {
      tenantId,
      marker,
      owner,
      agent: member,
      loner,
      teamId,
      channelId: channel.id,
      hiddenChannelId: hidden.id,
      contactId,
      hiddenContactId,
      conversationId: visible.conversationId,
      hiddenConversationId: secret.conversationId,
      messageId: visible.messageId,
      hiddenMessageId: secret.messageId,
      noteId: note.rows[0]!.id,
      cannedId: canned.rows[0]!.id,
      serviceId: service.rows[0]!.id,
      staffId: staff.rows[0]!.id,
      icsToken,
      webhookId: webhook.rows[0]!.id,
      webhookDeliveryId: String(delivery.rows[0]!.id),
      macroId: macro.rows[0]!.id,
      labelName: `label-${marker}`,
    };
  });
}

/** A small fetch wrapper: bearer token, JSON in and out. */
export function apiClient(baseUrl: string, token: string | null) {
  return async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown; text: string }> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (metrics, HTML): keep the text
    }
    return { status: res.status, body: parsed, text };
  };
}

/** Logs in like the dashboard: the session cookie, and the CSRF token on unsafe methods. */
export async function sessionClient(baseUrl: string, email: string, password: string) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${email} answered ${res.status}: ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
}
