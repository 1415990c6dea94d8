// The reports a manager reads: the figures on the page are the API's.
import { expect, test } from '@playwright/test';

import { api, expectAccessible, screenshot, signInAs, tokenFor } from './support';

const MANAGER = /林美 Mei Lin/;

function periodFilter(): { from: string; to: string } {
  const now = new Date();
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { from: new Date(now.getFullYear(), 0, 1).toISOString(), to: tomorrow.toISOString() };
}

interface Figures {
  repAppraisal: { reps: { repName: string; won: number; wonAmount: { currency: string; amount: string }[] }[] };
  sourceValue: { bySource: { name: string; money: { currency: string; roi: string | null }[] }[] };
}

test('the reports show the won amounts and each source’s ROI as the API gives them', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signInAs(page, MANAGER);
  await page.getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { name: 'Appraisal per rep' })).toBeVisible();

  const token = await tokenFor('mei.lin@pipewise.demo');
  const money = (amount: string, currency: string) =>
    new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay: 'code', maximumFractionDigits: currency === 'TWD' ? 0 : 2, minimumFractionDigits: currency === 'TWD' ? 0 : 2 }).format(Number(amount));
  await expect(async () => {
    await page.reload();
    const figures = await api<Figures>(
      token,
      'query($f: ReportFilterInput) { repAppraisal(filter: $f) { reps { repName won wonAmount { currency amount } } } sourceValue(filter: $f) { bySource { name money { currency roi } } } }',
      { f: periodFilter() },
    );
    const winners = figures.repAppraisal.reps.filter((r) => r.won > 0);
    expect(winners.length).toBeGreaterThan(0);
    for (const rep of winners) {
      const row = page.getByTestId('appraisal').getByRole('row', { name: new RegExp(rep.repName) });
      for (const won of rep.wonAmount) await expect(row).toContainText(money(won.amount, won.currency), { timeout: 2000 });
    }
    const show = figures.sourceValue.bySource.find((s) => s.name === 'Computex Taipei 2026')!;
    const roi = show.money.find((m) => m.currency === 'TWD')?.roi;
    const shown = roi == null ? '—' : new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(Number(roi));
    await expect(page.locator('[data-source="Computex Taipei 2026"]').getByTestId('roi').first()).toHaveText(shown, { timeout: 2000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.locator('canvas').first()).toBeVisible();
  await screenshot(page, 'reports-en');
  await expectAccessible(page, 'reports');

  await page.getByTestId('language').selectOption('zh-TW');
  await expect(page.getByRole('heading', { name: '業務考核' })).toBeVisible();
  await screenshot(page, 'reports-zh-TW');
  await context.close();
});

test('a rep is not offered the reports', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await signInAs(page, /陳志明 Chih-Ming Chen/);
  await expect(page.getByRole('link', { name: 'Board' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Reports' })).toHaveCount(0);
  await context.close();
});
