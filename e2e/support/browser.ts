// Debian's Chromium driven by playwright-core (no browser downloads work here). Absent Chromium
// skips browser tests with the reason, unless PARLEY_REQUIRE_SERVICES=1 (CI) makes it mandatory.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): { ok: boolean; reason: string } {
  if (existsSync(CHROMIUM)) return { ok: true, reason: 'Chromium' };
  const reason = `Chromium not found at ${CHROMIUM} (apt-get install chromium)`;
  if (process.env.PARLEY_REQUIRE_SERVICES === '1')
    throw new Error(`${reason}, and PARLEY_REQUIRE_SERVICES=1 makes it mandatory`);
  return { ok: false, reason };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Without the background-networking flags Chromium tries to reach Google's hosts, which this
    // network refuses.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
