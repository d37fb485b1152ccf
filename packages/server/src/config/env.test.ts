import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env.ts';

describe('configuration', () => {
  it('runs the embedded default with nothing set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      mode: 'embedded',
      PORT: 3000,
      PARLEY_DATA_DIR: './data',
      WHATSAPP_GRAPH_URL: 'https://graph.facebook.com',
    });
  });

  it('selects PostgreSQL-only mode with DATABASE_URL alone, and scale mode with both', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).mode).toBe('postgres');
    const scale = loadConfig({
      DATABASE_URL: 'postgres://x/y',
      REDIS_URL: 'redis://r',
      WHATSAPP_APP_SECRET: 's',
      WHATSAPP_VERIFY_TOKEN: 't',
      PARLEY_SECRET_KEY: 'ab'.repeat(32),
    });
    expect(scale.mode).toBe('scale');
  });

  it('refuses REDIS_URL without DATABASE_URL, saying why', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://r' })).toThrow(/REDIS_URL is set but DATABASE_URL is not/);
  });

  it('requires the secrets in scale mode, naming each missing one', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', REDIS_URL: 'redis://r' })).toThrow(
      /WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN, PARLEY_SECRET_KEY/,
    );
  });

  it('names the variable, what it expects and what it got', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://nope' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      expect(msg).toMatch(/PORT: .*"eighty"/);
      expect(msg).toMatch(/DATABASE_URL: expected a URL starting with postgres:\/\/ or postgresql:\/\//);
    }
  });

  it("never prints a secret's value, nor the password inside a URL", () => {
    const secret = 'hunter2-is-the-admin-password';
    try {
      loadConfig({
        PARLEY_ADMIN_PASSWORD: 'short-pw',
        PARLEY_SECRET_KEY: secret,
        WHATSAPP_APP_SECRET: '',
        DATABASE_URL: 'mysql://parley:s3cr3t-db-pw@db/parley',
      });
      expect.unreachable();
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toMatch(/PARLEY_SECRET_KEY: .*not shown/);
      expect(msg).toMatch(/PARLEY_ADMIN_PASSWORD: expected at least 12 characters/);
      expect(msg).toMatch(/DATABASE_URL: .*mysql:\/\/\*\*\*@db\/parley/);
      for (const leaked of [secret, 'short-pw', 's3cr3t-db-pw']) expect(msg).not.toContain(leaked);
    }
  });

  it('trusts no proxy unless told: a hop count or a list of proxy addresses', () => {
    expect(loadConfig({}).PARLEY_TRUST_PROXY).toBe(false);
    expect(loadConfig({ PARLEY_TRUST_PROXY: '1' }).PARLEY_TRUST_PROXY).toBe(1);
    expect(loadConfig({ PARLEY_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16' }).PARLEY_TRUST_PROXY).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
    ]);
    expect(() => loadConfig({ PARLEY_TRUST_PROXY: 'yes please' })).toThrow(
      /PARLEY_TRUST_PROXY: expected a number/,
    );
  });
});
