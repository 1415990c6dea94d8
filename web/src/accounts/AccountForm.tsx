// A new customer, or editing one's own fields; the version it was read at guards against a
// lost update.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import type { MessageKey } from '../i18n/en';
import { FormActions } from '../shell/FormActions';
import { phoneText } from './ContactDetails';
import { CreateAccountMutation, UpdateAccountMutation } from './editOperations';
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
  /** Left out for a new customer. */
  account?: EditableAccount;
  /** With the customer's id once saved. */
  onDone: (savedId: string | null) => void;
}

export function AccountForm({ account, onDone }: Props) {
  const { t } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [updating, update] = useMutation(UpdateAccountMutation);
  const [creating, create] = useMutation(CreateAccountMutation);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fields = {
      name: textOf(form, 'name'),
      taxNumber: textOf(form, 'taxNumber'),
      industry: textOf(form, 'industry'),
      address: textOf(form, 'address'),
      website: textOf(form, 'website'),
      phones: listOf(form, 'phones'),
    };
    if (account) {
      const result = await update({ input: { id: account.id, expectedVersion: account.version, account: fields } });
      if (result.error) return setError(messageFor(problemOf(result.error), translate));
      return onDone(account.id);
    }
    const result = await create({ input: { account: fields } });
    if (result.error || !result.data) return setError(result.error ? messageFor(problemOf(result.error), translate) : null);
    onDone(result.data.createAccount.id);
  };
  const busy = updating.fetching || creating.fetching;
  return (
    <form className="record-form" aria-labelledby="account-edit-title" onSubmit={(event) => void submit(event)}>
      <h2 id="account-edit-title">{account ? t('accountEdit.title') : t('accountEdit.newTitle')}</h2>
      <label>
        {t('accountEdit.name')}
        <input name="name" required maxLength={200} defaultValue={account?.name} />
      </label>
      <label>
        {t('account.taxNumber')}
        <input name="taxNumber" inputMode="numeric" maxLength={12} defaultValue={account?.taxNumber ?? ''} />
      </label>
      <label>
        {t('account.industry')}
        <input name="industry" defaultValue={account?.industry ?? ''} />
      </label>
      <label>
        {t('account.address')}
        <input name="address" defaultValue={account?.address ?? ''} />
      </label>
      <label>
        {t('accountEdit.phones')}
        <textarea name="phones" rows={2} defaultValue={account?.phones.map(phoneText).join('\n')} />
      </label>
      <label>
        {t('accountEdit.website')}
        <input name="website" type="url" defaultValue={account?.website ?? ''} />
      </label>
      <FormActions
        error={error}
        busy={busy}
        submitLabel={account ? t('opportunity.save') : t('accountEdit.create')}
        onCancel={() => onDone(null)}
      />
    </form>
  );
}
