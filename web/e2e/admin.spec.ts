// An administrator's screens: users and roles with the gateway's refusals, appraisal policy
// versions, and the calibration report (stage probability against observed win rate), in both
// languages, at tablet width; a manager is offered none of the administration.
import { expect, test, type Browser } from '@playwright/test';

import { api, expectAccessible, screenshot, signInAs, tokenFor } from './support';

const ADMIN = /Sign in as Admin|以 Admin 登入/;
const MANAGER = /林美 Mei Lin/;
const BUSY_REP = '陳志明 Chih-Ming Chen'; // owns open deals in the demo

async function open(browser: Browser, locale: string) {
  const context = await browser.newContext({ locale, viewport: { width: 1024, height: 768 } });
  return context.newPage();
}

function period(): { from: string; to: string } {
  const now = new Date();
  return { from: new Date(now.getFullYear(), 0, 1).toISOString(), to: new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).toISOString() };
}

test.describe.configure({ mode: 'serial' });

test('an administrator adds, edits, deactivates and reactivates users; the gateway’s refusal is said in zh-TW', async ({ browser }) => {
  const page = await open(browser, 'zh-TW');
  await signInAs(page, ADMIN);
  await page.getByRole('link', { name: '管理' }).click();
  await page.getByRole('button', { name: '使用者與角色' }).click();
  const users = page.getByTestId('users');
  await expect(users.getByRole('row', { name: new RegExp(BUSY_REP) })).toContainText('業務');

  // A new rep, with a manager; the form says what is wrong before asking.
  const email = `lin.hsu.${Date.now()}@pipewise.demo`;
  await page.getByRole('button', { name: '新增使用者' }).click();
  const form = page.getByTestId('user-form');
  await form.getByLabel('姓名').fill('許琳 Lin Hsu');
  await form.getByLabel('電子郵件').fill('not-an-address');
  await form.getByRole('button', { name: '建立使用者' }).click();
  await expect(form.getByRole('alert')).toHaveText('請輸入有效的電子郵件地址。');
  await form.getByLabel('電子郵件').fill(email);
  await form.getByLabel('團隊').fill('east');
  await form.getByLabel('主管').selectOption({ label: '林美 Mei Lin' });
  await form.getByRole('button', { name: '建立使用者' }).click();
  await expect(page.getByRole('status')).toHaveText('已新增 許琳 Lin Hsu。');
  const row = users.locator(`tr[data-user="${email}"]`);
  await expect(row).toContainText('林美 Mei Lin');
  await expectAccessible(page, 'admin users (zh-TW)');
  await screenshot(page, 'admin-users-zh-TW');

  // Made a manager: the gateway has it.
  await page.getByRole('button', { name: '編輯 許琳 Lin Hsu' }).click();
  await page.getByTestId('user-form').getByLabel('角色').selectOption('MANAGER');
  await page.getByTestId('user-form').getByRole('button', { name: '儲存變更' }).click();
  await expect(row.getByRole('cell').nth(1)).toHaveText('主管');
  const token = await tokenFor('admin@pipewise.demo');
  const { users: listed } = await api<{ users: { email: string; role: string; team: string; active: boolean }[] }>(token, '{ users { email role team active } }');
  expect(listed.find((u) => u.email === email)).toEqual({ email, role: 'MANAGER', team: 'east', active: true });

  // A rep who still owns open deals is refused, and stays active.
  await page.getByRole('button', { name: `停用 ${BUSY_REP}` }).click();
  await page.getByRole('button', { name: '確定停用' }).click();
  await expect(page.getByRole('alert')).toHaveText('此使用者仍有進行中的商機，請先交接。');
  await expect(users.getByRole('row', { name: new RegExp(BUSY_REP) })).toContainText('啟用中');

  // One without deals is deactivated.
  await page.getByRole('button', { name: '停用 許琳 Lin Hsu' }).click();
  await page.getByRole('button', { name: '確定停用' }).click();
  await expect(page.getByRole('status')).toHaveText('已停用 許琳 Lin Hsu。');
  await expect(row).toContainText('已停用');

  // And let back in: the gateway accepts her again.
  await page.getByRole('button', { name: '重新啟用 許琳 Lin Hsu' }).click();
  await expect(page.getByRole('status')).toHaveText('許琳 Lin Hsu 已可再次登入。');
  await expect(row).toContainText('啟用中');
  const { users: after } = await api<{ users: { email: string; active: boolean }[] }>(token, '{ users { email active } }');
  expect(after.find((u) => u.email === email)?.active).toBe(true);
  await page.context().close();
});

