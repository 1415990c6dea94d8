// Choosing a deal's customer (an account found by name, phone, e-mail or tax number) and which
// of its contacts the deal involves, each with their part in it. Saving replaces the links.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import type { ContactRole } from '../gql/graphql';
import type { MessageKey } from '../i18n/en';
import { AccountContactsQuery } from './operations';
import { LinkAccountSearchQuery, LinkOpportunityAccountMutation } from './linkOperations';

export const ROLES: ContactRole[] = ['DECISION_MAKER', 'INFLUENCER', 'USER', 'PURCHASING'];

interface Props {
  opportunityId: string;
  version: number;
  account: { id: string; name: string } | null;
  links: readonly { contactId: string; role: ContactRole }[];
  onDone: (saved: boolean) => void;
}

export function LinkPeople({ opportunityId, version, account: linked, links, onDone }: Props) {
  const { t } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [account, setAccount] = useState(linked);
  const [search, setSearch] = useState('');
  const [roles, setRoles] = useState<Map<string, ContactRole>>(
    () => new Map(links.map((link) => [link.contactId, link.role])),
  );
  const [error, setError] = useState<string | null>(null);
  const [{ data: found }] = useQuery({ query: LinkAccountSearchQuery, variables: { search: search.trim() }, pause: search.trim().length < 2 });
  const [{ data: people }] = useQuery({ query: AccountContactsQuery, variables: { accountId: account?.id ?? '' }, pause: !account });
  const [saving, link] = useMutation(LinkOpportunityAccountMutation);

  const choose = (next: { id: string; name: string }) => {
    if (next.id !== account?.id) setRoles(new Map());
    setAccount(next);
    setSearch('');
  };
  const toggle = (contactId: string, on: boolean) =>
    setRoles((current) => {
      const next = new Map(current);
      if (on) next.set(contactId, current.get(contactId) ?? 'DECISION_MAKER');
      else next.delete(contactId);
      return next;
    });
  const save = async () => {
    if (!account) return setError(t('people.chooseAccount'));
    const result = await link({
      input: {
        opportunityId,
        expectedVersion: version,
        accountId: account.id,
        contacts: [...roles].map(([contactId, role]) => ({ contactId, role })),
      },
    });
    if (result.error) return setError(messageFor(problemOf(result.error), translate));
    onDone(true);
  };

  return (
    <form
      className="link-people"
      aria-labelledby="link-title"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 id="link-title">{t('people.linkTitle')}</h2>
      <p>
        {t('people.account')}: <strong data-testid="chosen-account">{account?.name ?? '—'}</strong>
      </p>
      <label>
        {t('people.findAccount')}
        <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
      </label>
      {search.trim().length >= 2 && (
        <ul className="choices" aria-label={t('people.accountsFound')}>
          {(found?.accounts.nodes ?? []).map((a) => (
            <li key={a.id}>
              <button type="button" className="link" onClick={() => choose(a)}>
                {a.name}{a.taxNumber ? ` (${a.taxNumber})` : ''}
              </button>
            </li>
          ))}
        </ul>
      )}
      {account && (
        <fieldset className="contact-roles">
          <legend>{t('people.contacts')}</legend>
          {(people?.contacts.nodes ?? []).map((contact) => {
            const role = roles.get(contact.id);
            return (
              <div key={contact.id} className="contact-role">
                <label className="checkbox">
                  <input type="checkbox" checked={role !== undefined} onChange={(event) => toggle(contact.id, event.target.checked)} />
                  {contact.name}
                  {contact.doNotContact && <span className="badge badge-overdue">{t('contact.doNotContact')}</span>}
                </label>
                {role !== undefined && (
                  <label>
                    {t('people.roleOf', { name: contact.name })}
                    <select value={role} onChange={(event) => setRoles(new Map(roles).set(contact.id, event.target.value as ContactRole))}>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>{t(`contactRole.${r}` as MessageKey)}</option>
                      ))}
                    </select>
                  </label>
                )}
              </div>
            );
          })}
          {people && people.contacts.nodes.length === 0 && <p>{t('people.noContacts')}</p>}
        </fieldset>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => onDone(false)} disabled={saving.fetching}>
          {t('evidence.cancel')}
        </button>
        <button type="submit" className="primary" disabled={saving.fetching || !account}>
          {t('people.save')}
        </button>
      </div>
    </form>
  );
}
