import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** Flags for a headless Chromium that prints only: no sandbox (containers), no GPU, no calls home. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  // Containers give /dev/shm 64 MB by default; Chromium then uses /tmp for shared memory instead of crashing.
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** launchChromium starts the system's headless Chromium (Debian's /usr/bin/chromium by default). */
export function launchChromium(executablePath = '/usr/bin/chromium'): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}
