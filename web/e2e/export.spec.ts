// A manager downloads a report as CSV from the gateway, in UTF-8 and in Big5: the file holds the
// rows the GraphQL report returns.
import { readFileSync } from 'node:fs';

import { expect, type Page, test } from '@playwright/test';

import { api, tokenFor, signInAs } from './support';

const MANAGER = /林美 Mei Lin/;

interface Appraisal {
  repAppraisal: {
    policy: { version: number };
    reps: {
      repId: string;
      repName: string | null;
      owned: number;
      won: number;
      lost: number;
      winRate: string | null;
      wonAmount: { amount: string; currency: string }[];
      averageCycleSeconds: number | null;
      overdue: number;
      score: string;
    }[];
  };
}

const QUERY = `query($f: ReportFilterInput) { repAppraisal(filter: $f) { policy { version } reps {
  repId repName owned won lost winRate wonAmount { amount currency } averageCycleSeconds overdue score } } }`;

const day = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** The page's default period: 1 January to today, as the instants the API takes. */
function period() {
  const now = new Date();
  const start = new Date(now.getFullYear(), 0, 1);
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { filter: { from: start.toISOString(), to: tomorrow.toISOString() }, name: `${day(start)}-to-${day(now)}` };
}

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (c !== '\r') cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

function expectedRows(report: Appraisal['repAppraisal']): string[][] {
  const text = (value: string | number | null) => (value == null ? '' : String(value));
  return report.reps.map((r) => [
    text(report.policy.version), r.repId, text(r.repName), text(r.owned), text(r.won), text(r.lost), text(r.winRate),
    r.wonAmount.map((m) => `${m.amount} ${m.currency}`).join('; '), text(r.averageCycleSeconds), text(r.overdue), r.score,
  ]);
}

async function downloadAppraisal(page: Page, button: RegExp): Promise<{ name: string; bytes: Buffer }> {
  const section = page.locator('section', { has: page.locator('#appraisal-title') });
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: button }).click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

test('a report downloads from the gateway in UTF-8 and in Big5, holding what the API returns', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  await signInAs(page, MANAGER);
  await page.getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { name: 'Appraisal per rep' })).toBeVisible();
  const token = await tokenFor('mei.lin@pipewise.demo');
  const { filter, name } = period();

  let utf8Rows: string[][] = [];
  await expect(async () => {
    const before = await api<Appraisal>(token, QUERY, { f: filter });
    const file = await downloadAppraisal(page, /Download CSV: Appraisal per rep, UTF-8/);
    const after = await api<Appraisal>(token, QUERY, { f: filter });
    expect(after).toEqual(before); // nothing changed while the file was made
    expect(file.name).toBe(`pipewise-appraisal-${name}.csv`);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte-order mark Excel needs
    const rows = parseCsv(new TextDecoder('utf-8').decode(file.bytes));
    expect(rows[0]).toEqual(['policy_version', 'rep_id', 'rep_name', 'owned', 'won', 'lost', 'win_rate', 'won_amount',
      'average_cycle_seconds', 'overdue', 'score']);
    expect(rows.slice(1)).toEqual(expectedRows(after.repAppraisal));
    expect(rows.slice(1).some((row) => /[\u4e00-\u9fff]/.test(row[2] ?? ''))).toBe(true); // Chinese names to encode
    utf8Rows = rows;
  }).toPass({ timeout: 60_000 });

  // Big5, with the console in Chinese: the same rows, the column labels in Chinese.
  await page.getByTestId('language').selectOption('zh-TW');
  await page.getByTestId('csv-encoding').selectOption('big5');
  await expect(async () => {
    const report = await api<Appraisal>(token, QUERY, { f: filter });
    const file = await downloadAppraisal(page, /下載 CSV：業務考核.*Big5/);
    expect(file.name).toBe(`pipewise-appraisal-${name}-big5.csv`);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(file.bytes)).toThrow(); // really Big5
    const rows = parseCsv(new TextDecoder('big5').decode(file.bytes));
    expect(rows[0]).toHaveLength(utf8Rows[0]!.length);
    expect(rows[0]).not.toEqual(utf8Rows[0]);
    expect(rows.slice(1)).toEqual(expectedRows(report.repAppraisal));
  }).toPass({ timeout: 60_000 });
  await context.close();
});

test('a refused export shows the error code’s message, and the page stays usable', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-TW' });
  const page = await context.newPage();
  await signInAs(page, MANAGER);
  await page.getByRole('link', { name: '報表' }).click();
  await expect(page.getByRole('heading', { name: '業務考核' })).toBeVisible();
  // The gateway's rate limiter answers 429 with Retry-After; stand in for it on this one request.
  await page.route('**/export/appraisal.csv?**', (route) =>
    route.fulfill({
      status: 429,
      headers: { 'content-type': 'application/json', 'retry-after': '30' },
      body: JSON.stringify({ data: null, errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED' } }] }),
    }),
  );
  const section = page.locator('section', { has: page.locator('#appraisal-title') });
  await section.getByRole('button', { name: /下載 CSV/ }).click();
  await expect(section.getByRole('alert')).toContainText('30 秒後再試');
  await expect(section.getByRole('button', { name: /下載 CSV/ })).toBeEnabled();
  await context.close();
});