test('an administrator saves a new appraisal policy version; the one in force is marked', async ({ browser }) => {
  const page = await open(browser, 'en-US');
  await signInAs(page, ADMIN);
  await page.getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('button', { name: 'Appraisal policy' }).click();
  const versions = page.getByTestId('policies');
  await expect(versions.locator('tr[aria-current="true"]')).toContainText('In force');
  await page.getByRole('button', { name: 'New version' }).click();
  const form = page.getByTestId('policy-form');
  await form.getByLabel('Base reward').fill('-1');
  await form.getByRole('button', { name: 'Save as the next version' }).click();
  await expect(page.getByRole('alert')).toHaveText('Base reward: enter a number of zero or more.');
  await form.getByLabel('Base reward').fill('1500');
  await form.getByLabel('Credit').selectOption('SHARED_BY_TIME_OWNED');
  await form.getByRole('button', { name: 'Save as the next version' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Version \d+ is now in force\.$/);

  const token = await tokenFor('admin@pipewise.demo');
  const { appraisalPolicy } = await api<{ appraisalPolicy: { version: number; baseReward: string; creditRule: string } }>(
    token, '{ appraisalPolicy { version baseReward creditRule } }',
  );
  expect(Number(appraisalPolicy.baseReward)).toBe(1500);
  expect(appraisalPolicy.creditRule).toBe('SHARED_BY_TIME_OWNED');
  const current = versions.locator('tr[aria-current="true"]');
  await expect(current).toHaveAttribute('data-version', String(appraisalPolicy.version));
  await expect(current).toContainText('Shared by time owned');
  await page.getByRole('button', { name: `Show version ${appraisalPolicy.version}` }).click();
  const details = page.getByTestId('policy-details');
  await expect(details).toContainText('In force');
  await expect(details).toContainText('1,500');
  await expect(details).toContainText('Admin'); // who saved it, by name
  await expectAccessible(page, 'admin policy versions');
  await screenshot(page, 'admin-policy');
  await page.context().close();
});

test('the calibration report shows each stage’s observed win rate as the API gives it, by source too', async ({ browser }) => {
  const page = await open(browser, 'en-US');
  await signInAs(page, MANAGER);
  await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Reports' }).click();
  const report = page.getByTestId('calibration');
  await expect(report.getByRole('heading', { name: /Calibration/ })).toBeVisible();

  const token = await tokenFor('mei.lin@pipewise.demo');
  type Stage = { stageKey: string; observedWinRate: string | null };
  const { calibration } = await api<{ calibration: { stages: Stage[]; bySource: { sourceId: string; sourceName: string; stages: Stage[] }[] }[] }>(
    token,
    'query($f: ReportFilterInput) { calibration(filter: $f) { stages { stageKey observedWinRate } bySource { sourceId sourceName stages { stageKey observedWinRate } } } }',
    { f: period() },
  );
  const pct = (value: string | null) =>
    value == null ? '—' : new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(Number(value));
  const first = calibration[0]!;
  const table = report.getByTestId('calibration-table').first();
  for (const stage of first.stages) {
    await expect(table.locator(`tr[data-stage="${stage.stageKey}"] [data-testid=observed]`)).toHaveText(pct(stage.observedWinRate));
  }
  const source = first.bySource.find((s) => s.sourceId) ?? first.bySource[0]!;
  await report.getByLabel('Source').selectOption(source.sourceId);
  for (const stage of source.stages) {
    await expect(table.locator(`tr[data-stage="${stage.stageKey}"] [data-testid=observed]`)).toHaveText(pct(stage.observedWinRate));
  }
  await report.scrollIntoViewIfNeeded();
  await expectAccessible(page, 'reports with calibration');
  await screenshot(page, 'reports-calibration');

  // A manager may not manage users: the gateway refuses, whatever the console offers.
  await expect(api(token, 'mutation { createUser(input: { name: "X", email: "x@pipewise.demo", role: REP }) { id } }')).rejects.toThrow();
  await page.context().close();
});
