// The catalogue and what hangs on it: an administrator keeps the products; a rep sells them as
// a deal's line items and links the customer's people with their part; a manager edits a
// customer, merges a duplicate customer and a duplicate person after confirming which stays;
// an import shows the customer and person each card was matched to or created as.
import { expect, test, type Browser, type Page } from '@playwright/test';

import { api, expectAccessible, screenshot, signInAs, tokenFor } from './support';

const ADMIN = /Sign in as Admin/;
const REP = /王小華 Hsiao-Hua Wang/;
const MANAGER = /林美 Mei Lin/;
const REP_EMAIL = 'hh.wang@pipewise.demo';

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function signedIn(browser: Browser, who: RegExp, locale: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signInAs(page, who);
  return page;
}

interface Created {
  id: string;
  version: number;
}

async function product(code: string, listPrice: string, nameZh: string, nameEn: string): Promise<string> {
  const token = await tokenFor('admin@pipewise.demo');
  const { createProduct } = await api<{ createProduct: { id: string } }>(token, `
    mutation($input: ProductInput!) { createProduct(input: $input) { id } }`, {
    input: { code, nameZh, nameEn, productLine: 'Machines', listPrice, currency: 'TWD', active: true },
  });
  return createProduct.id;
}

async function deal(token: string, title: string): Promise<Created> {
  const { createOpportunity } = await api<{ createOpportunity: Created }>(token, `
    mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id version } }`, {
    input: { title, customerName: title, amount: '1000', currency: 'TWD', expectedCloseDate: '2031-06-30' },
  });
  return createOpportunity;
}

