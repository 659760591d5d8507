import type { Page } from 'playwright-core';

/** signIn signs in through the console's login form, as a person would, and waits for the board. */
export async function signIn(
  page: Page,
  consoleUrl: string,
  who: { email: string; password: string },
): Promise<void> {
  await page.goto(`${consoleUrl}/login`);
  await page.getByLabel(/email/i).fill(who.email);
  await page.getByLabel(/password/i).fill(who.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL(`${consoleUrl}/`);
}
