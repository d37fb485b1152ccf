// The walking skeleton, as a stranger sees it: a signed webhook appears live in the dashboard
// after logging in as the seeded admin — in the embedded default and in scale mode.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTextWebhook } from '../packages/server/src/cli/send-test-webhook.ts';
import {
  createTestDatabase,
  dropRedisPrefix,
  postgresAvailable,
  redisAvailable,
  redisEnv,
  uniqueName,
} from '../packages/server/src/test-support/services.ts';
import { signBody } from '../packages/server/src/webhook/verify-signature.ts';
import { chromiumAvailable, launchBrowser } from './support/browser.ts';
import {
  loginToDashboard,
  openConversation,
  showTab,
  threadMessage,
  waitConnection,
} from './support/dashboard-driver.ts';
import { type ParleyProcess, startParley } from './support/parley-process.ts';

const browserOk = chromiumAvailable();
const pg = await postgresAvailable();
const redis = await redisAvailable();

async function messageAppearsLive(browser: Browser, parley: ParleyProcess, shot: string): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await loginToDashboard(page, parley.baseUrl, parley.email, parley.password);
  await waitConnection(page, 'live');
  await showTab(page, 'All');
  const text = `Olá! Live check ${Date.now()}`;
  const body = buildTextWebhook({ text, from: '5511988887777', name: 'Maria Live' });
  const res = await fetch(`${parley.baseUrl}/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, parley.appSecret) },
    body,
  });
  expect(res.status).toBe(200);
  // The same delivery again (Meta retries) must not show a second copy.
  await fetch(`${parley.baseUrl}/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, parley.appSecret) },
    body,
  });
  // The new conversation appears in the list live, then its thread shows the message once.
  await openConversation(page, text, 15_000);
  const item = threadMessage(page, text);
  await item.waitFor({ timeout: 15_000 });
  await page.waitForTimeout(500);
  expect(await item.count()).toBe(1);
  expect(await page.locator('[role=option]', { hasText: 'Maria Live' }).count()).toBe(1);
  await page.screenshot({ path: `e2e/screenshots/${shot}.png` });
  await page.close();
}

describe.skipIf(!browserOk.ok)(`walking skeleton in the browser (${browserOk.reason})`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a signed webhook live on the embedded default', async () => {
    const parley = await startParley();
    try {
      await messageAppearsLive(browser, parley, 'skeleton-embedded');
    } finally {
      await parley.stop();
    }
  }, 120_000);

  it.skipIf(!pg.ok || !redis.ok)(
    `shows a signed webhook live in scale mode (${pg.reason}, ${redis.reason})`,
    async () => {
      const db = await createTestDatabase();
      const prefix = uniqueName('e2e');
      const parley = await startParley({
        env: {
          DATABASE_URL: db.url,
          ...redisEnv(),
          PARLEY_QUEUE_PREFIX: prefix,
          PARLEY_SECRET_KEY: 'a'.repeat(64),
        },
      });
      try {
        await messageAppearsLive(browser, parley, 'skeleton-scale');
      } finally {
        await parley.stop();
        await db.drop();
        await dropRedisPrefix(prefix);
      }
    },
    120_000,
  );
});
