// Real Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core (never a
// downloaded browser). Headless, no sandbox (CI runs as root), nothing that talks to the network.

import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.FENGHUO_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
