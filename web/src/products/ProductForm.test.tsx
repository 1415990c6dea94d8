import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { initI18n } from '../i18n';
import { ProductForm } from './ProductForm';

afterEach(cleanup);

describe('the product form', () => {
  it('sends a new product with its code and currency in capitals, in zh-TW', () => {
    const onSubmit = vi.fn();
    render(
      <I18nextProvider i18n={initI18n('zh-TW')}>
        <ProductForm busy={false} error={null} onSubmit={onSubmit} />
      </I18nextProvider>,
    );
    fireEvent.change(screen.getByLabelText('產品代碼'), { target: { value: 'erp-cloud' } });
    fireEvent.change(screen.getByLabelText('中文名稱'), { target: { value: '雲端 ERP' } });
    fireEvent.change(screen.getByLabelText('產品線'), { target: { value: 'Software' } });
    fireEvent.change(screen.getByLabelText('定價'), { target: { value: '36000' } });
    fireEvent.change(screen.getByLabelText('幣別'), { target: { value: 'twd' } });
    fireEvent.submit(screen.getByRole('button', { name: '新增此產品' }).closest('form')!);
    expect(onSubmit).toHaveBeenCalledWith({
      code: 'ERP-CLOUD', nameZh: '雲端 ERP', nameEn: undefined, productLine: 'Software', listPrice: '36000',
      currency: 'TWD', launchDate: undefined, active: true,
    });
  });

  it('deactivates a product when its box is cleared on an edit', () => {
    const onSubmit = vi.fn();
    const product = {
      __typename: 'Product' as const, id: 'p1', code: 'LATHE', nameZh: '車床', nameEn: 'Lathe', productLine: 'Machines',
      listPrice: { amount: '120000', currency: 'TWD' }, launchDate: '2026-09-01', active: true, version: 2,
    };
    render(
      <I18nextProvider i18n={initI18n('en')}>
        <ProductForm product={product} busy={false} error="The code is taken." onSubmit={onSubmit} />
      </I18nextProvider>,
    );
    expect(screen.getByRole('alert').textContent).toBe('The code is taken.');
    fireEvent.click(screen.getByLabelText('On sale (new lines may sell it)'));
    fireEvent.submit(screen.getByRole('button', { name: 'Save' }).closest('form')!);
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ code: 'LATHE', listPrice: '120000', launchDate: '2026-09-01', active: false }));
  });
});
