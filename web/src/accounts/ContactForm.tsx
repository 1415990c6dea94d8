// A person at a customer, new or edited: name, title, e-mails, phones (as people write them),
// notes and the do-not-contact flag.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import type { ContactFieldsFragment, ContactInput } from '../gql/graphql';
import type { MessageKey } from '../i18n/en';
import { FormActions } from '../shell/FormActions';
import { phoneText } from './ContactDetails';
import { CreateContactMutation, UpdateContactMutation } from './editOperations';
import { listOf, textOf } from './fields';

interface Props {
  accountId: string;
  contact?: ContactFieldsFragment;
  onDone: (saved: boolean) => void;
}

export function contactInput(form: FormData): ContactInput {
  return {
    name: textOf(form, 'name'),
    title: textOf(form, 'title'),
    emails: listOf(form, 'emails'),
    phones: listOf(form, 'phones'),
    notes: textOf(form, 'notes'),
    doNotContact: form.get('doNotContact') === 'on',
  };
}

export function ContactForm({ accountId, contact, onDone }: Props) {
  const { t } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [creating, create] = useMutation(CreateContactMutation);
  const [updating, update] = useMutation(UpdateContactMutation);
  const [error, setError] = useState<string | null>(null);
  const id = contact ? `contact-${contact.id}` : 'contact-new';
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = contactInput(new FormData(event.currentTarget));
    const result = contact
      ? await update({ input: { id: contact.id, expectedVersion: contact.version, contact: input } })
      : await create({ input: { accountId, contact: input } });
    if (result.error) return setError(messageFor(problemOf(result.error), translate));
    onDone(true);
  };
  const busy = creating.fetching || updating.fetching;
  return (
    <form className="record-form" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)}>
      <h3 id={`${id}-title`}>{contact ? t('contactEdit.editTitle', { name: contact.name }) : t('contactEdit.newTitle')}</h3>
      <label>
        {t('contactEdit.name')}
        <input name="name" required maxLength={200} defaultValue={contact?.name} />
      </label>
      <label>
        {t('contactEdit.jobTitle')}
        <input name="title" defaultValue={contact?.title ?? ''} />
      </label>
      <label>
        {t('contactEdit.emails')}
        <textarea name="emails" rows={2} defaultValue={contact?.emails.join('\n')} />
      </label>
      <label>
        {t('contactEdit.phones')}
        <textarea name="phones" rows={2} defaultValue={contact?.phones.map(phoneText).join('\n')} />
      </label>
      <label>
        {t('contactEdit.notes')}
        <textarea name="notes" rows={3} defaultValue={contact?.notes ?? ''} />
      </label>
      <label className="checkbox">
        <input type="checkbox" name="doNotContact" defaultChecked={contact?.doNotContact ?? false} />
        {t('contact.doNotContact')}
      </label>
      <FormActions
        error={error}
        busy={busy}
        submitLabel={contact ? t('opportunity.save') : t('contactEdit.create')}
        onCancel={() => onDone(false)}
      />
    </form>
  );
}
