// The story so far: a rep signs in, sees the board, drags a card out of a stage that asks for a
// tracking number, moves another with the keyboard alone, wins a deal; a manager's browser sees
// the moves live; the rep's bell shows an alert. In zh-TW (the rep's browser) and English.
import { expect, test, type Browser, type Page } from '@playwright/test';

import { card, column, drag, expectAccessible, screenshot, seededUsers, signInAs } from './support';

const REP = /王小華 Hsiao-Hua Wang/;
const MANAGER = /林美 Mei Lin/;

async function contextPage(browser: Browser, locale: string, width = 1280, height = 800): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width, height } });
  return context.newPage();
}

// One story, in order: each test goes on from where the last one left the system.
test.describe.configure({ mode: 'serial' });

test('an administrator asks for a tracking number before a deal leaves "validate"', async ({ browser }) => {
  const page = await contextPage(browser, 'en-US');
  await page.goto('/');
  await page.getByRole('button', { name: /Sign in as Admin/ }).click();
  await page.getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('button', { name: 'Evidence for Validate' }).click();
  const editor = page.getByTestId('evidence-editor');
  await expect(editor).toContainText('Nothing is required.');
  await editor.getByLabel('Kind').selectOption('SAMPLE_SENT');
  await editor.getByRole('checkbox', { name: 'Tracking number' }).check();
  await editor.getByRole('button', { name: 'Add the rule' }).click();
  await expect(editor.getByRole('status')).toHaveText('Saved.');
  await expect(editor.getByRole('listitem')).toContainText('tracking number');
  await screenshot(page, 'admin-evidence');
  await expectAccessible(page, 'admin');
  await page.context().close();
});

test('the sign-in page lists the seeded users, in zh-TW for a Chinese browser', async ({ browser }) => {
  const page = await contextPage(browser, 'zh-TW');
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '登入 Pipewise' })).toBeVisible();
  const names = (await seededUsers()).map((u) => u.name);
  for (const name of names) await expect(page.getByRole('button', { name: new RegExp(name) })).toBeVisible();
  await screenshot(page, 'sign-in');
  await expectAccessible(page, 'sign-in');
  await page.context().close();
});

