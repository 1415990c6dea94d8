// The reports a manager reads: the figures on the page are the API's.
import { readFileSync } from 'node:fs';

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

interface LossesAndStays {
  lostReasons: { total: number; reasons: { reasonKey: string; nameZh: string; count: number }[] };
  timeInStage: { pipelineName: string; stages: { stageKey: string; openStays: { count: number } | null }[] }[];
}

test('lost reasons and open stays in time in stage are the API’s, and download as CSV', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-TW' });
  const page = await context.newPage();
  await signInAs(page, MANAGER);
  await page.getByRole('link', { name: '報表' }).click();
  const token = await tokenFor('mei.lin@pipewise.demo');
  let figures: LossesAndStays | undefined;
  await expect(async () => {
    await page.reload();
    figures = await api<LossesAndStays>(
      token,
      `query($f: ReportFilterInput) {
        lostReasons(filter: $f) { total reasons { reasonKey nameZh count } }
        timeInStage(filter: $f) { pipelineName stages { stageKey openStays { count } } }
      }`,
      { f: periodFilter() },
    );
    // The demo loses a deal "to a competitor": the report is not empty.
    expect(figures.lostReasons.total).toBeGreaterThan(0);
    for (const reason of figures.lostReasons.reasons) {
      const row = page.getByTestId('lost-reasons').locator(`[data-reason="${reason.reasonKey}"]`);
      await expect(row).toContainText(reason.nameZh, { timeout: 2000 });
      await expect(row.locator('td').first()).toHaveText(String(reason.count), { timeout: 2000 });
    }
    for (const pipeline of figures.timeInStage) {
      const table = page.locator(`[data-testid=time-in-stage][data-pipeline="${pipeline.pipelineName}"]`);
      for (const stage of pipeline.stages) {
        const cell = table.locator(`[data-stage="${stage.stageKey}"]`).getByTestId('open-stays');
        if (stage.openStays) await expect(cell).toContainText(`${stage.openStays.count} 筆`, { timeout: 2000 });
        else await expect(cell).toHaveText('—', { timeout: 2000 });
      }
    }
  }).toPass({ timeout: 60_000 });
  await screenshot(page, 'reports-lost-reasons');
  await expectAccessible(page, 'reports with lost reasons');

  const section = page.locator('section', { has: page.locator('#lost-reasons-title') });
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: '下載 CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^pipewise-lost-reasons-.*\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  // The gateway's rows: all losses first (group "all"), each reason's key, names and count.
  for (const reason of figures!.lostReasons.reasons) expect(csv).toMatch(new RegExp(`^all,,,,${reason.reasonKey},[^\r\n]*,${reason.nameZh},${reason.count}\r$`, 'm'));
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
