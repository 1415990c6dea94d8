// Editing a customer's own fields; the version it was read at guards against a lost update.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import type { MessageKey } from '../i18n/en';
import { phoneText } from './ContactDetails';
import { UpdateAccountMutation } from './editOperations';
import { listOf, textOf } from './fields';

export interface EditableAccount {
  id: string;
  version: number;
  name: string;
  taxNumber?: string | null;
  industry?: string | null;
  address?: string | null;
  website?: string | null;
  phones: readonly { e164: string; extension?: string | null }[];
}

interface Props {
  account: EditableAccount;
  onDone: (saved: boolean) => void;
}

export function AccountForm({ account, onDone }: Props) {
  const { t } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [saving, update] = useMutation(UpdateAccountMutation);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await update({
      input: {
        id: account.id,
        expectedVersion: account.version,
        account: {
          name: textOf(form, 'name'),
          taxNumber: textOf(form, 'taxNumber'),
          industry: textOf(form, 'industry'),
          address: textOf(form, 'address'),
          website: textOf(form, 'website'),
          phones: listOf(form, 'phones'),
        },
      },
    });
    if (result.error) return setError(messageFor(problemOf(result.error), translate));
    onDone(true);
  };
  return (
    <form className="record-form" aria-labelledby="account-edit-title" onSubmit={(event) => void submit(event)}>
      <h2 id="account-edit-title">{t('accountEdit.title')}</h2>
      <label>
        {t('accountEdit.name')}
        <input name="name" required maxLength={200} defaultValue={account.name} />
      </label>
      <label>
        {t('account.taxNumber')}
        <input name="taxNumber" inputMode="numeric" maxLength={12} defaultValue={account.taxNumber ?? ''} />
      </label>
      <label>
        {t('account.industry')}
        <input name="industry" defaultValue={account.industry ?? ''} />
      </label>
      <label>
        {t('account.address')}
        <input name="address" defaultValue={account.address ?? ''} />
      </label>
      <label>
        {t('accountEdit.phones')}
        <textarea name="phones" rows={2} defaultValue={account.phones.map(phoneText).join('\n')} />
      </label>
      <label>
        {t('accountEdit.website')}
        <input name="website" type="url" defaultValue={account.website ?? ''} />
      </label>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => onDone(false)} disabled={saving.fetching}>
          {t('evidence.cancel')}
        </button>
        <button type="submit" className="primary" disabled={saving.fetching}>
          {t('opportunity.save')}
        </button>
      </div>
    </form>
  );
}
