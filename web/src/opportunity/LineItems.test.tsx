// The line-item editor against a urql client whose only stand-in is the network (fetch).
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { Client, fetchExchange, Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { initI18n } from '../i18n';
import { LineItems } from './LineItems';

const PRODUCTS = {
  products: {
    __typename: 'ProductConnection',
    nodes: [
      { __typename: 'Product', id: 'p1', code: 'LATHE', nameZh: '車床', nameEn: 'Lathe', productLine: 'Machines', listPrice: { __typename: 'Money', amount: '120000', currency: 'TWD' } },
      { __typename: 'Product', id: 'p2', code: 'PLC', nameZh: '控制器', nameEn: 'Controller', productLine: 'Parts', listPrice: { __typename: 'Money', amount: '300', currency: 'USD' } },
    ],
  },
};

/** Answers the two operations the editor sends, and keeps what was asked. */
function network() {
  const sent: { operationName: string; variables: Record<string, unknown> }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://console.test');
    const body = init?.body ? (JSON.parse(String(init.body)) as { query: string; variables: Record<string, unknown> }) : null;
    const query = body?.query ?? url.searchParams.get('query') ?? '';
    const variables = body?.variables ?? JSON.parse(url.searchParams.get('variables') ?? '{}');
    const operationName = /(?:query|mutation) (\w+)/.exec(query)?.[1] ?? '';
    sent.push({ operationName, variables });
    const data =
      operationName === 'SellableProducts'
        ? PRODUCTS
        : { setLineItems: { __typename: 'Opportunity', id: 'o1', version: 5, value: { __typename: 'Money', amount: '324000', currency: 'TWD' }, lineItems: [] } };
    return new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  return sent;
}

function editor(language: 'en' | 'zh-TW', onSaved = vi.fn()) {
  const client = new Client({ url: 'http://console.test/graphql', exchanges: [fetchExchange], preferGetMethod: false });
  render(
    <I18nextProvider i18n={initI18n(language)}>
      <Provider value={client}>
        <LineItems opportunityId="o1" version={4} currency="TWD" lines={[]} editable onSaved={onSaved} />
      </Provider>
    </I18nextProvider>,
  );
  return onSaved;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the line-item editor', () => {
  it('starts the unit price at the list price, totals the lines and saves them', async () => {
    const sent = network();
    const onSaved = editor('en');
    fireEvent.click(screen.getByRole('button', { name: 'Add line items' }));
    await screen.findByRole('option', { name: 'LATHE · Lathe' });
    fireEvent.change(screen.getByLabelText('Product, line 1'), { target: { value: 'p1' } });
    expect((screen.getByLabelText('Unit price (TWD), line 1') as HTMLInputElement).value).toBe('120000');
    fireEvent.change(screen.getByLabelText('Quantity, line 1'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Discount %, line 1'), { target: { value: '10' } });
    expect(screen.getByLabelText('Total, line 1').textContent).toMatch(/^TWD\s324,000$/);
    expect(screen.getByTestId('lines-sum').textContent).toMatch(/^TWD\s324,000$/);
    fireEvent.click(screen.getByRole('button', { name: 'Save the line items' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(sent.find((s) => s.operationName === 'SetLineItems')?.variables).toEqual({
      input: {
        id: 'o1',
        expectedVersion: 4,
        currency: 'TWD',
        lineItems: [{ productId: 'p1', quantity: '3', unitPrice: '120000', discountPercent: '10' }],
      },
    });
  });

  it('leaves the price to be typed when the list price is in another currency, and refuses a bad line in zh-TW', async () => {
    const sent = network();
    const onSaved = editor('zh-TW');
    fireEvent.click(screen.getByRole('button', { name: '加入產品明細' }));
    await screen.findByRole('option', { name: 'PLC · 控制器' });
    fireEvent.change(screen.getByLabelText('第 1 行產品'), { target: { value: 'p2' } });
    expect((screen.getByLabelText('第 1 行單價（TWD）') as HTMLInputElement).value).toBe('');
    fireEvent.change(screen.getByLabelText('第 1 行單價（TWD）'), { target: { value: '9000' } });
    fireEvent.change(screen.getByLabelText('第 1 行數量'), { target: { value: '0' } });
    fireEvent.submit(screen.getByRole('button', { name: '儲存產品明細' }).closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toBe('數量必須是大於零的數字。');
    expect(sent.some((s) => s.operationName === 'SetLineItems')).toBe(false);
    expect(onSaved).not.toHaveBeenCalled();
  });
});
