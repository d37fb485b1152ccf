// Accounts against an attacker who has a password list, or a token that leaked: passwords of 12
// characters that are not common, a password change that can revoke the agent's tokens, and a
// disabled agent whose tokens stay dead when the agent is enabled again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createTenantFixture, type TenantFixture } from '../test-support/inbox-fixture.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';

let server: TestServer;
let t: TenantFixture;
beforeAll(async () => {
  server = await startTestServer();
  t = await createTenantFixture(server.ctx, 'accounts');
});
afterAll(async () => {
  await server?.stop();
});

const as = (token: string) => apiClient(server.baseUrl, token);

describe('passwords', () => {
  it('an invite or a change with a short or common password answers 400 saying why', async () => {
    const owner = as(t.owner.token);
    for (const [password, why] of [
      ['short-pw', /12 characters/],
      ['qwerty123456', /most common/],
      ['Password2024!', /most common/],
    ] as const) {
      const invite = await owner('POST', '/api/v1/agents', {
        email: `n-${Date.now()}@x.test`,
        name: 'N',
        password,
      });
      expect(invite.status, password).toBe(400);
      expect(invite.text, password).toMatch(why);
      const change = await as(t.agent.token)('POST', '/api/v1/me/password', {
        currentPassword: t.agent.password,
        newPassword: password,
      });
      expect(change.status, password).toBe(400);
    }
  });

  it('a password change with revokeTokens ends every API token of the agent', async () => {
    const me = as(t.loner.token);
    expect((await me('GET', '/api/v1/me')).status).toBe(200);
    const changed = await me('POST', '/api/v1/me/password', {
      currentPassword: t.loner.password,
      newPassword: 'violet tractor harbour',
      revokeTokens: true,
    });
    expect(changed.status, changed.text).toBe(204);
    expect((await me('GET', '/api/v1/me')).status).toBe(401);
  });
});

describe('disabling an agent', () => {
  it('revokes its tokens for good: enabling it again does not revive them', async () => {
    const owner = as(t.owner.token);
    const agent = as(t.agent.token);
    expect((await agent('GET', '/api/v1/me')).status).toBe(200);
    expect((await owner('PATCH', `/api/v1/agents/${t.agent.id}`, { disabled: true })).status).toBe(200);
    expect((await agent('GET', '/api/v1/me')).status).toBe(401);
    expect((await owner('PATCH', `/api/v1/agents/${t.agent.id}`, { disabled: false })).status).toBe(200);
    expect((await agent('GET', '/api/v1/me')).status).toBe(401);
    const { rows } = await server.ctx.db.query<{ revoked_at: Date | null }>(
      'SELECT revoked_at FROM api_tokens WHERE id = $1',
      [t.agent.tokenId],
    );
    expect(rows[0]?.revoked_at).not.toBeNull();
  });
});
