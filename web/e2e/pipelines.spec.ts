// An administrator builds a pipeline: creates it, adds a stage, changes its probability and moves it
// (by keyboard, then by dragging), and the gateway and the board both have the new stages and order;
// in English at 1280 px and in Chinese at tablet width, with no serious accessibility violation.
import { expect, test, type Locator, type Page } from '@playwright/test';

import { api, column, expectAccessible, screenshot, signInAs, tokenFor } from './support';

const ADMIN = /Sign in as Admin|以 Admin 登入/;
const CONFLICT_ZH = '這筆商機剛被他人更新，已回到實際位置，請再試一次。';

type Listed = { pipelines: { id: string; name: string; alertDaysBeforeClose: number; stages: { key: string; probability: number; position: number }[] }[] };

/** Drags a row by its handle onto another row, as a person does with the mouse. */
async function dragRow(page: Page, handle: Locator, onto: Locator): Promise<void> {
  await onto.scrollIntoViewIfNeeded();
  await handle.scrollIntoViewIfNeeded();
  const from = (await handle.boundingBox())!;
  const to = (await onto.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 10, { steps: 3 });
  await page.mouse.move(to.x + 40, to.y + to.height / 2, { steps: 10 });
  await page.mouse.move(to.x + 42, to.y + to.height / 2, { steps: 2 });
  await page.mouse.up();
}

async function stagesOnBoard(page: Page, pipeline: string): Promise<string[]> {
  await page.getByRole('link', { name: /^(Board|看板)$/ }).click();
  await page.getByRole('combobox', { name: 'Pipeline', exact: true }).selectOption({ label: pipeline });
  await expect(column(page, 'trial')).toBeVisible();
  return page.locator('[data-testid=column]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-stage') ?? ''));
}

test('an administrator creates a pipeline, sets a stage’s probability and order; the gateway and the board follow', async ({ browser }) => {
  const name = `Export ${Date.now()}`;
  const context = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signInAs(page, ADMIN);
  await page.getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('button', { name: 'Pipelines and stages' }).click();

  await page.getByRole('button', { name: 'New pipeline' }).click();
  const created = page.getByTestId('pipeline-settings').getByTestId('pipeline-form');
  await created.getByLabel('Pipeline name').fill(name);
  await created.getByLabel('Alert days before close').fill('5');
  await created.getByRole('button', { name: 'Create the pipeline' }).click();
  await expect(page.getByTestId('pipeline-settings').locator('p[role=status]')).toContainText(name);
  const stages = page.getByTestId('pipeline-stages');
  await expect(stages.getByRole('heading', { name: `Stages of ${name}` })).toBeVisible();

  await stages.getByRole('button', { name: 'Add a stage' }).click();
  const added = page.getByTestId('new-stage-form');
  await added.getByLabel('Key (a-z, 0-9, _)').fill('trial');
  await added.getByLabel('Name (Chinese)').fill('試用');
  await added.getByLabel('Name (English)').fill('Trial');
  await added.getByLabel('Probability').fill('30');
  await added.getByRole('button', { name: 'Add a stage' }).click();
  await expect(stages.locator('p[role=status]')).toHaveText('Trial was added.');

  await stages.getByRole('button', { name: 'Edit Trial' }).click();
  await page.getByTestId('stage-form').getByLabel('Probability').fill('45');
  await page.getByTestId('stage-form').getByLabel('Rotting after (days)').fill('21');
  await page.getByTestId('stage-form').getByRole('button', { name: 'Save the stage' }).click();
  await expect(stages.locator('p[role=status]')).toHaveText('Trial was saved.');
  await expect(stages.locator('tr[data-stage=trial]')).toContainText('45%');

  // Up by keyboard alone, from last to first.
  const rows = stages.locator('tbody tr');
  await expect(rows.nth(3)).toHaveAttribute('data-stage', 'trial');
  for (const index of [2, 1, 0]) {
    await stages.getByRole('button', { name: 'Move Trial up' }).focus();
    await page.keyboard.press('Enter');
    await expect(rows.nth(index)).toHaveAttribute('data-stage', 'trial');
  }
  await expect(stages.locator('p[role=status]')).toHaveText('The new order was saved.');
  // And the won stage dragged below the lost one.
  await dragRow(page, stages.getByRole('button', { name: 'Drag Won' }), stages.locator('tr[data-stage=lost]'));
  await expect(rows.last()).toHaveAttribute('data-stage', 'won');
  await expectAccessible(page, 'admin pipelines (en)');
  await screenshot(page, 'admin-pipelines-en');

  const token = await tokenFor('admin@pipewise.demo');
  const { pipelines } = await api<Listed>(token, '{ pipelines { id name alertDaysBeforeClose stages { key probability position } } }');
  const mine = pipelines.find((p) => p.name === name)!;
  expect(mine.alertDaysBeforeClose).toBe(5);
  expect([...mine.stages].sort((a, b) => a.position - b.position).map((s) => [s.key, s.probability])).toEqual([
    ['trial', 45], ['new', 10], ['lost', 0], ['won', 100],
  ]);

  // The board, from the same cache, lays its columns out in the new order.
  const onBoard = await stagesOnBoard(page, name);
  expect(onBoard.filter((key) => key === 'trial' || key === 'new')).toEqual(['trial', 'new']);
  await context.close();

  // In Chinese at tablet width, a stale version is refused with its message.
  const zh = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1024, height: 768 } })).newPage();
  await signInAs(zh, ADMIN);
  await zh.getByRole('link', { name: '管理' }).click();
  await zh.getByRole('button', { name: '管道與階段' }).click();
  await zh.getByTestId('pipeline-settings').getByRole('combobox').selectOption({ label: name });
  await expect(zh.getByTestId('pipeline-stages').locator('tr[data-stage=trial]')).toContainText('45%');
  // Meanwhile someone else changes the pipeline.
  const { pipelines: now } = await api<{ pipelines: { id: string; version: number }[] }>(token, '{ pipelines { id version } }');
  const version = now.find((p) => p.id === mine.id)!.version;
  await api(token, 'mutation($id: ID!, $v: Int!) { updatePipeline(input: { pipelineId: $id, expectedVersion: $v, alertDaysBeforeClose: 6 }) { version } }', { id: mine.id, v: version });
  await zh.getByTestId('pipeline-stages').getByRole('button', { name: '將「試用」下移' }).click();
  await expect(zh.getByTestId('pipeline-stages').getByRole('alert')).toHaveText(CONFLICT_ZH);
  // Read again after the refusal, the retry goes through.
  await expect(zh.getByTestId('pipeline-settings').getByLabel('預計成交前幾天提醒')).toHaveValue('6');
  await zh.getByTestId('pipeline-stages').getByRole('button', { name: '將「試用」下移' }).click();
  await expect(zh.getByTestId('pipeline-stages').locator('p[role=status]')).toHaveText('已儲存新的順序。');
  await expectAccessible(zh, 'admin pipelines (zh-TW)');
  await screenshot(zh, 'admin-pipelines-zh-TW');
  await zh.context().close();
});
