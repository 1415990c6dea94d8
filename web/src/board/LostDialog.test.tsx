import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { initI18n } from '../i18n';
import { LostDialog, type LostChoice } from './LostDialog';

const reasons = [
  { key: 'price', nameZh: '價格', nameEn: 'Price', retired: false },
  { key: 'fax', nameZh: '傳真', nameEn: 'Sent by fax', retired: true },
  { key: 'other', nameZh: '其他', nameEn: 'Other', retired: false },
];

afterEach(cleanup);

function open(language: 'en' | 'zh-TW', onSubmit: (choice: LostChoice) => void) {
  const i18n = initI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <LostDialog title="Booth for Acme" reasons={reasons} busy={false} error={null} onSubmit={onSubmit} onCancel={() => {}} />
    </I18nextProvider>,
  );
}

describe('the lost dialog', () => {
  it("offers the pipeline's active reasons and sends the chosen key", () => {
    const onSubmit = vi.fn();
    open('en', onSubmit);
    expect(screen.queryByLabelText('Sent by fax')).toBeNull();
    const submit = screen.getByRole('button', { name: 'Mark as lost', hidden: true }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('Price'));
    fireEvent.click(submit);
    expect(onSubmit).toHaveBeenCalledWith({ lostReasonKey: 'price' });
  });

  it('asks for words when the reason is "other", in Traditional Chinese', () => {
    const onSubmit = vi.fn();
    open('zh-TW', onSubmit);
    fireEvent.click(screen.getByLabelText('其他'));
    const submit = screen.getByRole('button', { name: '標記為失單', hidden: true }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('補充說明（選「其他」時必填）'), { target: { value: '客戶改用自家工廠' } });
    fireEvent.click(submit);
    expect(onSubmit).toHaveBeenCalledWith({ lostReasonKey: 'other', lostReason: '客戶改用自家工廠' });
  });
});
