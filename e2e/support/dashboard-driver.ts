// Drives the agent dashboard (packages/web) the way an agent does: by labels and visible text, with
// a few data-testid hooks where text alone is ambiguous.
import type { Locator, Page } from 'playwright-core';

export async function loginToDashboard(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=agent-name]');
}

export async function waitConnection(
  page: Page,
  state: 'live' | 'reconnecting' | 'offline',
  timeout = 20_000,
): Promise<void> {
  await page.waitForSelector(`output.conn[data-state=${state}]`, { timeout });
}

export async function showTab(page: Page, tab: 'Mine' | 'Unassigned' | 'Team' | 'All'): Promise<void> {
  // Tabs carry a count after their name ("Mine 3").
  await page.getByRole('tab', { name: new RegExp(`^${tab}\\b`) }).click();
}

export function conversationRow(page: Page, text: string): Locator {
  return page.locator('[role=option]', { hasText: text });
}

export async function openConversation(page: Page, text: string, timeout = 20_000): Promise<void> {
  const row = conversationRow(page, text).first();
  await row.waitFor({ timeout });
  await row.click();
  await page.waitForSelector('[data-testid=thread]');
}

export function threadMessage(page: Page, text: string): Locator {
  return page.locator('[data-testid=message]', { hasText: text });
}

export async function sendReply(page: Page, text: string): Promise<void> {
  const box = page.getByTestId('composer');
  await box.fill(text);
  await box.press('Enter');
}

/**
 * Records every delivery state the message with `text` shows, in order, from now on (the page's
 * own MutationObserver, so a state shown for one frame is not missed).
 */
export async function recordStatuses(page: Page, text: string): Promise<() => Promise<string[]>> {
  await page.evaluate((t) => {
    const seen: string[] = [];
    (window as unknown as { __statuses: string[] }).__statuses = seen;
    const look = () => {
      for (const el of document.querySelectorAll<HTMLElement>('[data-testid=message]')) {
        if (!el.textContent?.includes(t)) continue;
        const s = el.dataset['status'];
        if (s && seen.at(-1) !== s) seen.push(s);
      }
    };
    look();
    new MutationObserver(look).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-status'],
    });
  }, text);
  return () => page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);
}
