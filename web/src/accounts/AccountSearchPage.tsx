// Finding a customer: one box searching accounts and contacts by name (Chinese or English),
// phone, e-mail address or tax number; each hit leads to the account's page.
import { useDeferredValue, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import type { MessageKey } from '../i18n/en';
import { navigate } from '../shell/router';
import { AccountForm } from './AccountForm';
import { ContactDetails, phoneText } from './ContactDetails';
import { AccountSearchQuery } from './operations';

function AccountLink({ id, children }: { id: string; children: ReactNode }) {
  return (
    <a href={`/accounts/${id}`} onClick={(event) => { event.preventDefault(); navigate(`/accounts/${id}`); }}>
      {children}
    </a>
  );
}

export default function AccountSearchPage() {
  const { t } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [typed, setTyped] = useState('');
  const [adding, setAdding] = useState(false);
  const search = useDeferredValue(typed.trim());
  const [{ data, error, fetching }] = useQuery({ query: AccountSearchQuery, variables: { search }, pause: search === '' });
  return (
    <section className="accounts-page">
      <div className="section-header">
        <h1>{t('accounts.title')}</h1>
        {!adding && (
          <button type="button" onClick={() => setAdding(true)}>
            {t('accountEdit.new')}
          </button>
        )}
      </div>
      {adding && (
        <div className="panel">
          <AccountForm onDone={(id) => (id ? navigate(`/accounts/${id}`) : setAdding(false))} />
        </div>
      )}
      <label className="search">
        {t('accounts.search')}
        <input type="search" value={typed} onChange={(event) => setTyped(event.target.value)} autoFocus />
      </label>
      {error && <p role="alert">{messageFor(problemOf(error), translate)}</p>}
      {search !== '' && data && !fetching && (
        <div className="search-results">
          <section aria-labelledby="found-accounts">
            <h2 id="found-accounts">{t('accounts.found', { count: data.accounts.totalCount })}</h2>
            <ul data-testid="found-accounts">
              {data.accounts.nodes.map((account) => (
                <li key={account.id}>
                  <AccountLink id={account.id}>{account.name}</AccountLink>
                  {account.taxNumber && <span> · {t('account.taxNumber')} {account.taxNumber}</span>}
                  {account.phones[0] && <span> · {phoneText(account.phones[0])}</span>}
                  {account.owner && <span> · {account.owner.name}</span>}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="found-contacts">
            <h2 id="found-contacts">{t('accounts.foundContacts', { count: data.contacts.totalCount })}</h2>
            <ul className="contacts" data-testid="found-contacts">
              {data.contacts.nodes.map((contact) => (
                <ContactDetails key={contact.id} contact={contact}>
                  <AccountLink id={contact.accountId}>{t('accounts.openAccount', { name: contact.name })}</AccountLink>
                </ContactDetails>
              ))}
            </ul>
          </section>
        </div>
      )}
    </section>
  );
}
