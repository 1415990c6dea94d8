// Signing in as production does: the authorization code flow with PKCE against an identity
// provider (a small one the test system runs, tests/e2e/oidc_provider.py), the gateway in
// production mode checking the provider's RS256 tokens against its JWKS; the access token
// refreshed before it expires, a reload keeping the session, and sign-out at the provider.
import { expect, test, type Page } from '@playwright/test';

import { expectAccessible, screenshot, seededUsers } from './support';

function oidcGateway(): string {
  const url = process.env.PIPEWISE_OIDC_URL;
  if (!url) throw new Error('PIPEWISE_OIDC_URL is not set: global-setup starts the system');
  return url;
}

function provider(): string {
  return process.env.PIPEWISE_IDENTITY_PROVIDER!;
}

interface Stats {
  codes: number;
  refreshes: number;
  signOuts: number;
  refused: string[];
}

async function stats(): Promise<Stats> {
  return (await (await fetch(`${provider()}/test/stats`)).json()) as Stats;
}

async function storedToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => sessionStorage.getItem('pipewise.session'));
  return raw ? (JSON.parse(raw) as { token: string }).token : '';
}

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
}

test.use({ baseURL: process.env.PIPEWISE_OIDC_URL });

test('production mode offers the provider and no "sign in as" page, in both languages', async ({ browser }) => {
  expect((await fetch(`${oidcGateway()}/console/dev/users`)).status).toBe(404);
  const config = (await (await fetch(`${oidcGateway()}/console/config.json`)).json()) as {
    oidc: { issuer: string } | null;
    devSignIn: boolean;
    production: boolean;
  };
  expect(config).toMatchObject({ oidc: { issuer: provider() }, devSignIn: false, production: true });
  for (const [locale, label] of [['zh-TW', '以公司帳號登入'], ['en-US', 'Sign in with your company account']] as const) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('button', { name: label })).toBeVisible();
    await expect(page.getByText(/pick a seeded user|示範使用者/)).toHaveCount(0);
    await expectAccessible(page, `OpenID Connect sign-in (${locale})`);
    await screenshot(page, `sign-in-oidc-${locale}`);
    await context.close();
  }
});

test('signs in with the code flow and PKCE, refreshes the token, keeps the session on reload, signs out', async ({ browser }) => {
  test.setTimeout(240_000);
  const manager = (await seededUsers()).find((u) => u.role === 'MANAGER')!;
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  const before = await stats();

  // A link to a screen, opened signed out: the provider, then back to that screen.
  await page.goto('/reports');
  await page.getByRole('button', { name: 'Sign in with your company account' }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider()}/authorize\\?`));
  const asked = new URL(page.url()).searchParams;
  expect(asked.get('response_type')).toBe('code');
  expect(asked.get('code_challenge_method')).toBe('S256');
  expect(asked.get('redirect_uri')).toBe(`${oidcGateway()}/auth/callback`);
  await page.getByRole('button', { name: new RegExp(manager.email.replace(/\./g, '\\.')) }).click();

  await expect(page).toHaveURL(`${oidcGateway()}/reports`);
  await expect(page.getByTestId('viewer')).toContainText(manager.name);
  await expect(page.getByRole('heading', { name: 'Appraisal per rep' })).toBeVisible(); // the gateway took the token
  expect((await stats()).codes).toBe(before.codes + 1);
  const first = await storedToken(page);
  expect(claims(first)).toMatchObject({ iss: provider(), sub: manager.id, role: 'MANAGER' });
  await screenshot(page, 'oidc-signed-in');

  // The access token lives 75 s; the console trades the refresh token for a new one before then.
  await expect.poll(async () => (await stats()).refreshes, { timeout: 90_000 }).toBeGreaterThan(before.refreshes);
  await expect.poll(() => storedToken(page), { timeout: 10_000 }).not.toBe(first);
  const second = await storedToken(page);
  const sent = page.waitForRequest((r) => r.url().endsWith('/graphql') && r.headers().authorization === `Bearer ${second}`);
  await page.getByRole('link', { name: 'Board' }).click();
  await sent;
  await expect(page.getByTestId('board')).toBeVisible();

  // A reload keeps the session, and its token keeps being refreshed.
  const refreshes = (await stats()).refreshes;
  await page.reload();
  await expect(page.getByTestId('board')).toBeVisible();
  await expect(page.getByTestId('viewer')).toContainText(manager.name);
  await expect.poll(async () => (await stats()).refreshes, { timeout: 90_000 }).toBeGreaterThan(refreshes);

  // Sign-out ends the session at the provider too, and comes back to the sign-in page.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in with your company account' })).toBeVisible();
  await expect.poll(async () => (await stats()).signOuts).toBe(before.signOuts + 1);
  await expect(page).toHaveURL(new RegExp(`^${oidcGateway()}/`));
  expect(await storedToken(page)).toBe('');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in with your company account' })).toBeVisible();
  expect((await stats()).refused).toEqual(before.refused);
  await context.close();
});
