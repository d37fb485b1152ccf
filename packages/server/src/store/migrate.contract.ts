// The migration runner on each database: a database made by an earlier schema, with data in it,
// upgrades to the current one, and a second run applies nothing.
import { afterEach, expect, it } from 'vitest';
import type { Db } from './db.ts';
import { migrate, migrationFiles } from './migrate.ts';

/** The schema an installation of the first release carries (before tenant keys and reports). */
const PREVIOUS = '011_outbound_media_requeues.sql';

interface Opened {
  db: Db;
  teardown?: () => Promise<void>;
  /** A second connection to the same database, as another process would have. */
  another?: () => Promise<Db>;
}

export function migrateContract(name: string, open: () => Promise<Opened>, concurrent = false) {
  let done: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await done?.();
    done = null;
  });
  const fresh = async () => {
    const { db, teardown } = await open();
    done = async () => {
      await db.close();
      await teardown?.();
    };
    return db;
  };

  it(`${name}: upgrades a database made by the previous schema, keeping its data`, async () => {
    const db = await fresh();
    const before = await migrate(db, { upTo: PREVIOUS });
    expect(before.applied.at(-1)).toBe(PREVIOUS);
    // Rows written as the previous release wrote them, in its columns only.
    const { rows } = await db.query<{ t: string; a: string; ch: string; co: string; cv: string }>(
      `WITH t AS (INSERT INTO tenants (name) VALUES ('Acme') RETURNING id),
        a AS (INSERT INTO agents (tenant_id, email, name, role) SELECT id, 'ana@acme.test', 'Ana', 'agent' FROM t RETURNING id, tenant_id),
        ch AS (INSERT INTO channels (tenant_id, name, phone_number_id) SELECT id, 'Main', '555001' FROM t RETURNING id),
        co AS (INSERT INTO contacts (tenant_id, wa_id, name) SELECT id, '5511999990000', 'Bia' FROM t RETURNING id),
        cv AS (INSERT INTO conversations (tenant_id, channel_id, contact_id, assignee_id, last_message_at)
               SELECT t.id, ch.id, co.id, a.id, now() FROM t, ch, co, a RETURNING id)
       SELECT t.id AS t, a.id AS a, ch.id AS ch, co.id AS co, cv.id AS cv FROM t, a, ch, co, cv`,
    );
    const ids = rows[0]!;
    await db.query(
      `INSERT INTO messages (tenant_id, conversation_id, direction, kind, body, status, wa_message_id)
       VALUES ($1, $2, 'in', 'text', '{"text":"Oi"}', 'received', 'wamid.upgrade-1')`,
      [ids.t, ids.cv],
    );

    const after = await migrate(db);
    const later = migrationFiles().filter((f) => f > PREVIOUS);
    expect(after.applied).toEqual(later);
    const recorded = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(recorded.rows.map((r) => r.name)).toEqual(migrationFiles());

    const kept = await db.query<{ assignee_id: string; body: { text: string }; wa_message_id: string }>(
      `SELECT c.assignee_id, m.body, m.wa_message_id FROM conversations c JOIN messages m ON m.conversation_id = c.id
        WHERE c.id = $1`,
      [ids.cv],
    );
    expect(kept.rows).toEqual([
      { assignee_id: ids.a, body: { text: 'Oi' }, wa_message_id: 'wamid.upgrade-1' },
    ]);
    // The upgraded schema takes new writes that its later migrations constrain (tenant-scoped keys).
    await db.query(
      `INSERT INTO messages (tenant_id, conversation_id, direction, kind, body, status) VALUES ($1, $2, 'out', 'text', '{"text":"Olá"}', 'pending')`,
      [ids.t, ids.cv],
    );
    const other = await db.query<{ id: string }>(`INSERT INTO tenants (name) VALUES ('Other') RETURNING id`);
    await expect(
      db.query(
        `INSERT INTO messages (tenant_id, conversation_id, direction, kind, body, status) VALUES ($1, $2, 'out', 'text', '{}', 'pending')`,
        [other.rows[0]!.id, ids.cv],
      ),
    ).rejects.toThrow();
  });

  it(`${name}: a second run applies nothing`, async () => {
    const db = await fresh();
    expect((await migrate(db)).applied).toEqual(migrationFiles());
    expect((await migrate(db)).applied).toEqual([]);
  });

  // Several processes on one PostgreSQL start together; a PGlite folder has one process (its lock).
  if (concurrent)
    it(`${name}: runs started together apply each file once`, async () => {
      const { db, teardown, another } = await open();
      const second = await another!();
      try {
        const [a, b] = await Promise.all([migrate(db), migrate(second)]);
        expect([...a.applied, ...b.applied].sort()).toEqual(migrationFiles());
      } finally {
        await second.close();
        await db.close();
        await teardown?.();
      }
    });
}
