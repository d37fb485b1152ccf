import { afterAll, beforeAll, expect, it } from 'vitest';
import { addChannel, createTenant } from '../admin/accounts.ts';
import { readEntries } from '../events/event-log.ts';
import { createInProcessPubSub } from '../pubsub/in-process.ts';
import type { Db } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { openPglite } from '../store/pglite.ts';
import { createSecretBox } from '../store/secret-box.ts';
import { wakeSnoozed } from './snooze-waker.ts';

let db: Db;
beforeAll(async () => {
  db = await openPglite(null);
  await migrate(db);
});
afterAll(async () => {
  await db.close();
});

it('opens conversations whose snooze has ended, with their entries, and leaves the others snoozed', async () => {
  const tenant = await db.tx((q) => createTenant(q, 'Snoozers'));
  const box = createSecretBox('00'.repeat(32));
  const channel = await db.tx((q) => addChannel(q, box, tenant.id, { name: 'c', phoneNumberId: '5550001' }));
  const conversation = async (wa: string, until: string) => {
    const k = await db.query<{ id: string }>(
      'INSERT INTO contacts (tenant_id, wa_id) VALUES ($1, $2) RETURNING id',
      [tenant.id, wa],
    );
    const c = await db.query<{ id: string }>(
      `INSERT INTO conversations (tenant_id, channel_id, contact_id, status, snoozed_until)
       VALUES ($1, $2, $3, 'snoozed', now() + $4::interval) RETURNING id`,
      [tenant.id, channel.id, k.rows[0]!.id, until],
    );
    return c.rows[0]!.id;
  };
  const due = await conversation('1', '-1 minute');
  const later = await conversation('2', '1 hour');

  const pubsub = createInProcessPubSub();
  expect(await wakeSnoozed({ db, pubsub, prefix: 'test' })).toBe(1);
  expect(await wakeSnoozed({ db, pubsub, prefix: 'test' })).toBe(0);

  const { rows } = await db.query<{ id: string; status: string; snoozed_until: Date | null }>(
    'SELECT id, status, snoozed_until FROM conversations WHERE tenant_id = $1',
    [tenant.id],
  );
  expect(rows.find((r) => r.id === due)).toMatchObject({ status: 'open', snoozed_until: null });
  expect(rows.find((r) => r.id === later)?.status).toBe('snoozed');
  const entries = await readEntries(db, tenant.id, 0, 10);
  expect(entries).toEqual([
    expect.objectContaining({
      type: 'conversation.updated',
      entityId: due,
      data: { status: 'open', snoozedUntil: null },
      scope: expect.objectContaining({ channelId: channel.id }),
    }),
  ]);
});