test('a rep moves cards through the stages and a manager sees it live', async ({ browser }) => {
  const rep = await contextPage(browser, 'zh-TW');
  const manager = await contextPage(browser, 'en-US');
  await signInAs(rep, REP);
  await signInAs(manager, MANAGER);
  await expect(rep.getByRole('heading', { name: '看板' })).toBeVisible();
  await expect(manager.getByRole('heading', { name: 'Board' })).toBeVisible();

  // The board: a column per stage with its count and sum, the rep's cards with their badges.
  const validate = column(rep, 'validate');
  await expect(validate.getByRole('heading', { name: '驗證機會' })).toBeVisible();
  await expect(card(rep, 'needs_analysis', 'Demo deal 11')).toContainText('即將到期');
  await expect(column(manager, 'discover').getByTestId('column-total')).toContainText('TWD');
  await screenshot(rep, 'board-zh-TW');
  await screenshot(manager, 'board-en');
  await expectAccessible(rep, 'board');

  // Leaving "validate" asks for the tracking number; cancelling leaves the card where it was.
  const deal2 = card(rep, 'validate', 'Demo deal 2');
  await drag(rep, deal2, column(rep, 'needs_analysis'));
  const dialog = rep.getByRole('dialog');
  await expect(dialog).toContainText('驗證機會');
  await expectAccessible(rep, 'evidence dialog');
  await screenshot(rep, 'evidence-dialog');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(card(rep, 'validate', 'Demo deal 2')).toBeVisible();

  await drag(rep, card(rep, 'validate', 'Demo deal 2'), column(rep, 'needs_analysis'));
  await dialog.getByLabel('貨運公司').fill('黑貓宅急便');
  await dialog.getByLabel('貨運追蹤號碼').fill('TW-0012345678');
  await dialog.getByRole('button', { name: '儲存並移動' }).click();
  await expect(card(rep, 'needs_analysis', 'Demo deal 2')).toBeVisible();
  await expect(rep.getByRole('dialog')).toHaveCount(0);
  // The manager's board, open all along, shows the move without a reload.
  await expect(card(manager, 'needs_analysis', 'Demo deal 2')).toBeVisible();
  await expect(card(manager, 'validate', 'Demo deal 2')).toHaveCount(0);

  // The keyboard alone: the card's handle, space to pick up, right arrow, space to drop.
  const handle = card(rep, 'decision_makers', 'Demo deal 5').getByRole('button', { name: /移動/ });
  await handle.focus();
  await rep.keyboard.press('Space');
  await expect(rep.getByText(/^(已拿起「Demo deal 5: decision_makers」|「Demo deal 5: decision_makers」位於「確定決策者」上方)。$/)).toBeAttached();
  await rep.keyboard.press('ArrowRight');
  // What a screen reader hears once the card is over the next column.
  await expect(rep.getByText('「Demo deal 5: decision_makers」位於「認知分析」上方。')).toBeAttached();
  await rep.keyboard.press('Space');
  await expect(card(rep, 'perception_analysis', 'Demo deal 5')).toBeVisible();
  await expect(card(manager, 'perception_analysis', 'Demo deal 5')).toBeVisible();

  // Winning a deal, from its page.
  await card(rep, 'negotiation', 'Demo deal 8').getByRole('link').click();
  await expect(rep.getByRole('heading', { name: /Demo deal 8/ })).toBeVisible();
  await rep.getByRole('button', { name: '標記為成交' }).click();
  await expect(rep.getByTestId('status')).toHaveText('成交');
  await expect(rep.getByTestId('timeline')).toContainText('從「談判審核」移到「中標」');
  await screenshot(rep, 'opportunity-zh-TW');
  await expectAccessible(rep, 'opportunity page');
  await expect(card(manager, 'negotiation', 'Demo deal 8')).toHaveCount(0);

  // The rep's bell: the alert for the deal closing within the week.
  await expect(rep.getByTestId('bell-count')).toBeVisible({ timeout: 60_000 });
  await rep.getByTestId('bell').click();
  await expect(rep.getByTestId('notification').first()).toBeVisible();
  await screenshot(rep, 'notifications');
  await expectAccessible(rep, 'notifications');

  // English on the manager's side, switched to zh-TW and back.
  await manager.getByTestId('language').selectOption('zh-TW');
  await expect(manager.getByRole('heading', { name: '看板' })).toBeVisible();
  await manager.getByTestId('language').selectOption('en');
  await expect(manager.getByRole('heading', { name: 'Board' })).toBeVisible();
  await rep.context().close();
  await manager.context().close();
});

test('the board and a deal fit a phone, the deal showing its evidence', async ({ browser }) => {
  const phone = await contextPage(browser, 'en-US', 390, 844);
  await signInAs(phone, REP);
  const first = column(phone, 'discover');
  await expect(first).toBeVisible();
  const box = (await first.boundingBox())!;
  expect(box.width).toBeLessThanOrEqual(390);
  const pageWidth = () => phone.evaluate(() => document.documentElement.scrollWidth);
  expect(await pageWidth()).toBeLessThanOrEqual(390); // the columns scroll inside the board, not the page
  await screenshot(phone, 'board-phone');
  await expectAccessible(phone, 'board at 390 px');

  await card(phone, 'needs_analysis', 'Demo deal 2').getByRole('link').click();
  await expect(phone.getByRole('heading', { name: /Demo deal 2/ })).toBeVisible();
  await expect(phone.getByTestId('timeline')).toContainText('黑貓宅急便 · TW-0012345678');
  expect(await pageWidth()).toBeLessThanOrEqual(390);
  await screenshot(phone, 'opportunity-phone');
  await expectAccessible(phone, 'deal page at 390 px');
  await phone.context().close();
});
