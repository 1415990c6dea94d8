// Customers: a rep loses a deal for a reason from the pipeline's list, finds the customer by its
// Chinese name, a contact's phone and the tax number, and sees every deal with it, open and
// closed, with its people; the deal's page shows the customer and its people with their roles.
import { expect, test, type Browser, type Page } from '@playwright/test';

import { api, expectAccessible, screenshot, seededUsers, tokenFor } from './support';

const REP = /王小華 Hsiao-Hua Wang/;

async function signedIn(browser: Browser, locale: string): Promise<Page> {
  const page = await (await browser.newContext({ locale })).newPage();
  await page.goto('/');
  await page.getByRole('button', { name: REP }).click();
  await expect(page.getByTestId('board')).toBeVisible();
  return page;
}

interface Created {
  id: string;
  version: number;
}

/** A Taiwan tax number (統一編號) that passes its checksum, new for each run. */
function freshTaxNumber(): string {
  const weights = [1, 2, 1, 2, 1, 2, 4, 1];
  const digitSum = (n: number) => Math.floor(n / 10) + (n % 10);
  for (;;) {
    const digits = `${Math.floor(Math.random() * 1e8)}`.padStart(8, '0');
    const total = [...digits].reduce((sum, d, i) => sum + digitSum(Number(d) * weights[i]!), 0);
    if (total % 5 === 0 && digits[6] !== '7') return digits;
  }
}

async function customerWithTwoDeals(token: string, taxNumber: string) {
  const { createAccount: account } = await api<{ createAccount: { id: string } }>(token, `
    mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, {
    input: { account: { name: '臺灣精密機械股份有限公司', taxNumber, phones: ['02-2345-6789'], industry: '機械' } },
  });
  const { createContact: contact } = await api<{ createContact: { id: string } }>(token, `
    mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`, {
    input: { accountId: account.id, contact: { name: '陳怡君', title: '採購經理', emails: ['yijun.chen@example.tw'], phones: ['0912-345-678'] } },
  });
  const deals: Created[] = [];
  for (const [title, amount] of [['Lathe retrofit', '300000'], ['Spare parts', '45000']] as const) {
    const { createOpportunity: o } = await api<{ createOpportunity: Created }>(token, `
      mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id version } }`, {
      input: { title, customerName: '臺灣精密機械', amount, currency: 'TWD', expectedCloseDate: '2031-03-31' },
    });
    const { linkOpportunityAccount: linked } = await api<{ linkOpportunityAccount: Created }>(token, `
      mutation($input: LinkOpportunityAccountInput!) { linkOpportunityAccount(input: $input) { id version } }`, {
      input: { opportunityId: o.id, expectedVersion: o.version, accountId: account.id, contacts: [{ contactId: contact.id, role: 'PURCHASING' }] },
    });
    deals.push(linked);
  }
  return { accountId: account.id, deals };
}

test('a rep loses a deal for a listed reason and finds its customer with every deal and person', async ({ browser }) => {
  const rep = (await seededUsers()).find((u) => REP.test(u.name))!;
  const token = await tokenFor(rep.email);
  const taxNumber = freshTaxNumber();
  const { accountId, deals } = await customerWithTwoDeals(token, taxNumber);

  // Losing the spare parts, in English: the pipeline's reasons, and words for "Other".
  const page = await signedIn(browser, 'en-US');
  await page.goto(`/opportunities/${deals[1]!.id}`);
  await expect(page.getByTestId('customer')).toHaveText('臺灣精密機械股份有限公司');
  await expect(page.getByTestId('contact')).toContainText('陳怡君');
  await expect(page.getByTestId('contact')).toContainText('Purchasing');
  await expect(page.getByTestId('contact')).toContainText('+886912345678');
  await page.getByRole('button', { name: 'Mark as lost' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Price')).toBeVisible();
  await dialog.getByLabel('Other').check();
  await expect(dialog.getByRole('button', { name: 'Mark as lost' })).toBeDisabled();
  await dialog.getByLabel('In a few words (required for Other)').fill('They make the parts themselves now');
  await screenshot(page, 'lost-reason');
  await expectAccessible(page, 'lost dialog');
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await expect(page.getByTestId('status')).toHaveText('Lost');
  const { opportunity } = await api<{ opportunity: { lostReasonKey: string; lostReason: string } }>(token, `
    query($id: ID!) { opportunity(id: $id) { lostReasonKey lostReason } }`, { id: deals[1]!.id });
  expect(opportunity).toEqual({ lostReasonKey: 'other', lostReason: 'They make the parts themselves now' });
  await screenshot(page, 'opportunity-people');
  await page.context().close();

  // Finding the customer, in zh-TW: by part of its Chinese name, a contact's phone, the tax number.
  const zh = await signedIn(browser, 'zh-TW');
  await zh.getByRole('link', { name: '客戶' }).click();
  const search = zh.getByLabel('以名稱、電話、電子郵件或統一編號搜尋');
  await search.fill('精密機械');
  await expect(zh.getByTestId('found-accounts')).toContainText('臺灣精密機械股份有限公司');
  await search.fill('0912 345 678');
  await expect(zh.getByTestId('found-contacts')).toContainText('陳怡君');
  await search.fill(taxNumber);
  await expect(zh.getByTestId('found-accounts')).toContainText('臺灣精密機械股份有限公司');
  await screenshot(zh, 'accounts-search');
  await expectAccessible(zh, 'accounts search');

  // The account page: the open deal and the lost one, each with its people; open pipeline as the API sums it.
  await zh.getByTestId('found-accounts').locator(`a[href="/accounts/${accountId}"]`).click();
  await expect(zh).toHaveURL(new RegExp(`/accounts/${accountId}$`));
  await expect(zh.getByTestId('open-deals')).toContainText('Lathe retrofit');
  await expect(zh.getByTestId('open-deals')).toContainText('陳怡君 (採購)');
  await expect(zh.getByTestId('closed-deals')).toContainText('Spare parts');
  await expect(zh.getByTestId('open-pipeline')).toHaveText(/TWD\s300,000/);
  await expect(zh.getByTestId('won-revenue')).toHaveText('—');
  await screenshot(zh, 'account');
  await expectAccessible(zh, 'account');
  await zh.context().close();
});
