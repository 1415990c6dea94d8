// One person at a customer: their title, phones and e-mail addresses, and their part in a deal.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import type { ContactFieldsFragment, ContactRole } from '../gql/graphql';
import type { MessageKey } from '../i18n/en';

export function phoneText(phone: { e164: string; extension?: string | null }): string {
  return phone.extension ? `${phone.e164} #${phone.extension}` : phone.e164;
}

interface Props {
  contact: ContactFieldsFragment;
  role?: ContactRole | null;
  /** Shown after the contact points, e.g. a link to the account. */
  children?: ReactNode;
}

export function ContactDetails({ contact, role, children }: Props) {
  const { t } = useTranslation();
  return (
    <li className="contact" data-testid="contact">
      <strong>{contact.name}</strong>
      {contact.title && <span> · {contact.title}</span>}
      {role && <span className="badge">{t(`contactRole.${role}` as MessageKey)}</span>}
      {contact.doNotContact && <span className="badge badge-overdue">{t('contact.doNotContact')}</span>}
      <ul className="contact-points">
        {contact.phones.map((phone) => (
          <li key={phoneText(phone)}>
            <a href={`tel:${phone.e164}`}>{phoneText(phone)}</a>
          </li>
        ))}
        {contact.emails.map((email) => (
          <li key={email}>
            <a href={`mailto:${email}`}>{email}</a>
          </li>
        ))}
      </ul>
      {children}
    </li>
  );
}
