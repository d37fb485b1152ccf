import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../auth/credentials.ts';
import { apiClient } from '../../test-support/inbox-fixture.ts';
import { startTestServer, type TestServer } from '../../test-support/test-server.ts';

let server: TestServer;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  server = await startTestServer();
  const { rows } = await server.ctx.db.query<{ id: string }>(
    'SELECT id FROM agents WHERE tenant_id = $1 LIMIT 1',
    [server.admin.tenantId],
  );
  api = apiClient(
    server.baseUrl,
    (await createApiToken(server.ctx.db, server.admin.tenantId, 't', { agentId: rows[0]!.id })).token,
  );
});
afterAll(async () => {
  await server?.stop();
});

describe('label catalogue', () => {
  it('lists the catalogue with the labels in use, normalised, and removes from the catalogue only', async () => {
    expect((await api('POST', '/api/v1/labels', { name: '  VIP ' })).status).toBe(201);
    const t = server.admin.tenantId;
    await server.ctx.db.query("INSERT INTO contacts (tenant_id, wa_id) VALUES ($1, '5511000000001')", [t]);
    await server.ctx.db.query(
      `INSERT INTO conversations (tenant_id, channel_id, contact_id, labels)
       SELECT $1, (SELECT id FROM channels WHERE tenant_id = $1 LIMIT 1), (SELECT id FROM contacts WHERE wa_id = '5511000000001'), '{vip,billing}'`,
      [t],
    );
    const list = await api('GET', '/api/v1/labels');
    expect(list.body).toEqual({
      labels: [
        { id: 'billing', name: 'billing', inCatalogue: false, conversations: 1 },
        { id: 'vip', name: 'vip', inCatalogue: true, conversations: 1 },
      ],
    });
    expect((await api('DELETE', '/api/v1/labels/vip')).status).toBe(204);
    expect((await api('DELETE', '/api/v1/labels/vip')).status).toBe(404);
    const after = (await api('GET', '/api/v1/labels')).body as {
      labels: { name: string; inCatalogue: boolean }[];
    };
    expect(after.labels.find((l) => l.name === 'vip')).toMatchObject({ inCatalogue: false });
  });
});
