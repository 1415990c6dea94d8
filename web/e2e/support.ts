// What the browser tests share: signing in through the page, asking the public API directly
// (for setup and for checking what the screens show), accessibility checks and screenshots.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCREENSHOTS = resolve(fileURLToPath(new URL('.', import.meta.url)), '../screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

export function baseUrl(): string {
  const url = process.env.PIPEWISE_URL;
  if (!url) throw new Error('PIPEWISE_URL is not set: global-setup starts the system');
  return url;
}

interface User {
  id: string;
  name: string;
  email: string;
  role: string;
}

export async function seededUsers(): Promise<User[]> {
  const response = await fetch(`${baseUrl()}/console/dev/users`);
  return ((await response.json()) as { users: User[] }).users;
}

export async function tokenFor(email: string): Promise<string> {
  const user = (await seededUsers()).find((u) => u.email === email);
  if (!user) throw new Error(`no seeded user ${email}`);
  const response = await fetch(`${baseUrl()}/console/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: user.id }),
  });
  return ((await response.json()) as { token: string }).token;
}

export async function api<T = Record<string, unknown>>(
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(`${baseUrl()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors[0]!.message);
  return body.data;
}

/** Through the "sign in as" page, by the button naming the user. */
export async function signInAs(page: Page, name: RegExp): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name }).click();
  await expect(page.getByTestId('board')).toBeVisible();
}

export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const grave = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    grave.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    `serious or critical accessibility violations on ${screen}`,
  ).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export function column(page: Page, stage: string): Locator {
  return page.locator(`[data-testid=column][data-stage="${stage}"]`);
}

export function card(page: Page, stage: string, title: string): Locator {
  return column(page, stage).locator('[data-testid=card]', { hasText: title });
}

/** Drags with the mouse as a person does: press, move past the start threshold, move, release. */
export async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  await from.scrollIntoViewIfNeeded();
  const start = (await from.boundingBox())!;
  await page.mouse.move(start.x + 20, start.y + 20);
  await page.mouse.down();
  await page.mouse.move(start.x + 40, start.y + 30, { steps: 5 });
  const end = (await to.boundingBox())!;
  await page.mouse.move(end.x + end.width / 2, end.y + 60, { steps: 15 });
  await page.mouse.up();
}
