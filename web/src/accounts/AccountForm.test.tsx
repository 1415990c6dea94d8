// Clearing an optional field: the API keeps a field left out or sent as null, and clears one sent
// empty (AccountInput: "Fields left out keep their value on an edit"), so the form sends "".
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { Client, fetchExchange, Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { initI18n } from '../i18n';
import { AccountForm } from './AccountForm';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('editing a customer', () => {
  it('sends an emptied tax number and website as empty text, which the API clears', async () => {
    const sent: Record<string, unknown>[] = [];
    vi.stubGlobal('fetch', vi.fn(async (_: RequestInfo | URL, init?: RequestInit) => {
      sent.push((JSON.parse(String(init?.body)) as { variables: Record<string, unknown> }).variables);
      return new Response(JSON.stringify({ data: { updateAccount: { __typename: 'Account', id: 'a1', version: 3 } } }), {
        headers: { 'content-type': 'application/json' },
      });
    }));
    const onDone = vi.fn();
    const client = new Client({ url: 'http://console.test/graphql', exchanges: [fetchExchange], preferGetMethod: false });
    render(
      <I18nextProvider i18n={initI18n('en')}>
        <Provider value={client}>
          <AccountForm
            account={{ id: 'a1', version: 2, name: 'Acme', taxNumber: '04595257', industry: 'Machines', address: null, website: 'https://acme.tw', phones: [] }}
            onDone={onDone}
          />
        </Provider>
      </I18nextProvider>,
    );
    fireEvent.change(screen.getByLabelText('Tax ID (統一編號)'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Website'), { target: { value: '  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('a1'));
    expect(sent[0]).toEqual({
      input: {
        id: 'a1', expectedVersion: 2,
        account: { name: 'Acme', taxNumber: '', industry: 'Machines', address: '', website: '', phones: [] },
      },
    });
  });
});
