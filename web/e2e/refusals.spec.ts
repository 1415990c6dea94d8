// What goes wrong, shown plainly: a move on a deal someone changed meanwhile, and a connection
// that drops and comes back.
import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';

import { api, card, drag, expectAccessible, column, screenshot, signInAs, tokenFor } from './support';

const REP = /張雅婷 Ya-Ting Chang/;

async function opportunity(token: string, title: string): Promise<{ id: string; version: number }> {
  const data = await api<{ opportunities: { nodes: { id: string; version: number; title: string }[] } }>(
    token,
    'query($s: String) { opportunities(first: 10, filter: { search: $s }) { nodes { id version title } } }',
    { s: title },
  );
  return data.opportunities.nodes.find((n) => n.title.startsWith(title))!;
}

async function moveByApi(token: string, title: string, stageKey: string): Promise<void> {
  const { id, version } = await opportunity(token, title);
  await api(token, 'mutation($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { id } }', {
    i: { id, expectedVersion: version, stageKey },
  });
}

test('a move on a deal changed meanwhile is refused and the card goes to its true place', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  // This browser hears no live changes (its socket never reaches the gateway), so its board
  // still shows the old place when the manager moves the deal.
  await context.routeWebSocket(/\/graphql$/, () => {});
  const page = await context.newPage();
  await signInAs(page, REP);
  await expect(card(page, 'needs_analysis', 'Demo deal 3')).toBeVisible();

  await moveByApi(await tokenFor('mei.lin@pipewise.demo'), 'Demo deal 3', 'discover');
  await drag(page, card(page, 'needs_analysis', 'Demo deal 3'), column(page, 'value_proposition'));

  await expect(page.getByTestId('move-error')).toHaveText(
    'Someone changed this deal meanwhile; it is back where it really is. Try again.',
  );
  await expect(card(page, 'discover', 'Demo deal 3')).toBeVisible();
  await expect(card(page, 'value_proposition', 'Demo deal 3')).toHaveCount(0);
  await screenshot(page, 'board-conflict');
  await expectAccessible(page, 'board with a refusal');
  await context.close();
});

test('a lost connection shows a banner and, once back, the board catches up', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-TW' });
  let cut = false;
  const open: WebSocketRoute[] = [];
  await context.routeWebSocket(/\/graphql$/, (socket) => {
    if (cut) return void socket.close({ code: 1006 });
    open.push(socket);
    socket.connectToServer();
  });
  const page: Page = await context.newPage();
  await signInAs(page, REP);
  await expect(card(page, 'perception_analysis', 'Demo deal 6')).toBeVisible();

  cut = true;
  for (const socket of open.splice(0)) await socket.close({ code: 1006 });
  const banner = page.getByTestId('connection-lost');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('連線中斷');
  await screenshot(page, 'connection-lost');

  // Meanwhile the manager moves one of the rep's deals; the rep's board cannot hear it.
  await moveByApi(await tokenFor('mei.lin@pipewise.demo'), 'Demo deal 6', 'proposal');
  cut = false;
  await expect(banner).toBeHidden({ timeout: 30_000 });
  await expect(card(page, 'proposal', 'Demo deal 6')).toBeVisible();
  await context.close();
});

test('a user deactivated while signed in is sent to sign in again, and told why', async ({ browser }) => {
  const admin = await tokenFor('admin@pipewise.demo');
  const suffix = Date.now().toString(36);
  const { createUser: user } = await api<{ createUser: { id: string; version: number } }>(admin, `
    mutation($input: CreateUserInput!) { createUser(input: $input) { id version } }`, {
    input: { name: `周臨時 Temp Chou ${suffix}`, email: `temp.${suffix}@pipewise.demo`, role: 'REP', team: 'north' },
  });
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signInAs(page, new RegExp(`Temp Chou ${suffix}`));
  await expect(page.getByTestId('viewer')).toContainText(`Temp Chou ${suffix}`);

  await api(admin, 'mutation($id: ID!, $v: Int!) { deactivateUser(id: $id, expectedVersion: $v) { id } }', {
    id: user.id,
    v: user.version,
  });
  // The gateway closes the user's WebSocket (4403): the console ends the session and says why.
  await expect(page.getByRole('heading', { name: 'Sign in to Pipewise' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(/your account has been deactivated/);
  await screenshot(page, 'signed-out-deactivated');
  await context.close();
});
