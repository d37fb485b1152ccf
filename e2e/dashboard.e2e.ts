// The dashboard end to end: a real `parley start`, the WhatsApp simulator as Graph API and webhook
// source, and two agents in two browser contexts (A the owner, B an agent who sees only what is
// assigned to them). Screenshots of the main screens go to e2e/screenshots/. The tests run in
// order and share one server: later ones continue the conversation the first one starts.
import { createServer } from 'node:net';
import { createSimulator, type Simulator, webhookError } from '@parley/wa-sim';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../packages/server/src/test-support/services.ts';
import { chromiumAvailable, launchBrowser } from './support/browser.ts';
import {
  conversationRow,
  loginToDashboard,
  openConversation,
  recordStatuses,
  sendReply,
  showTab,
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

/** REST as the owner, for setup and for checking what the server holds. */
async function ownerApi(parley: ParleyProcess) {
  const res = await fetch(`${parley.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: parley.email, password: parley.password }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken, agent } = (await res.json()) as { csrfToken: string; agent: { id: string } };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${parley.baseUrl}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  return { call, ownerId: agent.id };
}

interface ConvRow {
  id: string;
  contact: { waId: string | null };
}

describe.skipIf(!browserOk.ok)(
  `agent dashboard in the browser (${browserOk.reason}, ${pg.ok ? 'PostgreSQL' : 'embedded'})`,
  () => {
    let browser: Browser;
    let parley: ParleyProcess;
    let sim: Simulator;
    let api: Awaited<ReturnType<typeof ownerApi>>;
    let agentB: { id: string; email: string; password: string };
    let ctxA: BrowserContext;
    let ctxB: BrowserContext;
    let pageA: Page;
    let pageB: Page;
    /** Next outbound send gets a failed status instead of sent → delivered → read. */
    let failNext = false;
    let db: { url: string; drop(): Promise<void> } | null = null;
    let dbEnv: Record<string, string> = {};

    const conversationOf = async (waId: string): Promise<string> => {
      for (let i = 0; i < 80; i++) {
        const page = await api.call<{ items: ConvRow[] }>('GET', '/api/v1/conversations?view=all&limit=200');
        const hit = page.items.find((c) => c.contact.waId === waId);
        if (hit) return hit.id;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`no conversation for ${waId}`);
    };

    beforeAll(async () => {
      const simPort = await freePort();
      // PostgreSQL when there is one (boots in seconds); the embedded default otherwise.
      if (pg.ok) {
        db = await createTestDatabase();
        dbEnv = { DATABASE_URL: db.url, PARLEY_SECRET_KEY: 'c'.repeat(64) };
      }
      // startParley picks a random port; on a busy machine it may be taken, so try again.
      for (let attempt = 1; ; attempt++) {
        try {
          parley = await startParley({
            env: {
              ...dbEnv,
              WHATSAPP_GRAPH_URL: `http://127.0.0.1:${simPort}`,
              PARLEY_FETCH_ALLOW: '127.0.0.1',
            },
          });
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
        autoStatuses: false,
      });
      await sim.start();
      // Statuses a few hundred ms apart, so every tick is on screen long enough to be seen.
      sim.onOutbound((m) => {
        const status = (s: 'sent' | 'delivered' | 'read' | 'failed', ms: number, fail = false) =>
          setTimeout(() => {
            void sim.sendStatus({
              messageId: m.id,
              recipientId: m.to,
              status: s,
              ...(fail
                ? { errors: [webhookError('undeliverable', 'The number cannot receive messages.')] }
                : {}),
            });
          }, ms);
        if (failNext) {
          failNext = false;
          status('failed', 300, true);
          return;
        }
        status('sent', 400);
        status('delivered', 1000);
        status('read', 1600);
      });
      api = await ownerApi(parley);
      agentB = { id: '', email: 'bea@e2e.test', password: 'agent-b-password' };
      const created = await api.call<{ agent: { id: string } }>('POST', '/api/v1/agents', {
        email: agentB.email,
        name: 'Bea Agent',
        role: 'agent',
        password: agentB.password,
      });
      agentB.id = created.agent.id;
      browser = await launchBrowser();
      ctxA = await browser.newContext({ viewport: { width: 1360, height: 820 } });
      ctxB = await browser.newContext({ viewport: { width: 1360, height: 820 } });
      pageA = await ctxA.newPage();
      pageB = await ctxB.newPage();
      await loginToDashboard(pageA, parley.baseUrl, parley.email, parley.password);
      await loginToDashboard(pageB, parley.baseUrl, agentB.email, agentB.password);
      await waitConnection(pageA, 'live');
      await waitConnection(pageB, 'live');
      await showTab(pageA, 'All');
      await showTab(pageB, 'Mine');
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await sim?.stop();
      await parley?.stop();
      await db?.drop();
    });

    const CUSTOMER = '5511977770001';

    it('shows a customer message live to the agent it is assigned to', async () => {
      await sim.sendText(CUSTOMER, 'Hi, is my order on its way?', { name: 'Rita Customer' });
      const id = await conversationOf(CUSTOMER);
      await api.call('POST', `/api/v1/conversations/${id}/assign`, { assigneeId: agentB.id });
      await openConversation(pageB, 'Rita Customer');
      await threadMessage(pageB, 'Hi, is my order on its way?').waitFor();
      await sim.sendText(CUSTOMER, 'It was due yesterday.', { name: 'Rita Customer' });
      await threadMessage(pageB, 'It was due yesterday.').waitFor({ timeout: 15_000 });
      expect(await threadMessage(pageB, 'It was due yesterday.').count()).toBe(1);
      await pageB.screenshot({ path: `${SHOTS}/dashboard-thread-agent-b.png` });
    }, 90_000);

    it('shows a reply going pending → sent → delivered → read', async () => {
      await openConversation(pageA, 'Rita Customer');
      const text = `We are on it ${Date.now()}`;
      const statuses = await recordStatuses(pageA, text);
      await sendReply(pageA, text);
      await pageA
        .locator('[data-testid=message][data-status=read]', { hasText: text })
        .waitFor({ timeout: 20_000 });
      const seen = await statuses();
      const order = ['pending', 'sent', 'delivered', 'read'];
      expect(seen.filter((s) => order.includes(s))).toEqual(order);
      await pageA.screenshot({ path: `${SHOTS}/dashboard-thread.png` });
    }, 90_000);

    it('brings an answer given while the agent was offline, without a reload', async () => {
      await threadMessage(pageB, 'It was due yesterday.').waitFor();
      await ctxB.setOffline(true);
      await waitConnection(pageB, 'offline');
      await pageB.screenshot({ path: `${SHOTS}/dashboard-offline.png` });
      await openConversation(pageA, 'Rita Customer');
      const answer = `Answered while Bea was away ${Date.now()}`;
      await sendReply(pageA, answer);
      await threadMessage(pageA, answer).waitFor();
      await pageA.waitForTimeout(1_000);
      await ctxB.setOffline(false);
      await threadMessage(pageB, answer).waitFor({ timeout: 30_000 });
      expect(await threadMessage(pageB, answer).count()).toBe(1);
    }, 90_000);

    it('tells the agent when the open conversation is transferred away', async () => {
      await threadMessage(pageB, 'It was due yesterday.').waitFor();
      await openConversation(pageA, 'Rita Customer');
      await pageA.selectOption('#assign-select', `agent:${api.ownerId}`);
      await pageB.getByTestId('transferred-banner').waitFor({ timeout: 20_000 });
      expect(await pageB.getByTestId('transferred-banner').textContent()).toContain('transferred to');
      await pageB.screenshot({ path: `${SHOTS}/dashboard-transferred.png` });
    }, 90_000);

    it('shows why a send failed, and Retry sends it', async () => {
      await openConversation(pageA, 'Rita Customer');
      const text = `This one bounces first ${Date.now()}`;
      failNext = true;
      await sendReply(pageA, text);
      const msg = pageA.locator('[data-testid=message]', { hasText: text });
      await msg.locator('[data-testid=failure-reason]').waitFor({ timeout: 20_000 });
      expect(await msg.getAttribute('data-status')).toBe('failed');
      await pageA.screenshot({ path: `${SHOTS}/dashboard-failed.png` });
      await msg.getByRole('button', { name: 'Retry' }).click();
      await pageA
        .locator('[data-testid=message][data-status=read]', { hasText: text })
        .waitFor({ timeout: 20_000 });
      expect(await msg.locator('[data-testid=failure-reason]').count()).toBe(0);
    }, 90_000);

    it('keeps drafts and queued sends across navigation and a reload', async () => {
      const OTHER = '5511977770002';
      await sim.sendText(OTHER, 'Do you ship to Lisbon?', { name: 'Tomás Other' });
      await conversationOf(OTHER);
      await openConversation(pageA, 'Rita Customer');
      await pageA.getByTestId('composer').fill('Half-written draft, do not lose me');
      await openConversation(pageA, 'Tomás Other');
      expect(await pageA.getByTestId('composer').inputValue()).toBe('');
      await openConversation(pageA, 'Rita Customer');
      expect(await pageA.getByTestId('composer').inputValue()).toBe('Half-written draft, do not lose me');

      // The send cannot reach the server: it waits in the outbox, across a reload, and goes once back.
      const blockSends = (route: import('playwright-core').Route) =>
        route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue();
      await pageA.route('**/api/v1/conversations/*/messages', blockSends);
      const queued = `Queued across a reload ${Date.now()}`;
      await sendReply(pageA, queued);
      await pageA.locator('[data-testid=message][data-status=pending]', { hasText: queued }).waitFor();
      await pageA.getByTestId('queued-count').waitFor();
      await pageA.getByTestId('composer').fill('Second draft, kept by reload');
      await pageA.waitForTimeout(300);
      await pageA.reload();
      await pageA.waitForSelector('[data-testid=thread]');
      await threadMessage(pageA, queued).waitFor();
      expect(await pageA.getByTestId('composer').inputValue()).toBe('Second draft, kept by reload');
      await pageA.getByTestId('queued-count').waitFor();
      await pageA.screenshot({ path: `${SHOTS}/dashboard-queued.png` });
      await pageA.unroute('**/api/v1/conversations/*/messages', blockSends);
      await pageA.getByTestId('queued-count').waitFor({ state: 'detached', timeout: 30_000 });
      const id = await conversationOf(CUSTOMER);
      const thread = await api.call<{ items: { body?: { body?: string } }[] }>(
        'GET',
        `/api/v1/conversations/${id}/messages?limit=200`,
      );
      expect(thread.items.filter((m) => m.body?.body === queued)).toHaveLength(1);
      expect(await conversationRow(pageA, 'Tomás Other').count()).toBe(1);
    }, 120_000);

    it('loads older messages on scroll up and raises a pill for new ones while scrolled up', async () => {
      const LONG = '5511977770003';
      for (let i = 1; i <= 70; i++) await sim.sendText(LONG, `History line ${i}:`, { name: 'Lena Long' });
      await sim.idle();
      await conversationOf(LONG);
      await openConversation(pageA, 'Lena Long');
      await threadMessage(pageA, 'History line 70:').waitFor({ timeout: 20_000 });
      // The newest page is shown; the first lines arrive only by scrolling up.
      expect(await threadMessage(pageA, 'History line 1:').count()).toBe(0);
      const thread = pageA.getByTestId('thread');
      for (let i = 0; i < 20 && (await threadMessage(pageA, 'History line 1:').count()) === 0; i++) {
        await thread.evaluate((el) => {
          el.scrollTop = 0;
        });
        await pageA.waitForTimeout(300);
      }
      await threadMessage(pageA, 'History line 1:').waitFor({ timeout: 10_000 });
      // Scrolled up, a new message does not move the view: a pill says it came.
      await sim.sendText(LONG, 'A new line while scrolled up', { name: 'Lena Long' });
      const pill = pageA.getByRole('button', { name: /new message/ });
      await pill.waitFor({ timeout: 15_000 });
      expect(await threadMessage(pageA, 'History line 1:').isVisible()).toBe(true);
      await pageA.screenshot({ path: `${SHOTS}/dashboard-new-messages-pill.png` });
      await pill.click();
      await threadMessage(pageA, 'A new line while scrolled up').waitFor();
      await pageA.waitForTimeout(500);
      expect(await threadMessage(pageA, 'A new line while scrolled up').isVisible()).toBe(true);
    }, 120_000);

    it('sends an attached image', async () => {
      await openConversation(pageA, 'Rita Customer');
      const images = pageA.locator('.msg-out .media-img, .msg-out .media-missing');
      const before = await images.count();
      const png = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      );
      await pageA
        .locator('.composer input[type=file]')
        .setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: png });
      // A preview with a caption field comes first; nothing leaves before Send.
      await pageA.getByTestId('attach-preview').waitFor();
      await pageA.getByLabel('Caption').fill('Your receipt');
      await pageA.getByRole('button', { name: 'Send file' }).click();
      await pageA.waitForFunction(
        (n) => document.querySelectorAll('.msg-out .media-img, .msg-out .media-missing').length > n,
        before,
        {
          timeout: 20_000,
        },
      );
      expect(await images.count()).toBe(before + 1);
    }, 60_000);

    it('renders the list and the settings pages', async () => {
      await sim.sendText('5511977770008', 'Keyboard check one', { name: 'Kim Keys' });
      await sim.sendText('5511977770009', 'Keyboard check two', { name: 'Kai Keys' });
      await conversationOf('5511977770009');
      await pageA.goto(`${parley.baseUrl}/app`);
      await showTab(pageA, 'All');
      await conversationRow(pageA, 'Kai Keys').waitFor();
      await pageA.screenshot({ path: `${SHOTS}/dashboard-list.png` });
      // Keyboard: focus the list, move down a row, open it with Enter.
      await pageA.getByTestId('conversation-list').focus();
      await pageA.keyboard.press('Home');
      await pageA.keyboard.press('ArrowDown');
      const second = await pageA.locator('[role=option]').nth(1).getAttribute('data-conversation-id');
      await pageA.keyboard.press('Enter');
      await pageA.waitForURL(`**/app/c/${second}`);
      // With the pointer over the list, new activity does not move the rows under it.
      const box = (await pageA.getByTestId('conversation-list').boundingBox())!;
      const underPointer = () =>
        pageA.evaluate(
          ([x, y]) =>
            (document.elementFromPoint(x!, y!)?.closest('[role=option]') as HTMLElement | null)?.dataset[
              'conversationId'
            ],
          [box.x + 100, box.y + 30],
        );
      await pageA.mouse.move(box.x + 100, box.y + 30);
      const before = await underPointer();
      await sim.sendText('5511977770010', 'Arrived while hovering', { name: 'Hana Hover' });
      await pageA.getByRole('button', { name: '↑ New activity' }).waitFor({ timeout: 15_000 });
      expect(await underPointer()).toBe(before);
      // The pill re-renders while the tab counts refresh after the new conversation, and Playwright's
      // pointer check raced with it ("<html> intercepts pointer events", then "element was
      // detached"); the element's own click runs the same handler the pill's button has.
      await pageA
        .getByRole('button', { name: '↑ New activity' })
        .evaluate((el) => (el as HTMLElement).click());
      await pageA.mouse.move(box.x + 100, box.y + 30);
      await pageA.waitForTimeout(300);
      expect(await pageA.locator(`[data-conversation-id="${await underPointer()}"]`).textContent()).toContain(
        'Hana Hover',
      );
      await pageA.goto(`${parley.baseUrl}/app/admin/channels`);
      await pageA.getByText('Webhook URL').first().waitFor();
      expect(await pageA.locator('.channel-card .mono').first().textContent()).toBeTruthy();
      await pageA.screenshot({ path: `${SHOTS}/dashboard-admin-channels.png` });
      // Presence: the switch goes to Away and the server keeps it.
      const saved = pageA.waitForResponse('**/api/v1/me/availability');
      await pageA.getByRole('switch').click();
      await pageA.getByRole('switch', { name: 'Away' }).waitFor();
      expect((await saved).status()).toBeLessThan(300);
      const me = await api.call<{ agent: { availability: string } }>('GET', '/api/v1/me');
      expect(me.agent.availability).toBe('away');
      await pageA.goto(`${parley.baseUrl}/app/admin/agents`);
      await pageA.getByText('Bea Agent').waitFor();
      await pageA.screenshot({ path: `${SHOTS}/dashboard-admin-agents.png` });
    }, 60_000);
  },
);
