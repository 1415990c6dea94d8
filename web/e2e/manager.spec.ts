// A manager's morning: a trade show's Big5 CSV imported and spread round robin, the deals
// closing soon handled in a batch, and a leaver's deals handed over, ending on the brief.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

import { expect, test } from '@playwright/test';

import { api, expectAccessible, screenshot, signInAs, tokenFor } from './support';

const MANAGER = /林美 Mei Lin/;
const PYTHON = resolve(process.cwd(), '../.venv/bin/python');

const CARDS = [
  '公司,聯絡人,電話,電子郵件,預估金額,幣別,備註',
  '台灣精密機械,林先生,0912-111-222,lin@precision.example,300000,TWD,展場洽談',
  '新竹半導體,陳小姐,0913-222-333,chen@hsinchu.example,450000,TWD,索取型錄',
  '高雄鋼構,黃經理,0915-555-666,huang@steel.example,200000,TWD,',
  '錯誤金額公司,王先生,0914-333-444,wang@bad.example,很多,TWD,',
  '台灣精密機械,林先生,0912-111-222,lin@precision.example,300000,TWD,又來一次',
].join('\r\n');

/** The file a Taiwanese spreadsheet saves: Big5, which Node cannot write; Python can. */
function big5(text: string): Buffer {
  return execFileSync(PYTHON, ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.read().encode("big5"))'], {
    input: text,
  });
}

test('a manager imports a Big5 CSV, sees its row errors and duplicates, spread round robin', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-TW' });
  const page = await context.newPage();
  await signInAs(page, MANAGER);
  await page.getByRole('link', { name: '匯入' }).click();
  await page.getByLabel('CSV 檔案（Big5 或 UTF-8）').setInputFiles({ name: 'computex.csv', mimeType: 'text/csv', buffer: big5(CARDS) });
  await page.getByLabel('來源').selectOption({ label: 'Computex Taipei 2026' });
  await page.getByLabel('分派方式').selectOption('ROUND_ROBIN');
  await page.getByRole('button', { name: '匯入', exact: true }).click();

  await expect(page.getByTestId('import-status')).toContainText('完成', { timeout: 60_000 });
  await expect(page.getByRole('heading', { name: /computex\.csv · (?:big5|Big5|BIG5|cp950)/i })).toBeVisible();
  const problems = page.getByTestId('import-problems');
  await expect(problems.getByRole('row', { name: /錯誤/ })).toHaveCount(1);
  await expect(problems.getByRole('row', { name: /重複/ })).toHaveCount(1);
  await screenshot(page, 'import');
  await expectAccessible(page, 'import');

  // Round robin over the three reps: the new deals from the show, one each.
  const token = await tokenFor('mei.lin@pipewise.demo');
  const { sources } = await api<{ sources: { id: string; name: string }[] }>(token, '{ sources { id name } }');
  const show = sources.find((s) => s.name === 'Computex Taipei 2026')!.id;
  const created = await api<{ opportunities: { nodes: { ownerId: string; customerName: string }[] } }>(
    token,
    'query($s: ID) { opportunities(first: 50, filter: { sourceId: $s }) { nodes { ownerId customerName } } }',
    { s: show },
  );
  const fromShow = created.opportunities.nodes.filter((n) => ['高雄鋼構', '新竹半導體', '台灣精密機械'].includes(n.customerName));
  expect(fromShow.length).toBeGreaterThanOrEqual(3);
  expect(new Set(fromShow.map((n) => n.ownerId)).size).toBe(3);
  await context.close();
});

test('the deals closing soon, per rep, get a new close date in one batch', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signInAs(page, MANAGER);
  await page.getByRole('link', { name: 'Closing soon' }).click();
  const soon = page.getByRole('region', { name: /Closing within 14 days/ });
  await expect(soon.getByRole('heading', { name: /王小華 Hsiao-Hua Wang/ })).toBeVisible();
  const row = soon.getByTestId('closing-row').filter({ hasText: 'Demo deal 11' });
  await expect(row).toContainText('days left');
  await screenshot(page, 'closing');
  await expectAccessible(page, 'closing soon');

  await row.getByRole('checkbox').check();
  const later = new Date();
  later.setDate(later.getDate() + 45);
  await page.getByLabel('New close date').fill(later.toISOString().slice(0, 10));
  await page.getByLabel('Reason').fill('Customer budget moves to next quarter');
  await page.getByRole('button', { name: 'Move the close date' }).click();
  await expect(page.getByRole('status')).toHaveText('1 deal changed.');
  await expect(soon.getByTestId('closing-row').filter({ hasText: 'Demo deal 11' })).toHaveCount(0);
  await context.close();
});

test('a manager hands a leaver’s deals over and sees the brief', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signInAs(page, MANAGER);
  await page.getByRole('link', { name: 'Team' }).click();
  await expect(page.getByTestId('team').getByRole('row', { name: /陳志明 Chih-Ming Chen/ })).toBeVisible();

  await page.getByLabel('Leaving rep').selectOption({ label: '陳志明 Chih-Ming Chen' });
  await page.getByRole('checkbox', { name: '張雅婷 Ya-Ting Chang' }).check();
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByTestId('handover-preview').getByRole('listitem');
  await expect(preview.first()).toBeVisible();
  const count = await preview.count();
  await screenshot(page, 'handover-preview');
  await page.getByRole('button', { name: 'Hand over' }).click();
  await expect(page.getByRole('status')).toContainText(`${count} deal`);
  await expect(page.getByTestId('handover-brief')).toHaveCount(count);
  await expect(page.getByTestId('handover-brief').first()).toContainText('張雅婷 Ya-Ting Chang');
  await screenshot(page, 'handover-brief');
  await expectAccessible(page, 'handover brief');
  await context.close();
});
