import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';

import { initI18n } from '../i18n';
import { decimal, PolicyVersions } from './PolicyVersions';
import { clientAnswering, type Handler } from './testServer';

const policy = (version: number, baseReward: string, creditRule = 'OWNER_AT_CLOSE') => ({
  __typename: 'Policy', version, baseReward, newCustomerBonus: '500', newProductBonus: '300', creditRule,
  createdAt: '2026-03-01T02:00:00+00:00', createdBy: version ? 'admin-1' : null,
});
const V0 = policy(0, '1000');
const V1 = policy(1, '1200', 'SHARED_BY_TIME_OWNED');

afterEach(cleanup);

function show(language: 'en' | 'zh-TW', handler: Handler) {
  const { client, sent } = clientAnswering(handler);
  render(
    <I18nextProvider i18n={initI18n(language)}>
      <Provider value={client}>
        <PolicyVersions />
      </Provider>
    </I18nextProvider>,
  );
  return sent;
}

describe('appraisal policy versions', () => {
  it('lists the versions newest first with the one in force marked, in Traditional Chinese', async () => {
    show('zh-TW', () => ({ data: { appraisalPolicy: V1, appraisalPolicies: [V0, V1], users: [{ __typename: 'User', id: 'admin-1', name: 'Admin' }] } }));
    const rows = within(await screen.findByTestId('policies')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-version'))).toEqual(['1', '0']);
    expect(rows[0]!.getAttribute('aria-current')).toBe('true');
    expect(within(rows[0]!).getByText('現行')).toBeTruthy();
    expect(within(rows[0]!).getByText('依負責時間分攤')).toBeTruthy();
    expect(within(rows[1]!).getByText('系統預設')).toBeTruthy();
  });

  it('shows any version in full', async () => {
    show('en', () => ({ data: { appraisalPolicy: V1, appraisalPolicies: [V0, V1], users: [{ __typename: 'User', id: 'admin-1', name: 'Admin' }] } }));
    fireEvent.click(await screen.findByRole('button', { name: 'Show version 0' }));
    const details = screen.getByTestId('policy-details');
    expect(within(details).getByRole('heading').textContent).toBe('Version 0');
    expect(within(details).getByText('1,000')).toBeTruthy();
    expect(within(details).getByText('The owner at close')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show version 1' }));
    expect(within(screen.getByTestId('policy-details')).getByText('Admin')).toBeTruthy();
  });

  it('refuses a negative amount before asking, then saves the next version', async () => {
    let saved = false;
    const sent = show('en', (operation) => {
      if (operation === 'SetAppraisalPolicy') {
        saved = true;
        return { data: { setAppraisalPolicy: policy(2, '1500') } };
      }
      return { data: { appraisalPolicy: saved ? policy(2, '1500') : V1, appraisalPolicies: saved ? [V0, V1, policy(2, '1500')] : [V0, V1], users: [] } };
    });
    await screen.findByRole('row', { current: true }); // the terms in force have arrived
    fireEvent.click(screen.getByRole('button', { name: 'New version' }));
    const form = screen.getByTestId('policy-form');
    expect((within(form).getByLabelText('Base reward') as HTMLInputElement).value).toBe('1200');
    fireEvent.change(within(form).getByLabelText('Base reward'), { target: { value: '-5' } });
    fireEvent.submit(form);
    expect((await screen.findByRole('alert')).textContent).toBe('Base reward: enter a number of zero or more.');
    fireEvent.change(within(form).getByLabelText('Base reward'), { target: { value: '1500' } });
    fireEvent.change(within(form).getByLabelText('Credit'), { target: { value: 'OWNER_AT_CLOSE' } });
    fireEvent.submit(form);
    expect(await screen.findByText('Version 2 is now in force.')).toBeTruthy();
    expect(sent.find((c) => c.operation === 'SetAppraisalPolicy')?.variables).toEqual({
      input: { baseReward: '1500', newCustomerBonus: '500', newProductBonus: '300', creditRule: 'OWNER_AT_CLOSE' },
    });
    await waitFor(() =>
      expect(within(screen.getByTestId('policies')).getByRole('row', { current: true }).getAttribute('data-version')).toBe('2'),
    );
  });

  it('reads amounts as the API takes them', () => {
    expect(decimal(' 12.5 ')).toBe('12.5');
    expect(decimal('1e3')).toBeNull();
    expect(decimal('-1')).toBeNull();
    expect(decimal('')).toBeNull();
  });
});
