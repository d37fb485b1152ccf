// An agent's first day, through the pages only: the owner invites an agent choosing the channel
// they answer, the agent signs in, sees the channel's conversation (in the list the dashboard opens
// on, with counts on the tabs) and answers it; after the 24-hour window has closed, a template with
// variables goes out filled in, and its bubble shows the text the customer read.
import { createServer } from 'node:net';
import { createSimulator, type Simulator } from '@parley/wa-sim';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../packages/server/src/test-support/services.ts';
import { chromiumAvailable, launchBrowser } from './support/browser.ts';
import {
  loginToDashboard,
  openConversation,
  sendReply,
  threadMessage,
  waitConnection,
} from './support/dashboard-driver.ts';
import { type ParleyProcess, startParley } from './support/parley-process.ts';

const browserOk = chromiumAvailable();
const pg = await postgresAvailable();
const SHOTS = 'e2e/screenshots';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

describe.skipIf(!browserOk.ok)(`an agent's first day (${browserOk.reason})`, () => {
  let browser: Browser;
  let parley: ParleyProcess;
  let sim: Simulator;
  let owner: Page;
  let agent: Page;
  let db: { url: string; drop(): Promise<void> } | null = null;
  const CUSTOMER = '5511966660001';

  beforeAll(async () => {
    const simPort = await freePort();
    const dbEnv: Record<string, string> = {};
    if (pg.ok) {
      db = await createTestDatabase();
      Object.assign(dbEnv, { DATABASE_URL: db.url, PARLEY_SECRET_KEY: 'd'.repeat(64) });
    }
    for (let attempt = 1; ; attempt++) {
      try {
        parley = await startParley({ env: { ...dbEnv, WHATSAPP_GRAPH_URL: `http://127.0.0.1:${simPort}` } });
        break;
      } catch (err) {
        if (attempt >= 3 || !String(err).includes('already in use')) throw err;
      }
    }
    sim = createSimulator({
      webhookUrl: `${parley.baseUrl}/webhooks/whatsapp`,
      appSecret: parley.appSecret,
      port: simPort,
      host: '127.0.0.1',
    });
    await sim.start();
    browser = await launchBrowser();
    owner = await (await browser.newContext({ viewport: { width: 1360, height: 820 } })).newPage();
    agent = await (await browser.newContext({ viewport: { width: 1360, height: 820 } })).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await sim?.stop();
    await parley?.stop();
    await db?.drop();
  });

  let password = '';

  it('the owner lands where the new message waits and invites an agent to the channel', async () => {
    await sim.sendText(CUSTOMER, 'Bom dia! Vocês entregam no sábado?', { name: 'Joana Cliente' });
    await loginToDashboard(owner, parley.baseUrl, parley.email, parley.password);
    await waitConnection(owner, 'live');
    // Mine is empty: the list opens on Unassigned, where the message is, and every tab has a count.
    await owner.locator('[role=tab][data-view=unassigned][aria-selected=true]').waitFor({ timeout: 20_000 });
    await owner.getByTestId('count-unassigned').filter({ hasText: '1' }).waitFor({ timeout: 20_000 });
    expect(await owner.getByTestId('count-mine').textContent()).toBe('0');
    await owner.locator('[role=option]', { hasText: 'Joana Cliente' }).waitFor();
    await owner.waitForFunction(() => document.title.startsWith('(1)'));

    await owner.goto(`${parley.baseUrl}/app/admin/agents`);
    const invite = owner.getByRole('form', { name: 'Invite an agent' });
    await invite.getByLabel('Name').fill('Duda Agente');
    await invite.getByLabel('Email').fill('duda@e2e.test');
    await invite
      .locator('fieldset', { hasText: 'Channels they answer' })
      .getByRole('checkbox')
      .first()
      .check();
    await owner.screenshot({ path: `${SHOTS}/first-day-invite.png` });
    await invite.getByRole('button', { name: 'Invite agent' }).click();
    const shown = owner.getByRole('status').filter({ hasText: 'first password' });
    await shown.waitFor();
    password = (await shown.locator('code').textContent()) ?? '';
    expect(password.length).toBeGreaterThanOrEqual(8);
    // Settings → Channels shows her as one who answers it.
    await owner.goto(`${parley.baseUrl}/app/admin/channels`);
    const card = owner.getByTestId('channel-card').first();
    await expect
      .poll(() => card.getByRole('checkbox', { name: 'Duda Agente' }).isChecked(), { timeout: 15_000 })
      .toBe(true);
    await owner.screenshot({ path: `${SHOTS}/first-day-channels.png` });
  }, 120_000);

  it('the agent signs in, sees the channel’s conversation and answers it', async () => {
    await loginToDashboard(agent, parley.baseUrl, 'duda@e2e.test', password);
    await waitConnection(agent, 'live');
    await openConversation(agent, 'Joana Cliente');
    await threadMessage(agent, 'Vocês entregam no sábado?').waitFor();
    const reply = 'Entregamos sim, das 9h às 13h.';
    await sendReply(agent, reply);
    await agent
      .locator('[data-testid=message][data-status=delivered], [data-testid=message][data-status=read]', {
        hasText: reply,
      })
      .waitFor({ timeout: 30_000 });
    await agent.screenshot({ path: `${SHOTS}/first-day-agent-answers.png` });
  }, 120_000);

  it('after the window closed, a template with variables goes out filled in and shows its text', async () => {
    const LATE = '5511966660002';
    // The customer wrote 25 hours ago: only templates may go.
    await sim.sendText(LATE, 'Meu pedido chegou?', { name: 'Caio Tarde', at: Date.now() - 25 * 3600_000 });
    await owner.goto(`${parley.baseUrl}/app`);
    await owner.getByRole('tab', { name: /^All\b/ }).click();
    await openConversation(owner, 'Caio Tarde');
    await owner.getByTestId('window-closed-reason').waitFor();
    const picker = owner.getByTestId('template-picker');
    await picker.getByLabel('Template').selectOption('order_update|pt_BR');
    await picker.getByLabel('{{1}}').fill('Caio');
    await picker.getByLabel('{{2}}').fill('#7731');
    expect(await owner.getByTestId('template-preview').textContent()).toBe(
      'Olá Caio, seu pedido #7731 saiu para entrega.',
    );
    await owner.screenshot({ path: `${SHOTS}/first-day-template.png` });
    await picker.getByRole('button', { name: 'Send template' }).click();
    await threadMessage(owner, 'Olá Caio, seu pedido #7731 saiu para entrega.').waitFor({ timeout: 20_000 });
    await owner
      .locator('[data-testid=message][data-status=delivered], [data-testid=message][data-status=read]', {
        hasText: 'seu pedido #7731',
      })
      .waitFor({ timeout: 30_000 });
  }, 120_000);
});