async function account(token: string, name: string, contacts: { name: string; emails?: string[]; title?: string }[]) {
  const { createAccount } = await api<{ createAccount: { id: string } }>(token, `
    mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { input: { account: { name } } });
  const ids: string[] = [];
  for (const contact of contacts) {
    const { createContact } = await api<{ createContact: { id: string } }>(token, `
      mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`, {
      input: { accountId: createAccount.id, contact },
    });
    ids.push(createContact.id);
  }
  return { id: createAccount.id, contactIds: ids };
}

async function link(token: string, o: Created, accountId: string, contactId: string): Promise<void> {
  await api(token, `
    mutation($input: LinkOpportunityAccountInput!) { linkOpportunityAccount(input: $input) { id } }`, {
    input: { opportunityId: o.id, expectedVersion: o.version, accountId, contacts: [{ contactId, role: 'DECISION_MAKER' }] },
  });
}

test('an administrator adds, finds, edits and deactivates a product; reps see no catalogue in the menu', async ({ browser }) => {
  const code = `LATHE-${run}`.toUpperCase();
  const page = await signedIn(browser, ADMIN, 'en-US');
  await page.getByRole('link', { name: 'Products' }).click();
  await page.getByRole('button', { name: 'New product' }).click();
  const form = page.getByRole('form', { name: 'A new product' });
  await form.getByLabel('Code').fill(code);
  await form.getByLabel('Name in Chinese').fill(`數控車床 ${run}`);
  await form.getByLabel('Name in English').fill(`CNC lathe ${run}`);
  await form.getByLabel('Product line').fill('Machines');
  await form.getByLabel('List price').fill('120000');
  await form.getByLabel('Currency').fill('TWD');
  await form.getByLabel('Launch date').fill('2026-09-01');
  await form.getByRole('button', { name: 'Add the product' }).click();
  await expect(page.getByRole('status')).toHaveText(`${code} saved.`);

  // Found by a word of its Chinese name; edited; deactivated, and so shown.
  await page.getByLabel('Search by code or name').fill(`數控車床 ${run}`);
  const row = page.locator(`[data-testid=product][data-code="${code}"]`);
  await expect(row).toContainText('TWD 120,000');
  await expect(row).toContainText('CNC lathe');
  await expect(page.getByTestId('product')).toHaveCount(1);
  await page.getByRole('button', { name: `Edit ${code}` }).click();
  const edit = page.getByRole('form', { name: `Edit ${code}` });
  await edit.getByLabel('List price').fill('118000');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(row).toContainText('TWD 118,000');
  await screenshot(page, 'products');
  await expectAccessible(page, 'products');
  await page.getByRole('button', { name: `Deactivate ${code}` }).click();
  await expect(row).toContainText('Deactivated');
  const token = await tokenFor('admin@pipewise.demo');
  const { products } = await api<{ products: { nodes: { code: string; active: boolean; listPrice: { amount: string } }[] } }>(
    token, 'query($s: String) { products(filter: { search: $s }) { nodes { code active listPrice { amount } } } }', { s: code });
  expect(products.nodes).toEqual([{ code, active: false, listPrice: { amount: expect.stringMatching(/^118000(\.0+)?$/) } }]);

  // In Traditional Chinese, at tablet width.
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.getByTestId('language').selectOption('zh-TW');
  await expect(page.getByRole('heading', { name: '產品目錄' })).toBeVisible();
  await expect(row).toContainText('已停用');
  await screenshot(page, 'products-zh-1024');
  await expectAccessible(page, 'products in zh-TW');
  await page.context().close();

  const rep = await signedIn(browser, REP, 'en-US');
  await expect(rep.getByRole('link', { name: 'Reports' })).toHaveCount(0);
  await expect(rep.getByRole('link', { name: 'Products' })).toHaveCount(0);
  await rep.context().close();
});

test('a rep sells catalogue products as line items and links the people with their part, at phone width', async ({ browser }) => {
  const lathe = `LT-${run}`.toUpperCase();
  const spindle = `SP-${run}`.toUpperCase();
  await product(lathe, '120000', `車床 ${run}`, `Lathe ${run}`);
  await product(spindle, '45000', `主軸 ${run}`, `Spindle ${run}`);
  const token = await tokenFor(REP_EMAIL);
  const o = await deal(token, `Line items ${run}`);
  const customer = await account(token, `高雄精機 ${run} 股份有限公司`, [
    { name: '黃志豪', title: '廠長' },
    { name: '林雅惠', title: '採購' },
  ]);

  const page = await signedIn(browser, REP, 'en-US');
  await page.goto(`/opportunities/${o.id}`);
  await page.getByRole('button', { name: 'Add line items' }).click();
  await page.getByLabel('Product, line 1').selectOption({ label: `${lathe} · Lathe ${run}` });
  await expect(page.getByLabel('Unit price (TWD), line 1')).toHaveValue('120000');
  await page.getByLabel('Quantity, line 1').fill('3');
  await page.getByLabel('Discount %, line 1').fill('10');
  await expect(page.getByLabel('Total, line 1')).toHaveText('TWD 324,000');
  await page.getByRole('button', { name: 'Add a line' }).click();
  await page.getByLabel('Product, line 2').selectOption({ label: `${spindle} · Spindle ${run}` });
  await page.getByLabel('Unit price (TWD), line 2').fill('40000');
  await expect(page.getByTestId('lines-sum')).toHaveText('TWD 364,000');
  await screenshot(page, 'line-items-editing');
  await expectAccessible(page, 'line-item editor');
  await page.getByRole('button', { name: 'Save the line items' }).click();
  await expect(page.getByTestId('line-items')).toContainText(lathe);
  await expect(page.getByTestId('amount-from-lines')).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'TWD 364,000' })).toBeVisible();
  const { opportunity } = await api<{ opportunity: { value: { amount: string }; lineItems: { productCode: string }[] } }>(
    token, 'query($id: ID!) { opportunity(id: $id) { value { amount } lineItems { productCode } } }', { id: o.id });
  expect(Number(opportunity.value.amount)).toBe(364000);
  expect(opportunity.lineItems.map((l) => l.productCode)).toEqual([lathe, spindle]);

  // The customer and its purchaser as the influencer, chosen on the same page at phone width.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Link a customer and people' }).click();
  await page.getByLabel('Find a customer by name, phone, e-mail or tax ID').fill(`高雄精機 ${run}`);
  await page.getByRole('button', { name: `高雄精機 ${run} 股份有限公司` }).click();
  await expect(page.getByTestId('chosen-account')).toHaveText(`高雄精機 ${run} 股份有限公司`);
  await page.getByLabel('林雅惠').check();
  await page.getByLabel('Part of 林雅惠').selectOption('INFLUENCER');
  await screenshot(page, 'link-people-390');
  await expectAccessible(page, 'linking people');
  await page.getByRole('button', { name: 'Save the links' }).click();
  await expect(page.getByTestId('customer')).toHaveText(`高雄精機 ${run} 股份有限公司`);
  await expect(page.getByTestId('contact')).toContainText('林雅惠');
  await expect(page.getByTestId('contact')).toContainText('Influencer');
  await expect(page.getByTestId('timeline')).toContainText('Customer and people set');
  await screenshot(page, 'opportunity-lines-390');
  const linked = await api<{ opportunity: { accountId: string; contacts: { contactId: string; role: string }[] } }>(
    token, 'query($id: ID!) { opportunity(id: $id) { accountId contacts { contactId role } } }', { id: o.id });
  expect(linked.opportunity).toEqual({ accountId: customer.id, contacts: [{ contactId: customer.contactIds[1], role: 'INFLUENCER' }] });

  // Without lines the amount is typed again.
  await page.getByRole('button', { name: 'Edit line items' }).click();
  await page.getByRole('button', { name: 'Remove line 2' }).click();
  await page.getByRole('button', { name: 'Remove line 1' }).click();
  await page.getByRole('button', { name: 'Save the line items' }).click();
  await expect(page.getByLabel('Amount', { exact: true })).toBeEditable();
  await expect(page.getByTestId('amount-from-lines')).toHaveCount(0);
  const typed = await api<{ opportunity: { lineItems: unknown[] } }>(token, 'query($id: ID!) { opportunity(id: $id) { lineItems { productId } } }', { id: o.id });
  expect(typed.opportunity.lineItems).toEqual([]);
  await page.context().close();
});

test('a manager edits a customer and its person, then merges a duplicate customer and person', async ({ browser }) => {
  const token = await tokenFor(REP_EMAIL);
  const keep = await account(token, `台中工具機 ${run}`, [{ name: '吳建宏', emails: [`wu.${run}@example.tw`] }]);
  const twin = await account(token, `台中工具機 ${run} 有限公司 (dup)`, [{ name: '吳建宏 (dup)', title: '經理' }]);
  const first = await deal(token, `Mill ${run}`);
  const second = await deal(token, `Drill ${run}`);
  await link(token, first, keep.id, keep.contactIds[0]!);
  await link(token, second, twin.id, twin.contactIds[0]!);

  // A rep may edit but not merge.
  const rep = await signedIn(browser, REP, 'en-US');
  await rep.goto(`/accounts/${keep.id}`);
  await expect(rep.getByRole('button', { name: 'Edit the customer' })).toBeVisible();
  await expect(rep.getByRole('heading', { name: 'Merge a duplicate into this customer' })).toHaveCount(0);
  await rep.context().close();

  const page = await signedIn(browser, MANAGER, 'zh-TW');
  await page.goto(`/accounts/${keep.id}`);
  await page.getByRole('button', { name: '編輯客戶' }).click();
  await page.getByLabel('產業').fill('工具機');
  await page.getByLabel('電話（每行一個）').fill('04-2345-6789');
  await page.getByRole('button', { name: '儲存' }).click();
  await expect(page.getByTestId('account-status')).toHaveText('已儲存。');
  await expect(page.getByRole('definition').filter({ hasText: '+886423456789' })).toBeVisible();
  await page.getByRole('button', { name: '編輯 吳建宏' }).click();
  await page.getByLabel('請勿聯絡').check();
  await page.getByLabel('備註').fill('只接受電子郵件');
  await page.getByRole('button', { name: '儲存' }).click();
  await expect(page.getByTestId('contact').filter({ hasText: '吳建宏' })).toContainText('請勿聯絡');

  // The duplicate customer, found by name; the dialog names the one that stays.
  await page.getByLabel('搜尋重複的客戶').fill(`台中工具機 ${run} 有限公司`);
  await page.getByRole('button', { name: `將「台中工具機 ${run} 有限公司 (dup)」合併到此客戶` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`保留：台中工具機 ${run}`);
  await screenshot(page, 'merge-accounts-confirm');
  await expectAccessible(page, 'merge confirmation');
  await dialog.getByRole('button', { name: '合併' }).click();
  await expect(page.getByTestId('account-status')).toHaveText(`「台中工具機 ${run} 有限公司 (dup)」已合併到「台中工具機 ${run}」。`);
  await expect(page.getByTestId('open-deals')).toContainText(`Drill ${run}`);
  await expect(page.getByTestId('open-deals')).toContainText(`Mill ${run}`);

  // The two records of one person: the duplicate's deal now names the one kept.
  await page.getByLabel('保留').selectOption({ label: '吳建宏' });
  await page.getByLabel('合併進來').selectOption({ label: '吳建宏 (dup) · 經理' });
  await page.getByRole('button', { name: '合併…' }).click();
  await expect(page.getByRole('dialog')).toContainText('保留：吳建宏');
  await page.getByRole('dialog').getByRole('button', { name: '合併' }).click();
  await expect(page.getByTestId('account-status')).toHaveText('「吳建宏 (dup)」已合併到「吳建宏」。');
  await expect(page.getByTestId('contact')).toHaveCount(1);
  await expect(page.getByTestId('open-deals').getByRole('row', { name: new RegExp(`Drill ${run}`) })).toContainText('吳建宏 (決策者)');
  await screenshot(page, 'account-merged');
  await expectAccessible(page, 'account after merges');

  // The merge is in the moved deal's timeline; the merged record points at the survivor.
  await page.goto(`/opportunities/${second.id}`);
  await expect(page.getByTestId('timeline')).toContainText('客戶已合併至另一筆資料');
  await expect(page.getByTestId('timeline')).toContainText('聯絡人已合併至另一筆資料');
  await page.goto(`/accounts/${twin.id}`);
  await expect(page.getByTestId('merged-into')).toBeVisible();
  await page.getByRole('link', { name: '開啟保留的客戶' }).click();
  await expect(page).toHaveURL(new RegExp(`/accounts/${keep.id}$`));
  await page.context().close();
});

test('import results name the customer and person each card matched or created', async ({ browser }) => {
  const token = await tokenFor(REP_EMAIL);
  const known = `彰化五金 ${run}`;
  const email = `tsai.${run}@changhua.example`;
  await account(token, known, [{ name: '蔡明哲', emails: [email] }]);
  const fresh = `嘉義電機 ${run}`;
  const csv = [
    '公司,聯絡人,電話,電子郵件,預估金額,幣別,備註',
    `${known},蔡明哲,,${email},80000,TWD,`,
    `${fresh},許淑芬,0922-456-789,hsu.${run}@chiayi.example,120000,TWD,`,
  ].join('\r\n');

  const page = await signedIn(browser, MANAGER, 'en-US');
  await page.getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('CSV file (Big5 or UTF-8)').setInputFiles({ name: `cards-${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf-8') });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const links = page.getByTestId('import-links');
  await expect(links.getByTestId('import-link')).toHaveCount(2, { timeout: 60_000 });
  const matched = links.getByTestId('import-link').filter({ hasText: known });
  const created = links.getByTestId('import-link').filter({ hasText: fresh });
  await expect(matched).toContainText(known);
  await expect(matched).toContainText('蔡明哲');
  await expect(matched).toContainText('found by e-mail');
  await expect(created).toContainText(fresh);
  await expect(created).toContainText('許淑芬');
  await expect(created.getByText('created')).toHaveCount(2);
  await expect(page.getByTestId('import-link-summary')).toContainText('Customers: 1 found, 1 created');
  await screenshot(page, 'import-links');
  await expectAccessible(page, 'import links');
  await created.getByRole('link', { name: fresh }).click();
  await expect(page.getByRole('heading', { name: fresh })).toBeVisible();
  await page.context().close();
});

test('a rep adds a customer and a person at tablet width; a wrong tax number is refused and saves nothing', async ({ browser }) => {
  const name = `屏東農機 ${run} 股份有限公司`;
  const page = await signedIn(browser, REP, 'zh-TW', 1024);
  await page.getByRole('link', { name: '客戶' }).click();
  await page.getByRole('button', { name: '新增客戶' }).click();
  await page.getByLabel('公司名稱').fill(name);
  await page.getByLabel('統一編號', { exact: true }).fill('12345678');
  await page.getByLabel('電話（每行一個）').fill('08-765-4321');
  await page.getByRole('button', { name: '新增此客戶' }).click();
  await expect(page.getByRole('alert')).toHaveText('統一編號不正確。');
  const token = await tokenFor(REP_EMAIL);
  const before = await api<{ accounts: { totalCount: number } }>(token, 'query($s: String) { accounts(filter: { search: $s }) { totalCount } }', { s: name });
  expect(before.accounts.totalCount).toBe(0);

  await page.getByLabel('統一編號', { exact: true }).fill('');
  await page.getByRole('button', { name: '新增此客戶' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: '+88687654321' })).toBeVisible();
  await page.getByRole('button', { name: '新增聯絡人' }).click();
  await page.getByLabel('姓名').fill('鄭文雄');
  await page.getByLabel('職稱').fill('總經理');
  await page.getByLabel('電話（每行一個，例如 0912-345-678）').fill('0933-222-111');
  await page.getByRole('button', { name: '新增此聯絡人' }).click();
  await expect(page.getByTestId('contact')).toContainText('+886933222111');
  await expect(page.getByTestId('contact')).toContainText('總經理');
  await screenshot(page, 'account-new-1024');
  await expectAccessible(page, 'new account');
  await page.context().close();
});
