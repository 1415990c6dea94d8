// Customers' leftovers: the import results CSV names each card's customer and person in the
// user's language; a contact's business-card photo is uploaded, shown, opened and replaced by
// drag and drop from the customer's page, and a file that is not a photo is refused.
import { readFile } from 'node:fs/promises';

import { expect, test } from '@playwright/test';

import { api, expectAccessible, screenshot, seededUsers, signInAs, tokenFor } from './support';

const MANAGER = /林美 Mei Lin/;
const REP = /王小華 Hsiao-Hua Wang/;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('the import results CSV lists the customer and person each card became', async ({ browser }) => {
  const run = `${Date.now() % 100000}`;
  const cards = [
    '公司,聯絡人,電話,電子郵件,預估金額,幣別',
    `北極星光學${run},周先生,0912-600-${run.slice(-3).padStart(3, '0')},chou${run}@polaris.example,120000,TWD`,
    `北極星光學${run},周先生,0912-600-${run.slice(-3).padStart(3, '0')},chou${run}@polaris.example,80000,TWD`,
    `錯誤金額${run},王先生,0914-333-444,wang${run}@bad.example,很多,TWD`,
  ].join('\r\n');
  const context = await browser.newContext({ locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  await signInAs(page, MANAGER);
  await page.goto('/import');
  await page.getByLabel('CSV file (Big5 or UTF-8)').setInputFiles({ name: 'polaris.csv', mimeType: 'text/csv', buffer: Buffer.from(cards) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-status')).toContainText('Done', { timeout: 60_000 });
  await expect(page.getByTestId('import-links')).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the results (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('polaris.csv-results.csv');
  const lines = (await readFile((await download.path())!, 'utf-8')).replace(/^\ufeff/, '').trim().split('\r\n');
  expect(lines[0]).toBe('Line,Kind,Field,Reason,Customer,Customer found or created,Person,Person found or created,Deal ID');
  const imported = lines.filter((l) => l.includes(',Imported,'));
  expect(imported.length).toBeGreaterThanOrEqual(1);
  expect(imported[0]).toMatch(new RegExp(`^2,Imported,,,北極星光學${run},created,周先生,created,\\w+`));
  expect(lines.some((l) => /^4,Error,/.test(l))).toBe(true);
  await screenshot(page, 'import-results');
  await context.close();
});

test('a rep uploads, opens and replaces a contact card photo; a file that is not a photo is refused', async ({ browser }) => {
  const rep = (await seededUsers()).find((u) => REP.test(u.name))!;
  const token = await tokenFor(rep.email);
  const { createAccount: account } = await api<{ createAccount: { id: string } }>(token, `
    mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { input: { account: { name: `名片測試光電 ${Date.now()}` } } });
  const { createContact: contact } = await api<{ createContact: { id: string } }>(token, `
    mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`, {
    input: { accountId: account.id, contact: { name: '陳怡君', title: '採購經理' } },
  });
  const photoOf = async () =>
    (await api<{ contact: { cardPhoto: { id: string; contentType: string } | null } }>(token, `
      query($id: ID!) { contact(id: $id) { cardPhoto { id contentType } } }`, { id: contact.id })).contact.cardPhoto;

  const page = await (await browser.newContext({ locale: 'zh-TW' })).newPage();
  await signInAs(page, REP);
  await page.goto(`/accounts/${account.id}`);
  const picker = page.getByLabel('陳怡君 的名片照片：將圖片拖放到這裡或選擇檔案');
  await picker.setInputFiles({ name: 'quote.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n') });
  await expect(page.getByRole('alert')).toHaveText('quote.pdf 不是照片：請選擇 JPEG、PNG、GIF、WebP 或 HEIC 圖片。');
  expect(await photoOf()).toBeNull();

  await picker.setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByTestId('account-status')).toHaveText('已儲存 陳怡君 的名片。');
  const first = await photoOf();
  expect(first?.contentType).toBe('image/png');
  await page.getByRole('button', { name: '開啟 陳怡君 的名片' }).click();
  const dialog = page.getByRole('dialog', { name: '陳怡君 的名片' });
  await expect(dialog.getByRole('img', { name: '陳怡君 的名片' })).toBeVisible();
  await screenshot(page, 'card-photo');
  await expectAccessible(page, 'card photo');
  await dialog.getByRole('button', { name: '關閉' }).click();
  await expect(dialog).toBeHidden();
  await expectAccessible(page, 'account with card photo');

  // Replacing it by dropping another image on the drop zone.
  const zone = page.getByText('更換 陳怡君 的名片照片：將圖片拖放到這裡或選擇檔案');
  const transfer = await page.evaluateHandle((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes, new Uint8Array([1, 2, 3])], 'card-2.png', { type: 'image/png' }));
    return data;
  }, PNG.toString('base64'));
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
  await expect.poll(async () => (await photoOf())?.id).not.toBe(first?.id);
  await expect(page.getByRole('button', { name: '開啟 陳怡君 的名片' })).toBeVisible();
  await page.context().close();
});
