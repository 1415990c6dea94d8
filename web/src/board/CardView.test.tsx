import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';

import { initI18n } from '../i18n';
import { CardBody } from './CardView';
import type { Card } from './columns';

const late: Card = {
  id: 'o1', title: 'Sample for Acme', customerName: 'Acme Ltd.', version: 3, ownerId: 'u1', team: 'north',
  sourceId: null, status: 'OPEN', pipelineId: 'p', value: { amount: '1250000.00', currency: 'TWD' },
  stage: { key: 'sample', nameZh: '樣品', nameEn: 'Sample', kind: 'OPEN' }, probability: { effective: 40 },
  expectedCloseDate: '2020-01-02', overdue: true, rotting: true, owner: { id: 'u1', name: '陳志明' },
};

afterEach(cleanup);

describe('a card', () => {
  it('shows amount with its currency code, owner and badges in English', () => {
    const i18n = initI18n('en');
    render(<I18nextProvider i18n={i18n}><CardBody card={late} alertDays={7} /></I18nextProvider>);
    expect(screen.getByText(/^TWD\s1,250,000$/)).toBeTruthy();
    expect(screen.getByText('Owner: 陳志明')).toBeTruthy();
    expect(screen.getByText('Overdue')).toBeTruthy();
    expect(screen.getByText('Rotting')).toBeTruthy();
    expect(screen.queryByText('Closing soon')).toBeNull();
  });

  it('speaks Traditional Chinese', async () => {
    const i18n = initI18n('zh-TW');
    await i18n.changeLanguage('zh-TW');
    render(<I18nextProvider i18n={i18n}><CardBody card={late} alertDays={7} /></I18nextProvider>);
    expect(screen.getByText('已逾期')).toBeTruthy();
    expect(screen.getByText('負責人：陳志明')).toBeTruthy();
  });
});
